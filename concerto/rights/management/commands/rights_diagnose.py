"""manage.py rights_diagnose FILE.json: the entitlements, gaps and reste à vivre of one
household (an object) or of a batch (a list, one OpenFisca request), as JSON on standard
output. Writes nothing. The format is the staff form's (docs/rights.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concerto.rights.engine import diagnose_many
from concerto.rights.household import HouseholdErrors, parse_household
from concerto.rights.openfisca import OpenFiscaRejected, OpenFiscaUnavailable


class Command(BaseCommand):
    help = "Diagnostic des droits d'un foyer (ou d'une liste de foyers) décrit en JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="fichier JSON (format de docs/rights.md), - pour l'entrée")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
            data = json.loads(text)
        except OSError as exc:
            raise CommandError(f"Impossible de lire {name} : {exc.strerror}") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(f"{name} n'est pas du JSON valide (ligne {exc.lineno}).") from exc
        batch = isinstance(data, list)
        items = data if batch else [data]
        households, problems = [], []
        for index, item in enumerate(items):
            try:
                households.append(parse_household(item))
            except HouseholdErrors as exc:
                where = f"foyer {index + 1} : " if batch else ""
                problems += [
                    f"{where}{path or 'foyer'} : {msg}" for path, msg in exc.errors.items()
                ]
        if problems:
            raise CommandError("Réponses à corriger :\n" + "\n".join(problems))
        try:
            results = [d.as_dict() for d in diagnose_many(households)]
        except (OpenFiscaUnavailable, OpenFiscaRejected) as exc:
            raise CommandError(str(exc)) from exc
        output = results if batch else results[0]
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
