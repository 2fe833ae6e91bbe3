"""The one error of the builder's services: a French message for the person who typed it."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone


class BuilderError(Exception):
    """A rule of the builder is broken; ``field`` names the form field it concerns (or None
    for the whole form). Raised inside the service's transaction: nothing is saved."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


def french_date(value: dt.date | dt.datetime) -> str:
    """``5 mars 2026`` (``1er mars 2026`` on the first of the month)."""
    day = timezone.localtime(value).date() if isinstance(value, dt.datetime) else value
    text = formats.date_format(day, "j F Y")
    if day.day == 1:
        text = "1er" + text[1:]
    return text
