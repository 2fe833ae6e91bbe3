from __future__ import annotations

import uuid

import pytest
from django.core import mail
from django.urls import reverse

from concerto.contributions.models import Contribution
from concerto.core.models import AuditEvent


def form_data(process, **overrides):
    data = {
        "question_1": "Les personnes âgées isolées ne savent pas où demander de l'aide.",
        "kind": "testimony",
        "author_name": "Dominique",
        "email": "dominique@exemple.test",
        "neighbourhood": process.neighbourhoods.first().pk,
        "profile": "resident",
        "age_bracket": "61_75",
        "consent_publication": "on",
        "consent_processing": "on",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_submit_creates_contribution_with_receipt_and_email(
    client, process, django_capture_on_commit_callbacks
):
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(process))
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.receipt_number == f"{process.receipt_prefix}-2022-000001"
    assert contribution.status == Contribution.Status.PENDING
    page = client.get(response["Location"])
    assert contribution.receipt_number in page.content.decode()
    assert len(mail.outbox) == 1
    assert contribution.receipt_number in mail.outbox[0].subject
    assert AuditEvent.objects.filter(action="contribution.submit").count() == 1


@pytest.mark.django_db
def test_double_submit_same_token_creates_one(client, process):
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    data = form_data(process)
    first = client.post(url, data)
    second = client.post(url, data)
    assert Contribution.objects.count() == 1
    assert first["Location"] == second["Location"]


@pytest.mark.django_db
def test_no_answer_is_refused_in_french(client, process):
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    response = client.post(url, form_data(process, question_1=""))
    assert response.status_code == 400
    assert "Répondez à au moins une des questions" in response.content.decode()
    assert Contribution.objects.count() == 0
