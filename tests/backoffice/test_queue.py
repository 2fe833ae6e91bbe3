"""The moderation queue: filters, personal-data flag, bulk actions, constant queries."""

from __future__ import annotations

import html

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concerto.contributions.models import Answer, Contribution
from concerto.core.models import AuditEvent
from concerto.processes.models import Channel
from tests.factories import ContributionFactory, ProcessFactory

pytestmark = pytest.mark.django_db
QUEUE = reverse("backoffice:queue")


def row(contribution) -> str:
    return f'href="{reverse("backoffice:contribution", kwargs={"pk": contribution.pk})}"'


def page(client, **params) -> str:
    response = client.get(QUEUE, params)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_default_filter_is_pending_and_filters_combine(client_for, process):
    other = ProcessFactory()
    pending = ContributionFactory(process=process, text="Des bancs place du Commerce.")
    published = ContributionFactory(process=process, status=Contribution.Status.PUBLISHED)
    paper = ContributionFactory(process=process, channel=Channel.Kind.PAPER)
    north = ContributionFactory(
        process=process, neighbourhood=process.neighbourhoods.get(slug="q1")
    )
    elsewhere = ContributionFactory(process=other)
    Answer.objects.create(
        contribution=north, question=process.questions.get(number=3), text="Sur la question 3."
    )
    client = client_for("analyst")

    default = page(client)
    for shown in (pending, paper, north, elsewhere):
        assert row(shown) in default
    assert row(published) not in default
    assert row(published) in page(client, status="")
    assert row(published) in page(client, status="published")
    assert row(pending) not in page(client, status="published")

    by_process = page(client, process=other.pk)
    assert row(elsewhere) in by_process and row(pending) not in by_process
    by_channel = page(client, channel="paper")
    assert row(paper) in by_channel and row(pending) not in by_channel
    by_place = page(client, neighbourhood=north.neighbourhood_id)
    assert row(north) in by_place and row(pending) not in by_place
    by_question = page(client, question=process.questions.get(number=3).pk)
    assert row(north) in by_question and row(pending) not in by_question
    by_text = page(client, q="place du commerce")
    assert row(pending) in by_text and row(paper) not in by_text
    assert row(pending) in page(client, q=pending.receipt_number)


def test_rows_show_receipt_channel_excerpt_and_personal_data_flag(client_for, contribution):
    clean = ContributionFactory(process=contribution.process, text="Rien de personnel ici.")
    text = page(client_for("moderator"))
    assert contribution.receipt_number in text
    assert "formulaire en ligne" in text
    assert "Rien de personnel ici." in text
    assert text.count('class="pii-flag"') == 1
    assert clean.receipt_number in text


def test_invalid_filter_falls_back_and_pagination_keeps_filters(client_for, process):
    for _ in range(51):
        ContributionFactory(process=process)
    client = client_for("moderator")
    first = page(client, status="pending")
    assert "Page 1 sur 2" in first
    assert "status=pending&page=2" in first
    assert "Page 2 sur 2" in page(client, status="pending", page=2)
    assert client.get(QUEUE, {"process": "pas-un-nombre"}).status_code == 200


def _queue_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(QUEUE)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_queue_query_count_does_not_grow(client_for, process):
    client = client_for("moderator")
    for _ in range(5):
        ContributionFactory(process=process, email="a@exemple.test")
    with_five = _queue_queries(client)
    other = ProcessFactory()
    for index in range(45):
        ContributionFactory(process=other if index % 2 else process)
    with_fifty = _queue_queries(client)
    assert with_fifty == with_five


def test_dashboard_counts_per_status_in_constant_queries(
    client_for, process, django_assert_max_num_queries
):
    ContributionFactory.create_batch(2, process=process)
    ContributionFactory(process=process, status=Contribution.Status.REJECTED)
    client = client_for("analyst")
    client.get(reverse("backoffice:dashboard"))  # warm the session
    for _ in range(3):
        ProcessFactory()
    with django_assert_max_num_queries(8):
        response = client.get(reverse("backoffice:dashboard"))
    text = html.unescape(response.content.decode())
    assert f"?process={process.pk}&status=pending" in text
    assert ">2<span" in text and ">1<span" in text


# --- bulk actions ----------------------------------------------------------------------


def bulk(client, ids, **data):
    payload = {"ids": [c.pk for c in ids], "filters": "status=pending&channel=online", **data}
    return client.post(reverse("backoffice:bulk"), payload, follow=True)


def test_bulk_publish_reports_done_and_errors(client_for, moderator, process):
    ok = ContributionFactory.create_batch(2, process=process)
    private = ContributionFactory(process=process, consent_publication=False)
    response = bulk(client_for("moderator"), [*ok, private], action="publish")
    assert response.redirect_chain[-1][0] == f"{QUEUE}?status=pending&channel=online"
    text = html.unescape(response.content.decode())
    assert "2 contributions sont publiées." in text
    assert "1 contribution n'a pas pu être traitée" in text
    assert f"{private.receipt_number} : L'auteur·rice n'a pas accepté la publication" in text
    assert Contribution.objects.filter(status=Contribution.Status.PUBLISHED).count() == 2
    events = AuditEvent.objects.filter(action="contribution.publish")
    assert events.count() == 2
    assert {e.actor_id for e in events} == {moderator.pk}


def test_bulk_reject_needs_a_reason(client_for, process):
    items = ContributionFactory.create_batch(2, process=process)
    client = client_for("moderator")
    response = bulk(client, items, action="reject", reason="", note="")
    assert "Choisissez un motif de refus." in html.unescape(response.content.decode())
    assert not Contribution.objects.exclude(status=Contribution.Status.PENDING).exists()
    # Spam breaks the charter: it sets the contributions aside, it does not only refuse
    # their publication.
    response = bulk(client, items, action="reject", reason="spam", note="Envoi automatique.")
    assert "écartez la contribution de l'analyse" in html.unescape(response.content.decode())
    assert not Contribution.objects.exclude(status=Contribution.Status.PENDING).exists()
    response = bulk(client, items, action="set_aside", reason="spam", note="Envoi automatique.")
    assert "2 contributions sont écartées de l'analyse." in html.unescape(response.content.decode())
    assert set(Contribution.objects.values_list("rejection_reason", flat=True)) == {"spam"}
    assert set(Contribution.objects.values_list("status", flat=True)) == {"set_aside"}
    assert (
        AuditEvent.objects.filter(
            action="contribution.set_aside",
            reason="envoi automatique (spam) — Envoi automatique.",
        ).count()
        == 2
    )


def test_bulk_request_changes_sends_one_email_each(
    client_for, process, django_capture_on_commit_callbacks
):
    items = [
        ContributionFactory(process=process, email=f"auteur{n}@exemple.test") for n in range(2)
    ]
    client = client_for("moderator")
    response = bulk(client, items, action="request_changes", note="")
    assert "Expliquez" in html.unescape(response.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        bulk(client, items, action="request_changes", note="Précisez le lieu.")
    assert sorted(m.to[0] for m in mail.outbox) == ["auteur0@exemple.test", "auteur1@exemple.test"]
    assert all("/modifier-ma-contribution/" in m.body for m in mail.outbox)


def test_bulk_without_selection_and_open_redirect(client_for, process):
    client = client_for("moderator")
    response = client.post(
        reverse("backoffice:bulk"), {"action": "publish", "filters": "//evil.example/x"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(QUEUE)
    follow = client.get(response["Location"])
    assert "Cochez au moins une contribution." in html.unescape(follow.content.decode())
