"""Reads for the staff pages of personal-data requests: the open ones by legal deadline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from concerto.privacy.models import PrivacyRequest

DUE_SOON_DAYS = 7


@dataclass(frozen=True)
class RequestCounts:
    open: int
    overdue: int
    due_soon: int  # not overdue, due within DUE_SOON_DAYS days


def open_requests(today: dt.date | None = None) -> list[PrivacyRequest]:
    """The requests to handle, the most urgent first: overdue ones, then by deadline (an
    extended request is due later than one received the same day)."""
    items = list(PrivacyRequest.objects.filter(status=PrivacyRequest.Status.NEW))
    return sorted(items, key=lambda r: (r.deadline, r.created_at, r.pk))


def request_counts(today: dt.date | None = None) -> RequestCounts:
    today = today or timezone.localdate()
    items = PrivacyRequest.objects.filter(status=PrivacyRequest.Status.NEW).only(
        "created_at", "extended_at", "status"
    )
    days = [item.days_left(today) for item in items]
    return RequestCounts(
        open=len(days),
        overdue=sum(1 for d in days if d < 0),
        due_soon=sum(1 for d in days if 0 <= d <= DUE_SOON_DAYS),
    )
