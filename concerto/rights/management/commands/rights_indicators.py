"""manage.py rights_indicators --action 2.1 --actor EMAIL [--process SLUG]: today's
non-take-up totals (concerto.rights.figures, small cells suppressed) as measures of the
indicators of a commitment-2 action, through the strategy's services. Indicators missing on
the action are created with their source in their name. Run it daily (cron) to keep the
public strategy dashboard up to date."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from concerto.accounts.models import User
from concerto.rights.figures import totals
from concerto.strategy.models import Action, Indicator
from concerto.strategy.services.progress import indicator_add, indicator_measure_add

SOURCE = " (source : diagnostics des guichets du CCAS, Concerto)"
INDICATORS = (
    ("diagnostics", "Diagnostics d'accès aux droits réalisés", "foyers"),
    ("unclaimed", "Droits potentiellement non réclamés trouvés", "droits"),
    ("obtained", "Droits obtenus après orientation", "droits"),
    ("recovered", "Montants mensuels estimés des droits obtenus", "€ par mois"),
)


class Command(BaseCommand):
    help = "Met à jour les indicateurs de l'engagement 2 avec les chiffres du non-recours."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--action", required=True, help="code de l'action, par ex. 2.1")
        parser.add_argument("--actor", required=True, help="adresse d'un compte strategy.update")
        parser.add_argument("--process", default="", help="slug de la démarche (si plusieurs)")

    def handle(self, *args: Any, **options: Any) -> None:
        actions = Action.objects.filter(code=options["action"])
        if options["process"]:
            actions = actions.filter(process__slug=options["process"])
        action = actions.first()
        if action is None:
            raise CommandError(f"Aucune action {options['action']}.")
        actor = User.objects.filter(email__iexact=options["actor"]).first()
        if actor is None:
            raise CommandError("Compte inconnu.")
        figures = totals()
        today = timezone.localdate()
        for key, name, unit in INDICATORS:
            value = getattr(figures, key)
            if value is None:
                self.stdout.write(f"{name} : moins de 10 foyers, non publié.")
                continue
            indicator = Indicator.objects.filter(action=action, name=name + SOURCE).first()
            if indicator is None:
                indicator = indicator_add(
                    action=action, name=name + SOURCE, unit=unit, baseline=0, target=0, actor=actor
                )
            indicator_measure_add(
                indicator=indicator, measured_on=today, value=Decimal(value), actor=actor
            )
            self.stdout.write(f"{name} : {value} {unit}")
