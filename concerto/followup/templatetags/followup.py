"""Filters for the annual follow-up report, whose figures are kept as JSON strings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import template

from concerto.followup.annual import euros as _euros
from concerto.followup.annual import number as _number

register = template.Library()


@register.filter
def euros(value: str | Decimal | int | None) -> str:
    try:
        return _euros(value if value not in (None, "") else 0)  # type: ignore[arg-type]
    except (InvalidOperation, TypeError, ValueError):
        return ""


@register.filter
def num(value: str | Decimal | None) -> str:
    try:
        return _number(value if value not in (None, "") else "0")  # type: ignore[arg-type]
    except (InvalidOperation, TypeError, ValueError):
        return ""


@register.filter
def signed(value: str | Decimal | None) -> str:
    """``+3`` / ``-2,5``: the change of an indicator."""
    text = num(value)
    return text if text.startswith("-") or text in ("", "0") else f"+{text}"


@register.filter
def iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@register.filter
def iso_datetime(value: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


@register.simple_tag
def followup_path_url(receipt: str) -> str:
    """The signed link to a contribution's path page (not rate-limited, see ``links``)."""
    from concerto.followup.links import path_url

    return path_url(receipt)
