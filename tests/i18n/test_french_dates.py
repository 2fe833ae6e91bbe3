"""Dates the French way: "1er" for the first day of a month, in templates and in Python."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation

from concerto.core.dates import date_format


def _render(source: str, **context: object) -> str:
    with translation.override("fr"):
        return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (dt.date(2026, 1, 1), "j F Y", "1er janvier 2026"),
        (dt.date(2026, 1, 2), "j F Y", "2 janvier 2026"),
        (dt.date(2026, 1, 11), "j F Y", "11 janvier 2026"),
        (dt.date(2026, 1, 21), "j F Y", "21 janvier 2026"),
        (dt.date(2026, 9, 1), "l j F Y", "mardi 1er septembre 2026"),
        (dt.date(2026, 3, 1), "j N Y", "1er mars 2026"),
        (dt.date(2026, 2, 1), "j N Y", "1er fév. 2026"),
        (dt.date(2026, 3, 1), "d/m/Y", "01/03/2026"),
        (dt.date(2026, 3, 1), "j", "1"),  # the number of a day in a month grid
        (dt.date(2026, 3, 1), "F Y", "mars 2026"),
        (dt.datetime(2026, 5, 1, 9, 30), "j F Y à H\\hi", "1er mai 2026 à 09h30"),
        (dt.date(2026, 5, 1), "DATE_FORMAT", "1er mai 2026"),
    ],
)
def test_the_date_filter_writes_the_first_of_a_month_as_1er(value, fmt, expected):
    assert _render("{{ value|date:fmt }}", value=value, fmt=fmt) == expected
    with translation.override("fr"):
        assert date_format(value, fmt) == expected


def test_the_filter_reads_the_day_in_local_time():
    # 31 January, 23:30 in UTC is 1 February, 0:30 in Paris.
    value = dt.datetime(2026, 1, 31, 23, 30, tzinfo=dt.UTC)
    with timezone.override(ZoneInfo("Europe/Paris")):
        assert _render('{{ value|date:"j F Y, H:i" }}', value=value) == "1er février 2026, 00:30"


def test_the_filter_keeps_django_behaviour_for_empty_and_time_values():
    assert _render('{{ value|date:"j F Y" }}', value=None) == ""
    assert _render('{{ value|date:"j F Y" }}', value="") == ""
    assert _render('{{ value|date:"H\\hi" }}', value=dt.time(14, 5)) == "14h05"


def test_the_process_page_shows_1er(client, process):
    from concerto.processes.models import Phase

    Phase.objects.create(
        process=process,
        kind=Phase.Kind.CONTRIBUTIONS,
        title="Contributions",
        starts_on=dt.date(2026, 3, 1),
        ends_on=dt.date(2026, 6, 1),
    )
    page = client.get(reverse("processes:detail", kwargs={"slug": process.slug}))
    assert "du 1er mars 2026 au 1er juin 2026" in page.content.decode()
