"""The one reader of a published report's frozen content, for the other apps.

What a ``ReportVersion`` froze at publication (its proposals with their themes and quotes)
is read here, typed, and nowhere else: the receipt path, the follow-up e-mails, the City's
answer and the strategy all follow the report *as published*, never the live ``Proposal``
rows, which the analysts may keep editing after publication (a draft until the next
version).

A version never changes: its parsed proposals are kept in this server's memory (the
``pages`` cache) under the version's primary key, so reading them costs one small query
(which versions exist) plus one the first time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import caches

from concerto.reports.models import ReportVersion

CACHE_PREFIX = "reports:published:"


@dataclass(frozen=True)
class PublishedTheme:
    name: str
    # ``None`` in versions frozen before theme ids were (matched by name then).
    pk: int | None = None


@dataclass(frozen=True)
class PublishedQuote:
    coding: int
    receipt: str
    excerpt: str
    theme: str
    path: str


@dataclass(frozen=True)
class PublishedProposal:
    number: int
    code: str
    title: str
    text: str
    stake: str
    stake_number: int
    themes: tuple[PublishedTheme, ...]
    quotes: tuple[PublishedQuote, ...]
    withdrawn: bool

    def cites_theme(self, pk: int, name: str) -> PublishedTheme | None:
        """The theme of this proposal that is the codebook theme ``pk`` (named ``name``)."""
        for theme in self.themes:
            if theme.pk == pk or (theme.pk is None and theme.name == name):
                return theme
        return None

    @property
    def quoted_codings(self) -> frozenset[int]:
        return frozenset(q.coding for q in self.quotes)


@dataclass(frozen=True)
class _Frozen:
    """What one version shows (cached per version)."""

    proposals: tuple[PublishedProposal, ...]
    themes: frozenset[str]  # every theme name the version cites (stakes, findings, proposals)


@dataclass
class PublishedReport:
    """The latest published version of one report, with when each proposal was first
    shown (over every version)."""

    report_id: int
    version_id: int
    number: int
    published_at: dt.datetime
    title: str
    process_id: int
    process_slug: str
    proposals: tuple[PublishedProposal, ...]  # withdrawn ones included
    themes: frozenset[str]
    first_shown: dict[int, dt.datetime] = field(default_factory=dict)

    @property
    def shown(self) -> list[PublishedProposal]:
        """The proposals the version shows: numbered, withdrawn ones aside."""
        return [p for p in self.proposals if not p.withdrawn]

    @property
    def numbers(self) -> list[int]:
        return [p.number for p in self.shown]

    def proposal(self, number: int) -> PublishedProposal | None:
        return next((p for p in self.shown if p.number == number), None)


def _themes(raw: dict[str, Any]) -> tuple[PublishedTheme, ...]:
    names = [str(n) for n in raw.get("themes", [])]
    ids = raw.get("theme_ids")
    if isinstance(ids, list) and len(ids) == len(names):
        return tuple(PublishedTheme(name, int(pk)) for name, pk in zip(names, ids, strict=True))
    return tuple(PublishedTheme(name) for name in names)


def _quotes(raw: dict[str, Any]) -> tuple[PublishedQuote, ...]:
    return tuple(
        PublishedQuote(
            coding=int(q["coding"]),
            receipt=str(q.get("receipt", "")),
            excerpt=str(q.get("excerpt", "")),
            theme=str(q.get("theme", "")),
            path=str(q.get("path", "")),
        )
        for q in raw.get("quotes", [])
        if isinstance(q.get("coding"), int)
    )


def parse(content: Any) -> _Frozen:
    """The proposals and cited themes of a version's frozen ``content``."""
    proposals: list[PublishedProposal] = []
    themes: set[str] = set()
    for stake in (content or {}).get("stakes", []):
        themes.update(stake.get("themes", []))
        for finding in stake.get("findings", []):
            themes.update(finding.get("themes", []))
        for raw in stake.get("proposals", []):
            number = raw.get("number")
            if not isinstance(number, int):
                continue
            withdrawn = bool(raw.get("withdrawn"))
            proposal = PublishedProposal(
                number=number,
                code=str(raw.get("code") or f"P{number}"),
                title=str(raw.get("title", "")),
                text=str(raw.get("text", "")),
                stake=str(stake.get("title", "")),
                stake_number=int(stake.get("number") or 0),
                themes=_themes(raw),
                quotes=() if withdrawn else _quotes(raw),
                withdrawn=withdrawn,
            )
            proposals.append(proposal)
            if not withdrawn:
                themes.update(t.name for t in proposal.themes)
    return _Frozen(tuple(proposals), frozenset(themes))


def _frozen(version_ids: list[int]) -> dict[int, _Frozen]:
    memory = caches["pages"]
    keys = {pk: f"{CACHE_PREFIX}{pk}" for pk in version_ids}
    found = memory.get_many(list(keys.values()))
    result = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in version_ids if pk not in result]
    if missing:
        rows = ReportVersion.objects.filter(pk__in=missing).values_list("pk", "content")
        for pk, content in rows:
            result[pk] = parse(content)
            memory.set(keys[pk], result[pk], None)
    return result


def published_reports(
    *, report_ids: Iterable[int] | None = None, process_ids: Iterable[int] | None = None
) -> dict[int, PublishedReport]:
    """report id -> its latest published version (reports never published are left out).
    Two queries at most, whatever the number of reports, versions and proposals."""
    versions = ReportVersion.objects.all()
    if report_ids is not None:
        versions = versions.filter(report_id__in=list(report_ids))
    if process_ids is not None:
        versions = versions.filter(report__process_id__in=list(process_ids))
    rows = list(
        versions.order_by("report_id", "number").values_list(
            "pk",
            "report_id",
            "number",
            "published_at",
            "report__title",
            "report__process_id",
            "report__process__slug",
        )
    )
    frozen = _frozen([row[0] for row in rows])
    result: dict[int, PublishedReport] = {}
    first_shown: dict[int, dict[int, dt.datetime]] = {}
    for pk, report_id, number, published_at, title, process_id, slug in rows:
        content = frozen[pk]
        shown = first_shown.setdefault(report_id, {})
        for proposal in content.proposals:
            if not proposal.withdrawn:
                shown.setdefault(proposal.number, published_at)
        result[report_id] = PublishedReport(  # the latest version wins
            report_id=report_id,
            version_id=pk,
            number=number,
            published_at=published_at,
            title=title,
            process_id=process_id,
            process_slug=slug,
            proposals=content.proposals,
            themes=content.themes,
            first_shown=shown,
        )
    return result


def published_report(process_id: int) -> PublishedReport | None:
    """The latest published version of the report of the process ``process_id``."""
    return next(iter(published_reports(process_ids=[process_id]).values()), None)
