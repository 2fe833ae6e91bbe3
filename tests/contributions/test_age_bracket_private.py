"""The age bracket of a contribution is never published: not on its page, nor the list, the
open data exports, the API or the receipt path; it is only counted in the report's
statistics. The form says what is published and what is not."""

from __future__ import annotations

import pytest
from django.urls import reverse

from concerto.contributions.models import Contribution
from tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db
LABEL, VALUE = "plus de 75 ans", "over_75"


@pytest.fixture
def elder(process):
    return ContributionFactory(
        process=process, status=Contribution.Status.PUBLISHED, age_bracket=VALUE
    )


def _text(response) -> str:
    assert response.status_code == 200
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_not_on_the_public_pages(client, process, elder):
    slug = process.slug
    pages = [
        elder.get_absolute_url(),
        reverse("contributions:list", kwargs={"slug": slug}),
        reverse("followup:path", kwargs={"receipt": elder.receipt_number}),
    ]
    for url in pages:
        html = _text(client.get(url))
        assert elder.receipt_number in html, url
        assert LABEL not in html.lower() and "tranche d" not in html.lower(), url


def test_not_in_the_open_data(client, process, elder):
    for name in ("export_csv", "export_json"):
        body = _text(client.get(reverse(f"contributions:{name}", kwargs={"slug": process.slug})))
        assert elder.receipt_number in body
        assert VALUE not in body and "age_bracket" not in body and LABEL not in body, name


def test_not_in_the_api(client, process, elder):
    listing = client.get(f"/api/processes/{process.slug}/contributions").json()
    detail = client.get(f"/api/contributions/{elder.receipt_number}").json()
    assert any(item["receipt_number"] == elder.receipt_number for item in listing["items"])
    assert detail["receipt_number"] == elder.receipt_number
    for data in (listing, detail):
        assert VALUE not in str(data) and "age_bracket" not in str(data)
    assert "age_bracket" not in client.get("/api/openapi.json").content.decode()


def test_the_form_says_what_is_published(client, process):
    html = _text(client.get(reverse("contributions:contribute", kwargs={"slug": process.slug})))
    assert "votre quartier et votre profil" in html
    assert "tranche d&#x27;âge ne sont jamais publiées" in html or (
        "tranche d'âge ne sont jamais publiées" in html
    )
    assert "Jamais publiée avec votre contribution" in html
