"""``manage.py loaddemo``: the Nantes demo, two processes.

    manage.py loaddemo [--contributions N] [--reset] [--allow-demo-accounts]

The « Assises des nouvelles solidarités » at their real dates (2022 to today: the report,
the answer, the strategy and its follow-up) and a « Scénario de démonstration » open today.

Without ``--reset``, an existing demo is left untouched (exit 0), so ``make demo`` can
run it every time. Demo login accounts get the documented password
``concerto-demo-2022`` when DEBUG is on; with DEBUG off they are only created with
``--allow-demo-accounts``, with random passwords printed once.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from concerto.contributions.models import Contribution
from concerto.demo.loader import ACCOUNTS, DEMO_PASSWORD, SITE_DOMAIN, Accounts, load_demo


class Command(BaseCommand):
    help = (
        "Crée la démo : les « Assises des nouvelles solidarités » (Nantes, 2022) à leurs "
        "vraies dates, un « Scénario de démonstration » ouvert aujourd'hui, des contributions "
        "fictives et un compte par rôle."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--contributions",
            type=int,
            default=400,
            metavar="N",
            help="Nombre de contributions individuelles fictives (déterministes) des Assises "
            "(400 par défaut).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Supprime les démarches de démonstration existantes avant de les recréer.",
        )
        parser.add_argument(
            "--allow-demo-accounts",
            action="store_true",
            help="Crée les comptes de démonstration même si DEBUG est désactivé "
            "(mots de passe aléatoires).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count: int = options["contributions"]
        if count < 0:
            raise CommandError("--contributions doit être positif ou nul.")
        if settings.DEBUG:
            accounts = Accounts.FIXED
        elif options["allow_demo_accounts"]:
            accounts = Accounts.RANDOM
        else:
            accounts = Accounts.NONE
        started = time.perf_counter()
        result = load_demo(
            contributions=count,
            reset=options["reset"],
            accounts=accounts,
        )
        elapsed = time.perf_counter() - started
        process = result.process
        if not result.created:
            existing = Contribution.objects.filter(process=process).count()
            self.stdout.write(
                f"La démo « {process.title} » existe déjà ({existing} contributions) : "
                "rien n'a été modifié. Utilisez --reset pour la recréer."
            )
            if accounts is Accounts.FIXED:
                self.stdout.write(
                    "Comptes de démonstration : "
                    + ", ".join(spec.email for spec in ACCOUNTS)
                    + f" (mot de passe documenté : {DEMO_PASSWORD})."
                )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Démo créée en {elapsed:.1f} s : « {process.title} » à ses vraies dates "
                f"({result.contributions} contributions individuelles fictives)"
                + (
                    f" et « {result.scenario.title} », ouvert aujourd'hui "
                    f"({result.scenario_contributions} contributions fictives)."
                    if result.scenario
                    else "."
                )
            )
        )
        self.stdout.write(f"  http://{SITE_DOMAIN}{process.get_absolute_url()}")
        if result.scenario:
            self.stdout.write(f"  http://{SITE_DOMAIN}{result.scenario.get_absolute_url()}")
        if result.credentials:
            self.stdout.write("Comptes de démonstration (données fictives) :")
            for credential in result.credentials:
                self.stdout.write(
                    f"  {credential.label:<24} {credential.email:<32} "
                    f"mot de passe : {credential.password}"
                )
        else:
            self.stdout.write(
                self.style.WARNING(
                    "DEBUG est désactivé : aucun compte de démonstration n'a été créé "
                    "(--allow-demo-accounts pour les créer)."
                )
            )
