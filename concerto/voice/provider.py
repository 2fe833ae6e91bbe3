"""Reading what the line's provider (webhook) or the inbox's sidecar file tells about a
message: when the call was received. A value that cannot be read never loses the message:
the arrival time is used instead, and a French note says so (the message is then a queue
entry to check, ``Voicemail.Problem.INVALID_DATA``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
FUTURE_MARGIN = dt.timedelta(days=1)  # clocks differ; a call of tomorrow is an error
SHOWN_CHARS = 40  # of a bad value, in the note for the reviewers


@dataclass(frozen=True)
class ReceivedAt:
    value: dt.datetime | None  # None: use the arrival time
    note: str = ""  # why the given value was not used ("" when it was, or none was given)


def _shown(raw: str) -> str:
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in raw.strip())
    return cleaned[:SHOWN_CHARS] + ("…" if len(cleaned) > SHOWN_CHARS else "")


def read_received_at(raw: str, *, now: dt.datetime | None = None) -> ReceivedAt:
    """The call's time from an ISO 8601 value (``2022-04-12T09:30:00+02:00``; without an
    offset, Paris time). Empty: none given. An impossible date (30 February), a value that
    is not a date, or one before 2000 or after tomorrow: not used, with a note."""
    raw = raw or ""
    if not raw.strip():
        return ReceivedAt(None)
    try:
        value = parse_datetime(raw.strip())
    except ValueError:  # well formed but impossible: 2024-02-30, 25:00...
        value = None
        reason = _("date impossible")
    else:
        reason = _("ce n'est pas une date")
    if value is not None:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        now = now or timezone.now()
        if EARLIEST <= value <= now + FUTURE_MARGIN:
            return ReceivedAt(value)
        reason = _("date invraisemblable")
    return ReceivedAt(
        None,
        _(
            "Date de l'appel envoyée par l'opérateur illisible (« %(value)s » : %(reason)s) : "
            "l'heure de réception est utilisée à la place."
        )
        % {"value": _shown(raw), "reason": reason},
    )
