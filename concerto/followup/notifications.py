"""Telling residents what became of their contribution: a weekly digest per address, and
the one-click unsubscribe.

- One e-mail per recipient (an address), even when several contributions share it, and at
  most one per ``DIGEST_INTERVAL`` (7 days): events wait for the next allowed run.
- Every event is told once (``FollowupNotice``, one per event); the e-mail is sent inside the
  transaction that records it, so a failed send records nothing and is retried next run.
- The e-mail holds no text of any contribution, only receipt numbers, what changed and links
  to the public receipt path pages. Addresses never reach the logs nor the audit log.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.contributions.models import Contribution
from concerto.core.audit import audit
from concerto.followup.links import path_url
from concerto.followup.models import FollowupDigest, FollowupEvent, FollowupNotice
from concerto.followup.recipients import (
    is_recipient_key_prefix,
    normalise_email,
    read_unsubscribe_token,
    recipient_keys,
    unsubscribe_token,
)

logger = logging.getLogger(__name__)

DIGEST_INTERVAL = dt.timedelta(days=7)
Kind = FollowupEvent.Kind


class FollowupError(Exception):
    """A request was refused; ``str(exc)`` is a French message for the person."""


def describe(event: FollowupEvent) -> str:
    """One French sentence for an event (no text of the contribution, ever)."""
    values = {"label": event.label, "detail": event.detail, "version": event.version}
    sentences = {
        Kind.PUBLISHED: _("Votre contribution a été publiée sur la plateforme."),
        Kind.CITED: _(
            "Elle a nourri la préconisation « %(label)s » du rapport de synthèse publié."
        ),
        Kind.ANSWERED: _("La Ville a répondu à la préconisation « %(label)s » : %(detail)s."),
        Kind.ANSWER_CHANGED: _(
            "La réponse de la Ville à la préconisation « %(label)s » a changé "
            "(version %(version)s) : %(detail)s."
        ),
        Kind.ACTION_STARTED: _("L'action « %(label)s », qui en découle, a commencé."),
        Kind.ACTION_DONE: _("L'action « %(label)s », qui en découle, est terminée."),
    }
    if event.kind == Kind.CITED and event.detail:
        return (
            _(
                "Elle a nourri la préconisation « %(label)s » du rapport de synthèse publié "
                "(%(detail)s)."
            )
            % values
        )
    return sentences[Kind(event.kind)] % values


@dataclass
class SendReport:
    recipients: int = 0  # with news waiting
    sent: int = 0  # e-mails sent by this run
    events: int = 0  # events told by this run
    waiting: int = 0  # recipients told less than 7 days ago: their news waits
    failed: int = 0


@dataclass
class _Recipient:
    email: str
    key: str
    events: list[FollowupEvent] = field(default_factory=list)
    # The key and the ones this address had under former pseudonym keys (the weekly limit
    # holds across a key rotation).
    keys: list[str] = field(default_factory=list)


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def unsubscribe_url(*, contribution_id: int, email: str) -> str:
    token = unsubscribe_token(contribution_id=contribution_id, email=email)
    return _absolute(reverse("followup:unsubscribe", kwargs={"token": token}))


def _pending_recipients() -> list[_Recipient]:
    """Events not told yet, of contributions still opted in with an address, by address."""
    events = (
        FollowupEvent.objects.filter(notice__isnull=True, contribution__followup_opt_in=True)
        .exclude(contribution__email="")
        .exclude(
            contribution__status__in=[Contribution.Status.REJECTED, Contribution.Status.SET_ASIDE]
        )
        .select_related("contribution__process")
        .order_by("contribution_id", "occurred_at", "pk")
    )
    recipients: dict[str, _Recipient] = {}
    for event in events:
        email = normalise_email(event.contribution.email)
        if email not in recipients:
            keys = recipient_keys(email)
            recipients[email] = _Recipient(email=email, key=keys[0], keys=keys)
        recipients[email].events.append(event)
    return list(recipients.values())


def _last_sent(recipients: list[_Recipient]) -> dict[str, dt.datetime]:
    """The last digest of each recipient (by current key), whatever key it was sent under."""
    current = {key: r.key for r in recipients for key in r.keys}
    last: dict[str, dt.datetime] = {}
    for stored, sent_at in FollowupDigest.objects.filter(
        recipient_key__in=list(current)
    ).values_list("recipient_key", "sent_at"):
        key = current[stored]
        if key not in last or sent_at > last[key]:
            last[key] = sent_at
    return last


def _message(recipient: _Recipient, events: list[FollowupEvent]) -> EmailMultiAlternatives:
    by_contribution: dict[int, list[FollowupEvent]] = defaultdict(list)
    contributions: dict[int, Contribution] = {}
    for event in events:
        by_contribution[event.contribution_id].append(event)
        contributions[event.contribution_id] = event.contribution
    items = [
        {
            "receipt": contributions[pk].receipt_number,
            "process": contributions[pk].process.title,
            "url": _absolute(path_url(contributions[pk].receipt_number)),
            "news": [
                {"on": timezone.localtime(e.occurred_at).date(), "text": describe(e)}
                for e in sorted(by_contribution[pk], key=lambda e: (e.occurred_at, e.pk))
            ],
        }
        for pk in sorted(by_contribution, key=lambda pk: contributions[pk].receipt_number)
    ]
    first = min(by_contribution)
    link = unsubscribe_url(contribution_id=first, email=recipient.email)
    context = {"items": items, "unsubscribe_url": link, "SITE_URL": settings.SITE_URL}
    if len(items) == 1:
        subject = _("Des nouvelles de votre contribution %(receipt)s") % {
            "receipt": items[0]["receipt"]
        }
    else:
        subject = _("Des nouvelles de vos %(count)s contributions") % {"count": len(items)}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("followup/email/digest.txt", context),
        to=[recipient.email],
        headers={
            # RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe (a POST).
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("followup/email/digest.html", context), "text/html")
    return message


def _send_one(recipient: _Recipient, *, now: dt.datetime) -> int:
    """Send one digest; the number of events told (0 if another run was quicker)."""
    with transaction.atomic():
        # One recipient at a time: lock their contributions, then check again.
        ids = sorted({e.contribution_id for e in recipient.events})
        list(Contribution.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
        last = (
            FollowupDigest.objects.filter(recipient_key__in=recipient.keys)
            .order_by("-sent_at")
            .values_list("sent_at", flat=True)
            .first()
        )
        if last is not None and now - last < DIGEST_INTERVAL:
            return 0
        told = set(
            FollowupNotice.objects.filter(
                event_id__in=[e.pk for e in recipient.events]
            ).values_list("event_id", flat=True)
        )
        events = [e for e in recipient.events if e.pk not in told]
        if not events:
            return 0
        digest = FollowupDigest.objects.create(
            recipient_key=recipient.key,
            sent_at=now,
            contribution_count=len({e.contribution_id for e in events}),
            event_count=len(events),
        )
        FollowupNotice.objects.bulk_create(FollowupNotice(digest=digest, event=e) for e in events)
        _message(recipient, events).send()
    return len(events)


def followups_send(*, now: dt.datetime | None = None, dry_run: bool = False) -> SendReport:
    """Send the digests that are due. Safe to run as often as wanted (cron, task).
    ``dry_run``: count the e-mails that are due without sending anything."""
    now = now or timezone.now()
    report = SendReport()
    recipients = _pending_recipients()
    report.recipients = len(recipients)
    last = _last_sent(recipients)
    for recipient in recipients:
        sent_at = last.get(recipient.key)
        if sent_at is not None and now - sent_at < DIGEST_INTERVAL:
            report.waiting += 1
            continue
        if dry_run:
            report.sent += 1
            report.events += len(recipient.events)
            continue
        try:
            told = _send_one(recipient, now=now)
        except IntegrityError:  # another run told these events at the same moment
            continue
        except Exception as exc:
            report.failed += 1
            # Never the address (nor the exception's text, which may contain it).
            logger.warning(
                "Courriel de suivi non envoyé (destinataire %s…) : %s",
                recipient.key[:8],
                type(exc).__name__,
            )
            continue
        if told:
            report.sent += 1
            report.events += told
        else:
            report.waiting += 1
    logger.info(
        "Suivi : %s courriels envoyés (%s nouvelles), %s en attente, %s échecs",
        report.sent,
        report.events,
        report.waiting,
        report.failed,
    )
    return report


# --- Unsubscribe ---------------------------------------------------------------------------


@dataclass
class UnsubscribeResult:
    contributions: int  # opt-ins turned off by this call (0 the second time)


def followup_unsubscribe(*, token: str) -> UnsubscribeResult:
    """Turn off the news for every contribution sent with the address the token stands for.
    Idempotent; audited with a prefix of the address's hash, never the address."""
    parsed = read_unsubscribe_token(token)
    if parsed is None:
        raise FollowupError(
            _("Ce lien de désabonnement n'est pas valide : il a peut-être été mal copié.")
        )
    contribution_id, key = parsed
    with transaction.atomic():
        email = (
            Contribution.objects.filter(pk=contribution_id).values_list("email", flat=True).first()
        )
        if not email or not is_recipient_key_prefix(email, key):
            # The address was erased (privacy purge) or changed: nothing is sent to it.
            return UnsubscribeResult(contributions=0)
        count = Contribution.objects.filter(
            email__iexact=normalise_email(email), followup_opt_in=True
        ).update(followup_opt_in=False)
        if count:
            audit(
                actor=None,
                action="followup.unsubscribe",
                data={"recipient": key[:12], "contributions": count},
            )
    return UnsubscribeResult(contributions=count)
