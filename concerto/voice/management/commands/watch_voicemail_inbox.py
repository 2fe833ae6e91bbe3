"""Poll the voicemail inbox folder: ``--once`` for cron and tests, else a bounded loop."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from concerto.voice.services import inbox_poll


class Command(BaseCommand):
    help = "Enregistre les messages audio déposés dans le dossier de l'opérateur."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Un seul passage.")
        parser.add_argument("--interval", type=float, default=10.0)
        parser.add_argument(
            "--max-rounds", type=int, default=360, help="Passages avant de s'arrêter."
        )
        parser.add_argument("--inbox", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        inbox = Path(options["inbox"] or settings.CONCERTO_VOICEMAIL_INBOX)
        rounds = 1 if options["once"] else max(1, options["max_rounds"])
        for i in range(rounds):
            report = inbox_poll(inbox)
            if report.stored or report.problems or report.duplicates or options["once"]:
                self.stdout.write(
                    f"{inbox} : {report.stored} enregistré(s), {report.duplicates} déjà "
                    f"reçu(s), {report.problems} à traiter à la main (vide, illisible, trop "
                    "long ou trop volumineux)."
                )
            if i + 1 < rounds:
                time.sleep(options["interval"])
