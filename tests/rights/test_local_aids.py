"""CCAS aids as dated rules kept by staff: validity dates, age bands (18–25), reste à vivre
per consumption unit and per day, household type, quartier."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from concerto.rights.local_aids import eligible_aids
from concerto.rights.models import LocalAid
from tests.rights import factories

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 12, 1)


def aid(name, **rule):
    values = {"amount": 100, "valid_from": dt.date(2024, 7, 1), "decided_by": "délibération"}
    return LocalAid.objects.create(name=name, **{**values, **rule})


def names(case, rav, day=DAY):
    return {a.name for a in eligible_aids(case, rav, day)}


def test_rules(rights_agent):
    case = factories.case(rights_agent)  # born 1985, personne seule, Bellevue
    aid("ouverte")
    aid("18-25", min_age=18, max_age=25)
    aid("sous 10 €", max_reste_a_vivre=10)
    aid("familles", household_types="parent_seul, couple_avec_enfants")
    aid("Bottière", quartiers="Bottière")
    aid("ancienne", valid_until=dt.date(2025, 1, 1))
    aid("future", valid_from=dt.date(2027, 1, 1))
    assert names(case, 9.5) == {"ouverte", "sous 10 €"}
    assert names(case, 10.01) == {"ouverte"}
    assert "ancienne" in names(case, 9.5, dt.date(2024, 12, 31))


def test_young_adult_gets_the_18_25_aid(rights_agent):
    young = factories.case(
        rights_agent,
        membres=[{"role": "demandeur", "date_naissance": "2005-01-20", "activite": "etudiant"}],
    )
    aid("18-25", min_age=18, max_age=25)
    assert names(young, 20) == {"18-25"}


def test_case_page_lists_the_aids(rights_agent, client_for):
    case = factories.case(rights_agent)  # reste à vivre before: (0 − 490) / 1 / 30 < 0
    aid("Aide aux factures d'énergie", max_reste_a_vivre=10, invented=True)
    page = client_for("rights_agent").get(reverse("rights:case", args=[case.number]))
    assert "Aide aux factures" in page.content.decode()
    assert "inventée pour la démonstration" in page.content.decode()
