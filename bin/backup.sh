#!/usr/bin/env bash
# Sauvegarde : la base de DATABASE_URL et les fichiers de MEDIA_ROOT.
#
#   bin/backup.sh                 -> var/backups/<horodatage UTC>/
#   BACKUP_DIR=/chemin bin/backup.sh
#
# Contenu du dossier : db.dump (pg_dump -Fc, PostgreSQL) ou db.sqlite3 (API de sauvegarde
# de SQLite), media.tar.gz (tout MEDIA_ROOT, pièces jointes privées comprises), meta.txt
# et SHA256SUMS. La base est sauvegardée AVANT les fichiers : un fichier déposé entre les
# deux est en trop (orphelin, supprimé par purge_orphan_files), jamais manquant.
# Le dossier est écrit sous <nom>.partial puis renommé : un dossier sans .partial est complet.
# Les mêmes variables que l'application : DATABASE_URL, CONCERTO_MEDIA_ROOT.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=python3
DATABASE_URL=${DATABASE_URL:-sqlite:///$ROOT/var/concerto.sqlite3}
MEDIA_ROOT=${CONCERTO_MEDIA_ROOT:-$ROOT/var/media}
BACKUP_ROOT=${BACKUP_ROOT:-$ROOT/var/backups}

stamp=$(date -u +%Y%m%dT%H%M%SZ)
dest=${BACKUP_DIR:-$BACKUP_ROOT/$stamp}
n=1
while [ -e "$dest" ] || [ -e "$dest.partial" ]; do  # two backups in the same second
  dest=${BACKUP_DIR:-$BACKUP_ROOT/$stamp}-$n
  n=$((n + 1))
done
work=$dest.partial
mkdir -p "$work"
trap 'rm -rf "$work"' ERR INT TERM

case "$DATABASE_URL" in
  postgres://* | postgresql://* | pgsql://* | postgis://*)
    url="postgresql://${DATABASE_URL#*://}"
    vendor=postgresql
    pg_dump --format=custom --no-owner --no-privileges --file "$work/db.dump" --dbname "$url"
    pg_restore --list "$work/db.dump" >/dev/null  # the archive is readable
    db_file=db.dump
    ;;
  sqlite://*)
    path=${DATABASE_URL#sqlite:///}
    [ -f "$path" ] || { echo "Base SQLite introuvable : $path" >&2; exit 1; }
    vendor=sqlite
    "$PYTHON" - "$path" "$work/db.sqlite3" <<'PY'
import sqlite3
import sys

source = sqlite3.connect(sys.argv[1], timeout=30)
target = sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)  # a consistent copy, even while the application writes
ok = target.execute("PRAGMA integrity_check").fetchone()[0]
target.close()
source.close()
sys.exit(0 if ok == "ok" else f"copie SQLite invalide : {ok}")
PY
    db_file=db.sqlite3
    ;;
  *)
    echo "DATABASE_URL non prise en charge (postgres:// ou sqlite:///)." >&2
    exit 1
    ;;
esac

if [ -d "$MEDIA_ROOT" ]; then
  # GNU tar exits with 1 when a file changed while being read: the archive is still usable.
  tar --create --gzip --file "$work/media.tar.gz" --directory "$MEDIA_ROOT" . || [ $? -eq 1 ]
else
  tar --create --gzip --file "$work/media.tar.gz" --files-from /dev/null
fi
tar --list --gzip --file "$work/media.tar.gz" >/dev/null

{
  echo "created_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "vendor=$vendor"
  echo "database=$db_file"
  echo "media_files=$(tar --list --gzip --file "$work/media.tar.gz" | grep -cv '/$' || true)"
} >"$work/meta.txt"
(cd "$work" && sha256sum "$db_file" media.tar.gz meta.txt >SHA256SUMS)

trap - ERR INT TERM
mv "$work" "$dest"
echo "Sauvegarde écrite dans $dest"
