"""« Mes droits en 10 questions »: public, anonymous, stored nowhere, same engine."""

from __future__ import annotations

import pytest
from django.urls import reverse

from concerto.core.models import AuditEvent
from concerto.rights.models import Case, CaseAccess

pytestmark = pytest.mark.django_db
URL = reverse("rights:selfcheck")
ANSWERS = {
    "naissance": "1985-02-10",
    "couple": "non",
    "enfants": "4, 9",
    "activite": "salarie",
    "handicap": "0",
    "logement": "locataire_hlm",
    "loyer": "450",
    "salaire": "1300",
    "autres": "0",
}


def test_page_is_public_and_without_javascript(client):
    page = client.get(URL).content.decode()
    assert "Mes droits en 10 questions" in page
    assert "<script" not in page.split("<main", 1)[1].split("</main>")[0]


def test_estimate_is_shown_and_nothing_is_stored(client, openfisca):
    audit_before = AuditEvent.objects.count()
    response = client.post(URL, ANSWERS)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Prime d" in page and "Aide au logement" in page
    assert "no-store" in response.get("Cache-Control", "") or "max-age=0" in response.get(
        "Cache-Control", ""
    )
    assert not Case.objects.exists() and not CaseAccess.objects.exists()
    assert AuditEvent.objects.count() == audit_before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"naissance": "2099-01-01"}, "naissance"),
        ({"enfants": "quatre"}, "enfants"),
        ({"loyer": "-3"}, "loyer"),
        ({"couple": "oui"}, "naissance_conjoint"),
        ({"logement": "locataire_hlm", "loyer": "0"}, "loyer"),
    ],
)
def test_bad_answers_get_a_message_next_to_the_question(client, change, field):
    response = client.post(URL, {**ANSWERS, **change})
    assert response.status_code == 200
    assert f'id="q-{field}-error"' in response.content.decode()


def test_service_down(client, openfisca_down):
    response = client.post(URL, ANSWERS)
    assert response.status_code == 503
    assert "ne répond pas" in response.content.decode()
    assert 'value="1300"' in response.content.decode()
