"""Built-in filters of the template engine (settings.TEMPLATES "builtins"): every template
gets them without {% load %}.

``date`` replaces Django's filter of the same name: the same formats, plus "1er" for the first
day of a month (concerto.core.dates)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.dateformat import format as time_format

from concerto.core.dates import date_format

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value: dt.date | dt.datetime | str | None, arg: str | None = None) -> str:
    """Django's ``date`` filter (django.template.defaultfilters.date), French first days."""
    if value in (None, ""):
        return ""
    try:
        return date_format(value, arg)  # type: ignore[arg-type]
    except AttributeError:
        try:
            return time_format(value, arg)  # type: ignore[arg-type]
        except AttributeError:
            return ""
