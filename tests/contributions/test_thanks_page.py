"""The "merci" page after an online contribution: the receipt (number, date, what happens
next, the path page), never the text; not stored by browsers or proxies; reachable only by
the signed link given at submission, for 24 hours."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from concerto.contributions.models import Contribution
from concerto.contributions.thanks import THANKS_MAX_AGE, thanks_url
from tests.contributions.helpers import form_data
from tests.factories import ContributionFactory, ProcessFactory

pytestmark = pytest.mark.django_db
SECRET_TEXT = "Je vis seule au 12 rue des Exemples, appelez-moi au 06 12 34 56 78."


def _submit(client, process):
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    response = client.post(url, form_data(process, question_1=SECRET_TEXT))
    assert response.status_code == 302
    return response["Location"], Contribution.objects.get()


def test_the_receipt_not_the_text(client, process):
    location, contribution = _submit(client, process)
    page = client.get(location)
    assert page.status_code == 200
    html = page.content.decode()
    assert contribution.receipt_number in html
    assert "Reçue le" in html
    assert "Et maintenant ?" in html
    assert reverse("followup:path", kwargs={"receipt": contribution.receipt_number}) in html
    assert reverse("followup:lookup") in html
    for secret in ("rue des Exemples", "06 12 34 56 78", "Je vis seule"):
        assert secret not in html


def test_never_stored_by_a_browser_or_a_proxy(client, process):
    location, _contribution = _submit(client, process)
    cache_control = client.get(location)["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    form = client.get(reverse("contributions:contribute", kwargs={"slug": process.slug}))
    assert "no-store" in form["Cache-Control"]  # it carries the submission token


def test_not_reachable_by_the_submission_token_nor_a_forged_link(client, process):
    _location, contribution = _submit(client, process)
    base = f"/demarches/{process.slug}/contribuer/merci/"
    assert client.get(f"{base}{contribution.submission_token}/").status_code == 404
    assert client.get(f"{base}eyJjIjoxfQ:1u0:faux/").status_code == 404


def test_the_link_belongs_to_its_process(client, process):
    contribution = ContributionFactory(process=process)
    other = ProcessFactory()
    token = thanks_url(contribution).rstrip("/").rsplit("/", 1)[-1]
    wrong = reverse("contributions:thanks", kwargs={"slug": other.slug, "token": token})
    assert client.get(wrong).status_code == 404


def test_the_link_expires_after_a_day(client, process, monkeypatch):
    contribution = ContributionFactory(process=process)
    assert client.get(thanks_url(contribution)).status_code == 200
    issued = time.time() - THANKS_MAX_AGE - 60
    with monkeypatch.context() as patched:
        patched.setattr("django.core.signing.time.time", lambda: issued)
        old_link = thanks_url(contribution)
    response = client.get(old_link)
    assert response.status_code == 404
    html = response.content.decode()
    assert "24 heures" in html and "pas perdue" in html
    assert contribution.receipt_number not in html
    assert "no-store" in response["Cache-Control"]
