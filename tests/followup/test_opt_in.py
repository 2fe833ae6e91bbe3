"""The opt-in on the online form, in the service, and its erasure with the e-mail."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from concerto.contributions.models import Contribution
from concerto.contributions.services import (
    ContributionError,
    ContributionInput,
    contribution_submit,
)
from concerto.privacy.services import personal_data_erase, personal_data_purge
from tests.followup import factories as f

pytestmark = pytest.mark.django_db
LABEL = (
    "Je souhaite être informé·e des suites données à ma contribution "
    "(au plus un e-mail par semaine)"
)


def form_data(process, **overrides):
    neighbourhood = process.neighbourhoods.first()
    data = {
        "kind": Contribution.Kind.PROPOSAL,
        "question_1": "Des guichets ouverts le samedi.",
        "neighbourhood": neighbourhood.pk,
        "profile": Contribution.Profile.RESIDENT,
        "consent_processing": "on",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_the_form_offers_the_opt_in(client, process):
    response = client.get(reverse("contributions:contribute", kwargs={"slug": process.slug}))
    html = html_lib.unescape(response.content.decode())
    assert LABEL in html
    assert 'name="followup_opt_in"' in html


def test_opt_in_without_an_email_is_refused_with_a_clear_message(client, process):
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    response = client.post(url, form_data(process, followup_opt_in="on"))
    assert response.status_code == 400
    html = html_lib.unescape(response.content.decode())
    assert "Pour être informé·e des suites, indiquez votre adresse e-mail" in html
    assert not Contribution.objects.exists()


def test_opt_in_with_an_email_is_saved(client, process):
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    response = client.post(
        url, form_data(process, followup_opt_in="on", email="Suivi@Exemple.test")
    )
    assert response.status_code == 302
    item = Contribution.objects.get()
    assert item.followup_opt_in is True
    assert item.email == "suivi@exemple.test"
    html = html_lib.unescape(client.get(response["Location"]).content.decode())
    assert "Vous serez informé·e des suites" in html


def test_without_the_box_nothing_is_sent(client, process):
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    client.post(url, form_data(process, email="suivi@exemple.test"))
    assert Contribution.objects.get().followup_opt_in is False


def test_the_service_refuses_an_opt_in_without_an_email(process):
    data = ContributionInput(
        kind=Contribution.Kind.PROPOSAL,
        neighbourhood=None,
        profile="",
        consent_publication=False,
        consent_processing=True,
        answers={process.questions.first(): "Un texte."},
        followup_opt_in=True,
    )
    with pytest.raises(ContributionError, match="indiquez votre adresse e-mail"):
        contribution_submit(process=process, data=data, submission_token=uuid.uuid4())
    assert not Contribution.objects.exists()


def test_purge_erases_the_opt_in_with_the_email(process):
    old = f.contribution(process, submitted_at=timezone.now() - dt.timedelta(days=400))
    recent = f.contribution(process)
    personal_data_purge(days=365)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.email, old.followup_opt_in) == ("", False)
    assert recent.followup_opt_in is True


def test_erasure_erases_the_opt_in_with_the_email(process, admin_user):
    item = f.contribution(process)
    personal_data_erase(actor=admin_user, email=f.AUTHOR_EMAIL)
    item.refresh_from_db()
    assert (item.email, item.followup_opt_in) == ("", False)
