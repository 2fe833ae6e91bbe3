"""Only the rights roles see a case; an agent sees the cases of their places only; every
opening is logged; the supervisor sees who opened a case."""

from __future__ import annotations

import pytest
from django.urls import reverse

from concerto.core.models import AuditEvent
from concerto.rights.models import CaseAccess
from tests.conftest import PERSONAS, RIGHTS_PERSONAS
from tests.rights import factories

pytestmark = pytest.mark.django_db
RIGHTS = {"rights_agent", "rights_supervisor"}


@pytest.fixture
def a_case(rights_agent):
    return factories.case(rights_agent)


@pytest.mark.parametrize("persona", PERSONAS + RIGHTS_PERSONAS)
def test_case_pages_by_persona(persona, client_for, a_case):
    client = client_for(persona)
    for name in ("case", "case_letter"):
        response = client.get(reverse(f"rights:{name}", args=[a_case.number]))
        expected = 302 if persona == "anonymous" else 200 if persona in RIGHTS else 403
        assert response.status_code == expected, (name, persona)
    response = client.get(reverse("rights:case_accesses", args=[a_case.number]))
    expected = 302 if persona == "anonymous" else 200 if persona == "rights_supervisor" else 403
    assert response.status_code == expected
    for name in ("staff_home", "diagnostic_new"):
        response = client.get(reverse(f"rights:{name}"))
        assert response.status_code == (
            302 if persona == "anonymous" else 200 if persona in RIGHTS else 403
        )
    assert client.get(reverse("rights:places")).status_code == 200


def test_admin_sees_no_case(client_for, a_case):
    response = client_for("admin").get(reverse("rights:case", args=[a_case.number]))
    assert response.status_code == 403
    assert a_case.number.encode() not in response.content


def test_agent_of_another_place_gets_404(a_case, client_for):
    from tests.factories import UserFactory

    other = UserFactory(email="autre-guichet@exemple.test", roles=["rights_agent"])
    factories.place("nantes-nord", agents=[other])
    client = client_for("anonymous")
    client.force_login(other, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("rights:case", args=[a_case.number])).status_code == 404
    assert a_case.number.encode() not in client.get(reverse("rights:staff_home")).content


def test_every_opening_is_logged_and_shown_to_the_supervisor(a_case, client_for, rights_supervisor):
    client_for("rights_agent").get(reverse("rights:case", args=[a_case.number]))
    client_for("rights_agent").get(reverse("rights:case_letter", args=[a_case.number]))
    accesses = list(CaseAccess.objects.filter(case=a_case).values_list("action", flat=True))
    assert sorted(accesses) == ["consultation", "lettre"]
    assert (
        AuditEvent.objects.filter(action="rights.case_opened", target_id=str(a_case.pk)).count()
        == 2
    )
    page = client_for("rights_supervisor").get(
        reverse("rights:case_accesses", args=[a_case.number])
    )
    assert page.content.decode().count("compte n°") >= 2


def test_letter_is_a_pdf_with_the_case_number(a_case, client_for):
    response = client_for("rights_agent").get(reverse("rights:case_letter", args=[a_case.number]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
