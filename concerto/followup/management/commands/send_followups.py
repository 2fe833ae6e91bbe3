"""Droit de suite: detect what changed downstream of the contributions whose author opted
in, and send the weekly digests that are due (run it daily or hourly: cron, systemd timer).

Idempotent: a second run records and sends nothing new. Prints counts only, never addresses.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from concerto.followup.detection import followups_detect
from concerto.followup.notifications import followups_send


class Command(BaseCommand):
    help = (
        "Droit de suite : repère ce qui a changé pour les contributions dont l'auteur·rice "
        "a demandé à être informé·e, et envoie les courriels dus (au plus un par adresse et "
        "par semaine)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Compter sans rien enregistrer ni envoyer."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = bool(options["dry_run"])
        prefix = "[simulation] " if dry_run else ""
        detected = followups_detect(dry_run=dry_run)
        self.stdout.write(
            f"{prefix}Contributions suivies : {detected.contributions} ; "
            f"événements nouveaux : {detected.events}"
        )
        sent = followups_send(dry_run=dry_run)
        verb = "à envoyer" if dry_run else "envoyés"
        self.stdout.write(
            f"{prefix}Courriels {verb} : {sent.sent} ({sent.events} nouvelles) ; "
            f"en attente (moins de 7 jours depuis le dernier) : {sent.waiting} ; "
            f"échecs : {sent.failed}"
        )
