"""Quality and speed of the voicemail speech recognition (concerto/voice).

Makes French test messages offline with espeak-ng (``-v fr``), turns them into telephone
quality with sox (8 kHz, mono, mu-law), transcribes them with the application's own
function (faster-whisper, CPU, int8) and measures:

- word error rate against the known text (lower case, punctuation removed);
- real-time factor: seconds of computing per second of audio (< 1: faster than real time).

    .venv/bin/python bench/speech_bench.py [--model-dir DIR] [--write]

The model directory defaults to CONCERTO_WHISPER_MODEL_DIR, else var/whisper/base
(bin/install-whisper-model.sh). ``--write`` appends the figures to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concerto.settings_test")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

SENTENCES = [
    "Bonjour, je voudrais plus de bancs dans le parc près de chez moi.",
    "Il faudrait des bus plus tard le soir pour rentrer du travail.",
    "La bibliothèque du quartier devrait ouvrir le dimanche matin.",
    "Les trottoirs sont trop étroits pour les poussettes et les fauteuils roulants.",
    "Je propose un marché de producteurs tous les samedis sur la place.",
    "Mon fils ne trouve pas de stage, il faut aider les jeunes du quartier.",
    "Les loyers sont trop chers, nous avons besoin de logements sociaux.",
    "Merci de nous écouter, au revoir.",
]

NOTES = """\
Ce que ces chiffres disent et ne disent pas : la voix est synthétique (espeak-ng, une voix
robotique, sans bruit de fond ni accent), passée en qualité téléphone (8 kHz, mu-law) ; de
vrais messages (bruit, hésitations, accents) donneront un taux d'erreur plus élevé. Le temps
compte la transcription seule (modèle déjà chargé), sur le CPU en int8 ; le premier
chargement du modèle prend en plus quelques secondes par worker. Le modèle « base » reconnaît
très mal la voix de synthèse d'espeak-ng (une voix à formants, loin de la parole humaine sur
laquelle Whisper a appris) : sur ces phrases, il invente souvent un autre texte, voire
boucle sur une formule (« me dire que ça ne va pas… »), ce qui gonfle le WER au-delà de
100 % et le temps de calcul. Ce chiffre ne mesure donc pas ce que donnerait un vrai message ;
il montre que le brouillon automatique n'est qu'une aide, et que la relecture à l'écoute
reste le chemin normal (la transcription à la main marche sans modèle)."""


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text.lower()).replace("’", "'")
    return re.sub(r"[^\w'\s-]", " ", text).replace("-", " ").split()


def wer(reference: str, hypothesis: str) -> tuple[int, int]:
    ref, hyp = words(reference), words(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1], len(ref)


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise SystemExit(f"{name} est introuvable : lancez `make system-deps`.")
    return path


def make_message(text: str, folder: Path, index: int) -> tuple[Path, float]:
    raw, phone = folder / f"{index}-raw.wav", folder / f"{index}-tel.wav"
    subprocess.run([tool("espeak-ng"), "-v", "fr", "-s", "150", "-w", str(raw), text], check=True)
    subprocess.run(
        [tool("sox"), str(raw), "-r", "8000", "-c", "1", "-e", "mu-law", str(phone)], check=True
    )
    duration = float(
        subprocess.run(
            [tool("soxi"), "-D", str(phone)], check=True, capture_output=True, text=True
        ).stdout
    )
    return phone, duration


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", default="")
    parser.add_argument("--write", action="store_true", help="append to bench/RESULTS.md")
    args = parser.parse_args()
    model_dir = (
        args.model_dir
        or os.environ.get("CONCERTO_WHISPER_MODEL_DIR", "")
        or str(ROOT / "var" / "whisper" / "base")
    )
    import django

    django.setup()
    from concerto.voice.services import _model, transcribe_file

    if not (Path(model_dir) / "model.bin").exists():
        raise SystemExit(f"Pas de modèle dans {model_dir} : lancez bin/install-whisper-model.sh.")
    _model(model_dir)  # load once, outside the timings
    errors = total = 0
    audio_seconds = compute_seconds = 0.0
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for index, sentence in enumerate(SENTENCES):
            path, duration = make_message(sentence, Path(tmp), index)
            started = time.perf_counter()
            text, _segments = transcribe_file(str(path), model_dir)
            elapsed = time.perf_counter() - started
            e, n = wer(sentence, text)
            errors, total = errors + e, total + n
            audio_seconds += duration
            compute_seconds += elapsed
            lines.append(f"  {e}/{n} erreurs, {duration:.1f} s d'audio en {elapsed:.2f} s : {text}")
    rate, rtf = errors / total, compute_seconds / audio_seconds
    print("\n".join(lines))
    print(f"WER {rate:.1%} ({errors}/{total} mots), facteur temps réel {rtf:.3f}")
    if args.write:
        from faster_whisper import __version__ as fw_version  # type: ignore[import-untyped]

        espeak = subprocess.run(
            [tool("espeak-ng"), "--version"], capture_output=True, text=True, check=True
        ).stdout.split()[3]
        cpus = os.cpu_count()
        section = f"""
## Messages téléphoniques : reconnaissance vocale (bench/speech_bench.py)

Commande : `.venv/bin/python bench/speech_bench.py --write` — {time.strftime("%Y-%m-%d")}, \
{cpus} cœurs, Python {platform.python_version()}, faster-whisper {fw_version} (CPU, int8, \
beam 5, température 0), modèle Whisper base multilingue de PyPI (`bin/install-whisper-model.sh`), \
espeak-ng {espeak} `-v fr`, sox 8 kHz mu-law.

- messages : {len(SENTENCES)} phrases, {audio_seconds:.1f} s d'audio en tout
- taux d'erreur sur les mots (WER) : {rate:.1%} ({errors} erreurs sur {total} mots)
- facteur temps réel : {rtf:.3f} ({compute_seconds:.1f} s de calcul pour \
{audio_seconds:.1f} s d'audio ; cible : moins de 1, plus vite que le temps réel)

{NOTES}
"""
        with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as handle:
            handle.write(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
