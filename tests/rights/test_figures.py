"""Non-take-up aggregates: hand-counted, small cells (< 10 households) suppressed, and the
totals flow into a commitment-2 indicator through the strategy's services."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from concerto.rights import figures
from concerto.rights.models import Orientation
from concerto.rights.services import orientation_record
from tests.rights import factories

pytestmark = pytest.mark.django_db


def make_cases(agent, count):
    cases = [factories.case(agent) for _ in range(count)]
    for case in cases[:4]:  # 4 of them obtained their RSA (568,94 € each)
        orientation_record(agent=agent, orientation=case.orientations.get(), outcome="obtenu")
    return cases


def test_small_cells_are_suppressed(rights_agent):
    make_cases(rights_agent, 9)
    [cell] = figures.cells()
    assert cell.households is None and cell.unclaimed is None and cell.recovered is None
    assert figures.totals().diagnostics is None


def test_cells_and_totals_counted_by_hand(rights_agent):
    make_cases(rights_agent, 10)
    [cell] = figures.cells()
    assert (cell.quartier, cell.age_band, cell.right) == (
        "Bellevue",
        "40-59",
        "Revenu de solidarité active (RSA)",
    )
    assert (cell.households, cell.unclaimed, cell.obtained) == (10, 10, 4)
    assert cell.recovered == Decimal("2275.76")  # 4 × 568,94
    assert figures.totals().obtained == 4


def test_supervisor_page_shows_secret_cells(rights_agent, client_for):
    make_cases(rights_agent, 3)
    page = client_for("rights_supervisor").get(reverse("rights:figures")).content.decode()
    assert "secret" in page
    assert client_for("rights_agent").get(reverse("rights:figures")).status_code == 403


def test_totals_feed_commitment_two_indicators(rights_agent, admin_user):
    from concerto.strategy.models import Action, Commitment, Indicator
    from tests.factories import ProcessFactory

    make_cases(rights_agent, 12)
    process = ProcessFactory()
    commitment = Commitment.objects.create(process=process, number=2, title="Accès aux droits")
    Action.objects.create(
        process=process, commitment=commitment, number=1, code="2.1", title="Guichets"
    )
    out = io.StringIO()
    call_command("rights_indicators", action="2.1", actor=admin_user.email, stdout=out)
    values = {i.name.split(" (")[0]: i.measures.get().value for i in Indicator.objects.all()}
    assert values["Diagnostics d'accès aux droits réalisés"] == 12
    assert values["Droits obtenus après orientation"] == 4
    assert Orientation.objects.count() == 12
