#!/usr/bin/env bash
# Restauration d'une sauvegarde de bin/backup.sh dans la base de DATABASE_URL et MEDIA_ROOT.
#
#   bin/restore.sh var/backups/<horodatage>      (ou BACKUP=... bin/restore.sh)
#
# Arrêtez l'application (serveurs web et db_worker) avant. PostgreSQL : pg_restore
# --clean --if-exists --no-owner en une seule transaction (tout ou rien), dans une base
# existante, vide ou non. SQLite : la base est remplacée par la copie (API de sauvegarde).
# Fichiers : l'ancien MEDIA_ROOT est gardé à côté (MEDIA_ROOT.avant-restauration-<date>),
# jamais supprimé. Demande confirmation si le terminal est interactif, sauf RESTORE_YES=1.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=python3
DATABASE_URL=${DATABASE_URL:-sqlite:///$ROOT/var/concerto.sqlite3}
MEDIA_ROOT=${CONCERTO_MEDIA_ROOT:-$ROOT/var/media}
src=${1:-${BACKUP:-}}
[ -n "$src" ] || { echo "Usage : bin/restore.sh var/backups/<horodatage>" >&2; exit 2; }
[ -d "$src" ] || { echo "Sauvegarde introuvable : $src" >&2; exit 2; }
src=$(cd "$src" && pwd)

(cd "$src" && sha256sum --check --quiet SHA256SUMS) || {
  echo "Sauvegarde altérée (SHA256SUMS) : restauration annulée." >&2
  exit 1
}

if [ -t 0 ] && [ "${RESTORE_YES:-0}" != 1 ]; then
  read -r -p "Remplacer la base et les fichiers par la sauvegarde $src ? (oui/non) " answer
  [ "$answer" = oui ] || { echo "Annulé."; exit 1; }
fi

case "$DATABASE_URL" in
  postgres://* | postgresql://* | pgsql://* | postgis://*)
    [ -f "$src/db.dump" ] || { echo "Cette sauvegarde n'est pas PostgreSQL." >&2; exit 1; }
    url="postgresql://${DATABASE_URL#*://}"
    pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
      --exit-on-error --dbname "$url" "$src/db.dump"
    ;;
  sqlite://*)
    [ -f "$src/db.sqlite3" ] || { echo "Cette sauvegarde n'est pas SQLite." >&2; exit 1; }
    path=${DATABASE_URL#sqlite:///}
    mkdir -p "$(dirname "$path")"
    "$PYTHON" - "$src/db.sqlite3" "$path" <<'PY'
import sqlite3
import sys

source = sqlite3.connect(sys.argv[1])
target = sqlite3.connect(sys.argv[2], timeout=30)
source.backup(target)  # replaces every page of the target, under its write lock
target.close()
source.close()
PY
    ;;
  *)
    echo "DATABASE_URL non prise en charge (postgres:// ou sqlite:///)." >&2
    exit 1
    ;;
esac

media=${MEDIA_ROOT%/}
parent=$(dirname "$media")
mkdir -p "$parent"
fresh=$(mktemp -d "$parent/.restauration-XXXXXX")
trap 'rm -rf "$fresh"' ERR INT TERM
tar --extract --gzip --file "$src/media.tar.gz" --directory "$fresh" --no-same-owner
if [ -e "$media" ]; then
  if [ -n "$(ls -A "$media")" ]; then
    mv "$media" "$media.avant-restauration-$(date -u +%Y%m%dT%H%M%SZ)"
  else
    rmdir "$media"
  fi
fi
chmod 755 "$fresh"
mv "$fresh" "$media"
trap - ERR INT TERM
echo "Restauration terminée depuis $src"
