"""Droit de suite: the event log, the weekly digest, idempotence, the command and task."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from concerto.contributions.models import Contribution
from concerto.followup.detection import followups_detect
from concerto.followup.models import FollowupDigest, FollowupEvent, FollowupNotice
from concerto.followup.notifications import followups_send
from concerto.followup.recipients import recipient_key
from concerto.strategy.models import Action, Decision
from tests.followup import factories as f

pytestmark = pytest.mark.django_db
Kind = FollowupEvent.Kind
T0 = f.aware(2024, 3, 4, 8)  # a Monday morning


def run(now: dt.datetime):
    followups_detect()
    return followups_send(now=now)


def kinds(contribution: Contribution) -> list[str]:
    return sorted(
        FollowupEvent.objects.filter(contribution=contribution).values_list("kind", flat=True)
    )


def test_detection_records_each_change_once(process):
    chain = f.full_chain(process)
    first = followups_detect()
    assert first.events == 4
    assert kinds(chain.contribution) == sorted(
        [Kind.PUBLISHED, Kind.CITED, Kind.ANSWERED, Kind.ACTION_STARTED]
    )
    again = followups_detect()
    assert again.events == 0
    assert FollowupEvent.objects.count() == 4
    event = FollowupEvent.objects.get(kind=Kind.ANSWERED)
    assert event.label == "P1. Préconisation numéro 1"
    assert event.detail == "retenue"
    with pytest.raises(ValueError, match="ne se modifie pas"):
        event.save()


def test_only_opted_in_contributions_with_an_address_are_followed(process):
    chain = f.full_chain(process, followup_opt_in=False)
    no_address = f.contribution(process, email="", followup_opt_in=True)
    rejected = f.contribution(process, status=Contribution.Status.REJECTED)
    for item in (no_address, rejected):
        f.code(item, chain.theme)  # they feed P1 too
    report = followups_detect()
    assert report.contributions == 1  # the rejected one is read, and tells nothing
    assert FollowupEvent.objects.count() == 0
    assert run(T0).sent == 0


def test_one_digest_with_every_change_plain_text_and_html(process, settings):
    chain = f.full_chain(process)
    report = run(T0)
    assert (report.sent, report.events) == (1, 4)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    receipt = chain.contribution.receipt_number
    assert message.to == [f.AUTHOR_EMAIL]
    assert message.subject == f"Des nouvelles de votre contribution {receipt}"
    body = message.body
    assert f"{settings.SITE_URL}/suivi/{receipt}/" in body
    for sentence in (
        "Votre contribution a été publiée sur la plateforme.",
        "Elle a nourri la préconisation « P1. Préconisation numéro 1 »",
        "La Ville a répondu à la préconisation « P1. Préconisation numéro 1 » : retenue.",
        "L'action « 1.1. Action numéro 1 », qui en découle, a commencé.",
    ):
        assert sentence in body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Voir le parcours complet de la contribution" in html
    # No copy of the contribution, no name.
    for text in (body, html):
        assert "reconnaissable" not in text
        assert f.AUTHOR_NAME not in text
    assert message.extra_headers["List-Unsubscribe"].startswith("<")
    assert "/suivi/desabonnement/" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    digest = FollowupDigest.objects.get()
    assert digest.recipient_key == recipient_key(f.AUTHOR_EMAIL)
    assert f.AUTHOR_EMAIL not in digest.recipient_key
    assert (digest.event_count, digest.contribution_count) == (4, 1)
    assert FollowupNotice.objects.count() == 4


def test_running_twice_sends_nothing_new(process):
    f.full_chain(process)
    run(T0)
    assert len(mail.outbox) == 1
    assert run(T0).sent == 0
    assert run(T0 + dt.timedelta(days=30)).sent == 0  # nothing new: nothing sent
    assert len(mail.outbox) == 1
    assert FollowupNotice.objects.count() == 4


def test_at_most_one_email_a_week(process):
    """Day 0: published → e-mail 1. Days 2 and 4: two changes → no e-mail yet. Day 7:
    one e-mail with both. Day 9: an action starts → waits; day 14: e-mail 3."""
    item = f.contribution(process, published_at=T0 - dt.timedelta(days=1))
    theme = f.theme(process, "Accès aux droits")
    f.code(item, theme)
    assert run(T0).sent == 1

    report = f.report(process)
    proposal = f.proposal(report, 1, themes=[theme])
    f.publish_report(report, T0 + dt.timedelta(days=2))
    assert run(T0 + dt.timedelta(days=2)).waiting == 1
    f.answer(proposal, published_at=T0 + dt.timedelta(days=4))
    assert run(T0 + dt.timedelta(days=4)).sent == 0
    assert run(T0 + dt.timedelta(days=6, hours=23)).sent == 0
    assert len(mail.outbox) == 1

    week = run(T0 + dt.timedelta(days=7))
    assert (week.sent, week.events) == (1, 2)
    assert len(mail.outbox) == 2
    assert "a nourri la préconisation" in mail.outbox[1].body
    assert "La Ville a répondu" in mail.outbox[1].body

    f.action(process, 1, proposals=[proposal], started_on=(T0 + dt.timedelta(days=9)).date())
    assert run(T0 + dt.timedelta(days=9)).sent == 0
    assert run(T0 + dt.timedelta(days=14)).sent == 1
    assert len(mail.outbox) == 3
    assert "a commencé" in mail.outbox[2].body
    sent = list(FollowupDigest.objects.order_by("sent_at").values_list("sent_at", flat=True))
    assert all(b - a >= dt.timedelta(days=7) for a, b in itertools.pairwise(sent))


def test_one_email_for_several_contributions_of_the_same_address(process):
    first = f.full_chain(process).contribution
    second = f.contribution(process, email=f.AUTHOR_EMAIL.upper())
    f.contribution(process, email="quelquun.dautre@exemple.test")
    run(T0)
    assert len(mail.outbox) == 2
    mine = next(m for m in mail.outbox if m.to == [f.AUTHOR_EMAIL])
    assert mine.subject == "Des nouvelles de vos 2 contributions"
    assert first.receipt_number in mine.body and second.receipt_number in mine.body
    assert FollowupDigest.objects.count() == 2


def test_answer_change_and_action_done_are_told(process):
    chain = f.full_chain(process)
    run(T0)
    f.new_answer_version(
        chain.answer, published_at=T0 + dt.timedelta(days=3), decision=Decision.PARTLY
    )
    Action.objects.filter(pk=chain.action.pk).update(
        status=Action.Status.DONE, progress=100, done_on=(T0 + dt.timedelta(days=5)).date()
    )
    report = run(T0 + dt.timedelta(days=8))
    assert (report.sent, report.events) == (1, 2)
    body = mail.outbox[1].body
    assert "a changé (version 2) : retenue en partie." in body
    assert "est terminée." in body


def test_a_pending_contribution_is_told_without_its_text(process):
    chain = f.full_chain(process, status=Contribution.Status.PENDING)
    run(T0)
    body = mail.outbox[0].body
    assert "publiée sur la plateforme" not in body
    assert "a nourri la préconisation" in body
    assert "reconnaissable" not in body
    assert chain.contribution.receipt_number in body


class RefusingBackend:
    """An SMTP server refusing the address (its error names it, as real ones do)."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"unknown user")})


def test_a_failed_send_records_nothing_and_logs_no_address(process, settings, caplog):
    f.full_chain(process)
    settings.EMAIL_BACKEND = "tests.followup.test_notifications.RefusingBackend"
    with caplog.at_level(logging.DEBUG):
        report = run(T0)
    assert (report.sent, report.failed) == (0, 1)
    assert FollowupDigest.objects.count() == 0
    assert FollowupNotice.objects.count() == 0
    assert caplog.records
    assert all(f.AUTHOR_EMAIL not in record.getMessage() for record in caplog.records)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert run(T0 + dt.timedelta(hours=1)).sent == 1  # retried on the next run


def test_command_is_idempotent_and_prints_no_address(process):
    f.full_chain(process)
    out = StringIO()
    call_command("send_followups", "--dry-run", stdout=out)
    assert "[simulation]" in out.getvalue()
    assert FollowupEvent.objects.count() == 0 and not mail.outbox
    call_command("send_followups", stdout=out)
    call_command("send_followups", stdout=out)
    assert len(mail.outbox) == 1
    assert "Courriels envoyés : 1" in out.getvalue()
    assert "Courriels envoyés : 0" in out.getvalue()
    assert f.AUTHOR_EMAIL not in out.getvalue()


def test_task_sends_the_digests(process):
    from concerto.followup.tasks import send_followups

    f.full_chain(process)
    result = send_followups.enqueue()
    assert result.return_value == {"events": 4, "sent": 1, "waiting": 0}
    assert len(mail.outbox) == 1
