"""Delete uploaded attachment files that no Attachment row references.

``contribution_submit`` writes each file before its transaction commits (so a committed
row always has its file). If the process dies in between (SIGKILL, OOM, power cut),
the transaction rolls back and the file stays on disk with nothing pointing to it.
This command removes such files once they are older than ``--min-age`` seconds
(one hour by default, far longer than any submission takes, so files of a submission
still in flight are never touched). Running it twice does nothing the second time.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from concerto.contributions.models import Attachment

ATTACHMENTS_DIR = "private/attachments"


def orphan_files(*, min_age: float, now: float | None = None) -> list[Path]:
    """Files under MEDIA_ROOT/private/attachments older than ``min_age`` seconds and
    referenced by no Attachment row."""
    root = Path(settings.MEDIA_ROOT)
    folder = root / ATTACHMENTS_DIR
    if not folder.is_dir():
        return []
    now = time.time() if now is None else now
    # Listed before reading the rows: a file created after this listing is not considered,
    # and a row committed after the listing can only make a file referenced, never orphan.
    candidates = [path for path in folder.rglob("*") if path.is_file()]
    referenced = set(Attachment.objects.values_list("file", flat=True))
    orphans = []
    for path in candidates:
        if path.relative_to(root).as_posix() in referenced:
            continue
        try:
            age = now - path.stat().st_mtime
        except FileNotFoundError:  # deleted meanwhile
            continue
        if age >= min_age:
            orphans.append(path)
    return sorted(orphans)


class Command(BaseCommand):
    help = "Supprime les pièces jointes sur disque qu'aucune contribution ne référence."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--min-age",
            type=float,
            default=3600.0,
            help="Âge minimal en secondes d'un fichier pour être supprimé (3600 par défaut).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Affiche les fichiers sans les supprimer."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        min_age = float(options["min_age"])
        if min_age < 0:
            raise ValueError("--min-age doit être positif.")
        orphans = orphan_files(min_age=min_age)
        root = Path(settings.MEDIA_ROOT)
        deleted = 0
        for path in orphans:
            name = path.relative_to(root).as_posix()
            if options["dry_run"]:
                self.stdout.write(f"orphelin : {name}")
                continue
            path.unlink(missing_ok=True)
            deleted += 1
        verb = "à supprimer" if options["dry_run"] else "supprimés"
        self.stdout.write(
            f"{len(orphans) if options['dry_run'] else deleted} fichiers orphelins {verb}."
        )
