"""Dates written the French way: "1er janvier 2026", "mardi 1er septembre".

French writes the first day of a month as an ordinal (1er) and every other day as a cardinal
(2, 3…). Django's formats have no such letter, so ``date_format`` swaps the day number "j" for
"1er" when it stands before a month name on the first of a month; numeric formats ("d/m/Y",
a bare "j" in a month grid) are left alone. Templates get it through the ``date`` filter
(concerto.core.templatetags.french, a built-in of the template engine), Python code calls it
instead of django.utils.formats.date_format."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import dateformat, formats

# A "j" that is not escaped and is followed by a month name (F, M, E or N).
_DAY_BEFORE_MONTH = re.compile(r"(?<!\\)j(?=\s+[FMEN])")


def french_format(value: dt.date | dt.datetime, format_string: str | None = None) -> str:
    """The format to use for ``value``: ``format_string`` (a format or a setting's name such
    as "DATE_FORMAT"), with "1er" for the first day of a month."""
    resolved = str(formats.get_format(format_string or "DATE_FORMAT"))
    if getattr(value, "day", None) == 1:
        resolved = _DAY_BEFORE_MONTH.sub(r"1\\e\\r", resolved)
    return resolved


def date_format(value: dt.date | dt.datetime, format_string: str | None = None) -> str:
    """django.utils.formats.date_format, with "1er" (``value`` already in local time)."""
    return dateformat.format(value, french_format(value, format_string))
