"""Giving a caller their receipt number when they call back.

Staff type the calling number the person gives and the day of the message; the number is
hashed with the same function as the webhook and the inbox (never stored, never logged),
and the messages of that fingerprint received that day are listed with their receipt
numbers. The hashing function comes through the single import below: the pseudonym key
is moving to ``concerto.core.pseudonym`` (issue 11, §7), and switching is this one line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from concerto.accounts.models import User
from concerto.core.audit import audit
from concerto.voice.audio import former_caller_hashes, hash_caller
from concerto.voice.models import Voicemail

MIN_DIGITS = 6
_DIGITS = re.compile(r"\d")


@dataclass(frozen=True)
class CallerMessage:
    pk: int
    received_at: dt.datetime
    state: str
    receipt: str  # "" while the message is not transcribed


def digits_in(number: str) -> int:
    return len(_DIGITS.findall(number or ""))


def messages_of_caller(*, number: str, day: dt.date) -> list[CallerMessage]:
    """The messages left from ``number`` on ``day`` (local time), oldest first: one query."""
    fingerprint = hash_caller(number)
    if not fingerprint:
        return []
    # Messages left before a key rotation carry the number's former pseudonyms.
    fingerprints = [fingerprint, *former_caller_hashes(number)]
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
    rows = (
        Voicemail.objects.filter(
            caller_hash__in=fingerprints,
            received_at__gte=start,
            received_at__lt=start + dt.timedelta(days=1),
        )
        .order_by("received_at", "pk")
        .values_list("pk", "received_at", "state", "contribution__receipt_number")
    )
    return [
        CallerMessage(
            pk=pk,
            received_at=received_at,
            state=str(Voicemail.State(state).label),
            receipt=receipt or "",
        )
        for pk, received_at, state, receipt in rows
    ]


def lookup_record(*, actor: User, day: dt.date, found: list[CallerMessage]) -> None:
    """The look-up in the audit log: who, which day, which messages; never the number."""
    with transaction.atomic():
        audit(
            actor=actor,
            action="voice.caller_lookup",
            target=None,
            data={"day": day.isoformat(), "messages": [m.pk for m in found]},
        )
