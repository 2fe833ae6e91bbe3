"""Purge personal data kept longer than CONCERTO_RETENTION_DAYS (run it daily, e.g. cron).

Idempotent: a second run finds nothing left and reports zeros. Prints counts only.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from concerto.accounts.lockout import login_history_purge
from concerto.organisations.members import invitations_purge_expired
from concerto.privacy.services import personal_data_purge
from concerto.rights.services import purge_cases


class Command(BaseCommand):
    help = (
        "Efface les données personnelles conservées au-delà de CONCERTO_RETENTION_DAYS "
        "(ce que chaque app déclare dans son privacy.py : adresses e-mail, noms des "
        "contributions non publiées, pièces jointes non publiées, "
        "textes originaux masqués, coordonnées des demandes traitées, noms et contacts des "
        "inscriptions aux événements passés) ; l'historique des connexions au-delà de "
        "CONCERTO_LOGIN_HISTORY_DAYS ; les adresses des invitations expirées des organisations "
        "(CONCERTO_INVITATION_DAYS)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Compter sans rien effacer.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = int(settings.CONCERTO_RETENTION_DAYS)
        report = personal_data_purge(days=days, dry_run=options["dry_run"])
        prefix = "[simulation] " if report.dry_run else ""
        verb = "à effacer" if report.dry_run else "effacé(e)s"
        self.stdout.write(
            f"{prefix}Durée de conservation : {days} jours "
            f"(contributions reçues avant le {report.cutoff:%Y-%m-%d %H:%M})."
        )
        lines = [
            ("contributions concernées", report.contributions),
            (f"adresses e-mail {verb}", report.emails),
            (f"noms ou pseudonymes {verb}", report.names),
            (f"pièces jointes {verb}", report.attachments),
            (f"textes originaux masqués {verb}", report.masked_originals),
            (f"demandes (coordonnées) {verb}", report.requests),
            (f"inscriptions aux événements passés (nom, contact) {verb}", report.registrations),
            (f"contacts de cahiers d'acteurs {verb}", report.cahier_contacts),
        ]
        # What other apps declare (their purge's counts, by key).
        lines += [(f"{key} {verb}", count) for key, count in sorted(report.others.items())]
        for label, count in lines:
            self.stdout.write(f"{prefix}{label} : {count}")
        self.stdout.write(f"{prefix}Total : {report.total}")
        login_days = int(settings.CONCERTO_LOGIN_HISTORY_DAYS)
        logins = login_history_purge(days=login_days, dry_run=options["dry_run"])
        self.stdout.write(
            f"{prefix}historique des connexions de plus de {login_days} jours "
            f"(adresse, IP, navigateur) {verb} : {logins}"
        )
        invitations = invitations_purge_expired(dry_run=options["dry_run"])
        self.stdout.write(
            f"{prefix}adresses des invitations expirées (CONCERTO_INVITATION_DAYS) {verb} : "
            f"{invitations}"
        )
        cases = purge_cases(dry_run=options["dry_run"])
        self.stdout.write(
            f"{prefix}dossiers d'accès aux droits dont la durée de conservation "
            f"({settings.CONCERTO_RIGHTS_RETENTION_MONTHS} mois) est passée {verb} : {cases}"
        )
