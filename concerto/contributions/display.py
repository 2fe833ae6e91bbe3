"""The strings of the public list and contribution pages, computed in Python.

Rendering twenty contributions through template tags (a ``{% url %}``, four
``{% blocktranslate %}``, ``date``, ``capfirst`` and ``truncatewords`` per item, the label
of every choice translated again for every item) cost about as much CPU as the rest of
a search page together (bench/RESULTS.md, §1e). Here the labels are translated once per
page and each item gets its strings ready; the template only prints them (and still
escapes them). The wording is the template's, with the same translatable messages.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from concerto.contributions.models import Contribution
from concerto.contributions.public_selectors import (
    ContributionForPage,
    Facet,
    ListedContribution,
)
from concerto.core.dates import date_format
from concerto.processes.models import Channel, Process

ANSWER_WORDS = 40  # as ``truncatewords:40``
_RECEIPT_PLACEHOLDER = "RECEIPT-0000-000000"
_SELECTED = mark_safe(" selected")  # a constant


@dataclass(frozen=True)
class ListItem:
    receipt_number: str
    url: str
    title: str
    meta: str
    is_demo: bool
    answers: list[tuple[str, str]]  # ("Question 1 :", the shown text, truncated)


def _labels(choices: Sequence[tuple[str, object]]) -> dict[str, str]:
    return {value: capfirst(str(label)) for value, label in choices}


@functools.lru_cache(maxsize=8)
def _choice_labels(
    language: str | None,
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The labels of kinds, profiles and channels as ``get_FOO_display|capfirst`` shows
    them, translated once per language (the choices are constants). Never the age bracket:
    it is not published (only counted in the report's statistics)."""
    return (
        _labels(Contribution.Kind.choices),
        _labels(Contribution.Profile.choices),
        _labels(Channel.Kind.choices),
    )


def _label(labels: dict[str, str], value: str) -> str:
    # As get_FOO_display|capfirst: an unknown (or empty) value is shown as it is.
    return labels.get(value) or capfirst(value)


def _date(value: datetime) -> str:
    # As the ``date:"j F Y"`` filter: in the current time zone.
    return date_format(timezone.localtime(value), "j F Y")


def list_items(process: Process, contributions: Sequence[ListedContribution]) -> list[ListItem]:
    """The items of one page of the public list, in a handful of translations per page."""
    kinds, profiles, channels = _choice_labels(get_language())
    # One reverse() for the page: a receipt is made of letters, digits and dashes.
    detail_url = reverse(
        "contributions:detail", kwargs={"slug": process.slug, "receipt": _RECEIPT_PLACEHOLDER}
    )
    title = _("Contribution %(number)s")
    published_on = _("Publiée le %(date)s")
    by_author = _("par %(author)s")
    question = _("Question %(number)s :")
    items = []
    for c in contributions:
        meta = []
        if c.published_at:
            meta.append(published_on % {"date": _date(c.published_at)})
        meta += [
            _label(kinds, c.kind),
            c.neighbourhood,
            _label(profiles, c.profile),
            _label(channels, c.channel),
            by_author % {"author": c.author},
        ]
        items.append(
            ListItem(
                receipt_number=c.receipt_number,
                url=detail_url.replace(_RECEIPT_PLACEHOLDER, c.receipt_number),
                title=title % {"number": c.receipt_number},
                meta=" · ".join(meta),
                is_demo=c.is_demo,
                answers=[
                    (
                        question % {"number": a.question_number},
                        Truncator(a.text).words(ANSWER_WORDS, truncate=" …"),
                    )
                    for a in c.answers
                ],
            )
        )
    return items


def facet_options(facets: dict[str, Facet]) -> list[tuple[str, SafeString]]:
    """The ``<option>`` elements of each filter's ``<select>`` ("Label (count)"), built
    here rather than by a template loop over some thirty options (escaped alike)."""
    return [
        (
            name,
            format_html_join(
                "",
                '<option value="{}"{}>{} ({})</option>',
                (
                    (
                        option.value,
                        _SELECTED if option.selected else "",
                        capfirst(option.label),
                        formats.localize(option.count),
                    )
                    for option in facet.options
                ),
            ),
        )
        for name, facet in facets.items()
    ]


@dataclass(frozen=True)
class DetailPage:
    """The strings of the public page of a contribution, besides its texts."""

    title: str
    process_url: str
    list_url: str
    published_iso: str
    published_on: str
    kind: str
    profile: str
    channel: str
    attachments: list[tuple[int, str, str]]  # (number from 1, file URL, kind)


def detail_page(c: ContributionForPage) -> DetailPage:
    kinds, profiles, channels = _choice_labels(get_language())
    published = timezone.localtime(c.published_at) if c.published_at else None
    return DetailPage(
        title=_("Contribution %(number)s") % {"number": c.receipt_number},
        process_url=reverse("processes:detail", kwargs={"slug": c.process_slug}),
        list_url=reverse("contributions:list", kwargs={"slug": c.process_slug}),
        # As ``date:'c'`` and ``date:"j F Y"``: in the current time zone.
        published_iso=published.isoformat() if published else "",
        published_on=date_format(published, "j F Y") if published else "",
        kind=_label(kinds, c.kind),
        profile=_label(profiles, c.profile),
        channel=_label(channels, c.channel),
        attachments=[
            (
                number,
                reverse(
                    "contributions:attachment",
                    kwargs={"slug": c.process_slug, "receipt": c.receipt_number, "pk": pk},
                ),
                kind,
            )
            for number, (pk, kind) in enumerate(c.attachments, start=1)
        ],
    )
