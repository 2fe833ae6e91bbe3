"""Places and cases for the rights tests (cases are made through the services)."""

from __future__ import annotations

from typing import Any

from concerto.rights.engine import Diagnosis, Entitlement
from concerto.rights.household import parse_household
from concerto.rights.models import Case, Place
from concerto.rights.services import case_create

HOUSEHOLD: dict[str, Any] = {
    "mois": "2025-06",
    "quartier": "Bellevue",
    "membres": [{"role": "demandeur", "date_naissance": "1985-02-10", "activite": "chomeur"}],
    "logement": {"statut": "locataire_vide", "loyer": 450, "charges": 40},
}


def place(slug: str = "bellevue", agents: list[Any] | None = None) -> Place:
    found, _ = Place.objects.get_or_create(
        slug=slug,
        defaults={"name": f"Guichet {slug}", "kind": Place.Kind.COUNTER, "quartier": "Bellevue"},
    )
    for agent in agents or []:
        found.agents.add(agent)
    return found


def diagnosis(rsa: float = 568.94, received: float = 0.0) -> Diagnosis:
    """A result as the engine returns it (for tests of the case pages, not of amounts)."""
    status = "non_reclame" if received == 0 else "percu"
    return Diagnosis(
        month="2025-06",
        country_package="openfisca-france",
        version="176.1.8",
        entitlements=[
            Entitlement(
                code="rsa", label="Revenu de solidarité active (RSA)", period="month",
                estimated=rsa, received=received, gap=rsa - received if not received else 0.0,
                status=status, status_label=status, organisation="CAF de Loire-Atlantique",
                organisation_url="https://www.caf.fr", documents=["RIB"], explanation="Un revenu.",
            )
        ],
        consumption_units=1.0, resources=0.0, benefits_before=received, benefits_after=rsa,
        charges_before=490.0, charges_after=490.0,
        reste_a_vivre_before=round((received - 490) / 30, 2),
        reste_a_vivre_after=round((rsa - 490) / 30, 2),
    )  # fmt: skip


def case(agent: Any, at: Place | None = None, **data: Any) -> Case:
    household_data = {**HOUSEHOLD, **data}
    return case_create(
        agent=agent,
        place=at or place(agents=[agent]),
        data=household_data,
        household=parse_household(household_data),
        diagnosis=diagnosis(),
    )
