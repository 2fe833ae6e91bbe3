"""The access-to-rights demo, loaded through the services on the real OpenFisca service."""

from __future__ import annotations

import pytest
from django.test import override_settings

from concerto.demo.rights import PLACES, load_rights_demo
from concerto.rights.models import Case, Orientation, Place

pytestmark = pytest.mark.django_db


def test_demo_has_the_places_two_agents_and_30_invented_cases_at_every_stage(openfisca_url):
    with override_settings(
        CONCERTO_OPENFISCA_URL=openfisca_url, CONCERTO_OPENFISCA_BATCH_TIMEOUT=600
    ):
        result = load_rights_demo()
    assert result.places == len(PLACES) == Place.objects.count()
    assert {p.name for p in Place.objects.all()} >= {
        "Guichet d'accès aux droits de Bellevue",
        "Guichet CCAS de proximité du Pôle Daniel Asseray",
        "Maison de la longévité",
    }
    assert Case.objects.count() == 30 and not Case.objects.filter(invented=False).exists()
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == {Case.Status.OPEN, Case.Status.ORIENTED, Case.Status.CLOSED} or statuses >= {
        Case.Status.ORIENTED,
        Case.Status.CLOSED,
    }
    assert Orientation.objects.filter(outcome=Orientation.Outcome.OBTAINED).exists()
    assert Case.objects.exclude(next_appointment=None).exists()
    assert all(c.diagnostics.get().country_package_version for c in Case.objects.all())
