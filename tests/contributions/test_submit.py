from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from concerto.contributions.models import Contribution
from concerto.core.models import AuditEvent
from tests.contributions.helpers import form_data


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
    # The receipt leads to the contribution's path page (droit de suite).
    path = reverse("followup:path", kwargs={"receipt": contribution.receipt_number})
    assert path in mail.outbox[0].body
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


@pytest.mark.django_db
def test_answers_to_several_questions_and_receipts_increase(client, process):
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    client.post(url, form_data(process, question_2="Les commerçants peuvent agir.", email=""))
    client.post(url, form_data(process, email=""))
    numbers = sorted(Contribution.objects.values_list("receipt_number", flat=True))
    assert numbers == [
        f"{process.receipt_prefix}-2022-000001",
        f"{process.receipt_prefix}-2022-000002",
    ]
    first = Contribution.objects.get(receipt_number=numbers[0])
    assert first.answers.count() == 2


@pytest.mark.django_db
def test_closed_channel_says_so_and_accepts_nothing(client, process):
    from django.utils import timezone

    channel = process.channels.get(kind="online")
    channel.opens_at = timezone.now() - timezone.timedelta(days=30)
    channel.closes_at = timezone.now() - timezone.timedelta(days=1)
    channel.save()
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    page = client.get(url)
    assert "close" in page.content.decode()
    assert 'name="question_1"' not in page.content.decode()
    response = client.post(url, form_data(process))
    assert response.status_code == 403
    assert Contribution.objects.count() == 0


@pytest.mark.django_db
def test_logged_in_resident_form_is_prefilled_and_linked(client, process, resident):
    client.force_login(resident, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    page = client.get(url).content.decode()
    assert 'value="habitante@exemple.test"' in page
    assert 'value="Habitante"' in page
    client.post(url, form_data(process, email=resident.email))
    assert Contribution.objects.get().user == resident


@pytest.mark.django_db
def test_unpublished_process_is_404(client, process):
    process.is_published = False
    process.save()
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    assert client.get(url).status_code == 404
    assert client.get(process.get_absolute_url()).status_code == 404
