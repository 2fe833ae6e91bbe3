"""manage.py loaddemo_rights [--wait SECONDS]: the access-to-rights demo (concerto.demo.rights).
Waits for the OpenFisca Web API (CONCERTO_OPENFISCA_URL) up to --wait seconds; `make demo`
runs it once the service is started."""

from __future__ import annotations

import time
import urllib.request
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from concerto.demo.loader import DEMO_PASSWORD
from concerto.demo.rights import load_rights_demo
from concerto.rights.openfisca import OpenFiscaRejected, OpenFiscaUnavailable


class Command(BaseCommand):
    help = "Charge la démo de l'accès aux droits (lieux, agent·e·s, 30 foyers inventés)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--wait", type=int, default=0, help="secondes d'attente d'OpenFisca")

    def handle(self, *args: Any, **options: Any) -> None:
        deadline = time.monotonic() + max(options["wait"], 0)
        url = str(settings.CONCERTO_OPENFISCA_URL).rstrip("/") + "/spec"
        while True:
            try:
                urllib.request.urlopen(url, timeout=5)  # noqa: S310 (the configured service)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise CommandError(
                        "OpenFisca ne répond pas : lancez tools/openfisca/serve.sh "
                        "(make openfisca pour l'installer)."
                    ) from None
                time.sleep(2)
        try:
            with self.settings_for_demo():
                result = load_rights_demo()
        except (OpenFiscaUnavailable, OpenFiscaRejected) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Accès aux droits : {result.places} lieux, {result.cases} dossiers inventés."
            )
        )
        if settings.DEBUG:
            self.stdout.write(f"  {', '.join(result.agents)} (mot de passe : {DEMO_PASSWORD})")

    def settings_for_demo(self) -> Any:
        from django.test import override_settings

        # The first calculation loads the model: give the batch its time.
        return override_settings(CONCERTO_OPENFISCA_TIMEOUT=600)
