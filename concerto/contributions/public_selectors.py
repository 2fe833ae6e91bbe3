"""What the public list and the public page of a contribution show, read for display.

These pages are the busiest of the site, and most of their requests are not in the page
cache (core/pagecache.py: every search and every contribution has its own URL), so each
read here is shaped for CPU (bench/RESULTS.md, §1e):

* the facet counts of the list in **one** SQL statement (:func:`_facet_counts`), cached in
  the shared cache only when there is no text search;
* the twenty results of a page and the contribution of a page as plain rows
  (``values_list``), not model instances with ``select_related``/``prefetch_related``;
* the process of the list and the options of its filters kept in memory until public
  content changes (:func:`concerto.core.pagecache.public_memo`).

Only ``published`` contributions of published processes are returned, and only their
public fields.
"""

from __future__ import annotations

import hashlib
import math
import uuid
from collections.abc import Sequence
from dataclasses import astuple, dataclass, field
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet
from django.http import Http404

from concerto.contributions.models import Answer, Attachment, Contribution
from concerto.contributions.selectors import (
    FACET_CACHE_SECONDS,
    FACETS,
    PAGE_SIZE,
    RANK_MAX_MATCHES,
    ContributionFilters,
    ProcessDimensions,
    _version_key,
    filter_contributions,
    order_results,
    process_dimensions,
    published_by_receipt,
    published_contributions,
    search,
)
from concerto.core.pagecache import public_memo
from concerto.processes.models import Channel, Process
from concerto.processes.selectors import public_process_or_404


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    options: list[FacetOption]


@dataclass(frozen=True)
class ListedAnswer:
    question_number: int
    text: str  # what is shown: the masked text when moderation masked anything


@dataclass(frozen=True)
class ListedContribution:
    """What the public list shows of a published contribution: public fields only, read
    as plain rows (no model instances, no prefetch machinery: see :func:`_listed`)."""

    receipt_number: str
    published_at: datetime | None
    kind: str
    profile: str
    channel: str
    neighbourhood: str  # its name, "" when none was given
    author: str  # the published pseudonym, or "Anonyme"
    is_demo: bool
    answers: list[ListedAnswer]


@dataclass
class ContributionPage:
    """One page of the public list, with the counts of the filters."""

    contributions: list[ListedContribution]
    total: int
    number: int
    num_pages: int
    facets: dict[str, Facet] = field(default_factory=dict)
    ranked: bool = False

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def start_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1 if self.total else 0

    @property
    def end_index(self) -> int:
        return min(self.number * PAGE_SIZE, self.total)

    def page_range(self, around: int = 2) -> list[int | None]:
        """Page numbers to link to; ``None`` stands for an ellipsis."""
        shown = {1, self.num_pages} | set(
            range(max(1, self.number - around), min(self.num_pages, self.number + around) + 1)
        )
        pages: list[int | None] = []
        previous = 0
        for number in sorted(shown):
            if number - previous > 1:
                pages.append(None)
            pages.append(number)
            previous = number
        return pages


def process_and_dimensions(slug: str) -> tuple[Process, ProcessDimensions]:
    """The published process ``slug`` (or 404) and the options of its filters: three
    queries, or none while public content is unchanged (:func:`public_memo`)."""

    def build() -> tuple[Process, ProcessDimensions]:
        process = public_process_or_404(slug)
        return process, process_dimensions(process)

    return public_memo(f"contributions:process-dimensions:{slug}", build)


def facet_counts(
    process: Process, filters: ContributionFilters, dimensions: ProcessDimensions
) -> dict[str, dict[str | int, int]]:
    """For each filter, the number of results per option when every *other* filter applies.

    One query whatever the number of contributions (:func:`_facet_counts`). Without a text
    search the counts are cached per process and filters for ``FACET_CACHE_SECONDS`` and
    forgotten as soon as a contribution of the process is saved or deleted: these few
    combinations are read over and over and cost a pass over every contribution. The
    counts of a text search are not cached: there is a long tail of different searches,
    each read a few times, and their counts only scan the matches (through the GIN index),
    which costs less than writing them to the shared cache and reading them back; writing
    them would also evict the counts that are worth keeping from the database cache.
    """
    if filters.is_search:
        return _facet_counts(process, filters, dimensions)
    version_key = _version_key(process.pk)
    version = cache.get(version_key)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(version_key, version, None):
            version = cache.get(version_key, version)
    digest = hashlib.sha256(repr(astuple(filters)).encode()).hexdigest()[:32]
    key = f"contributions:facets:{process.pk}:{version}:{digest}"
    counts: dict[str, dict[str | int, int]] | None = cache.get(key)
    if counts is None:
        counts = _facet_counts(process, filters, dimensions)
        cache.set(key, counts, FACET_CACHE_SECONDS)
    return counts


# Facet name -> column of contributions_contribution (the question is in the answers).
_FACET_COLUMNS = {
    "neighbourhood": "neighbourhood_id",
    "profile": "profile",
    "kind": "kind",
    "channel": "channel",
}


def _facet_counts(
    process: Process, filters: ContributionFilters, dimensions: ProcessDimensions
) -> dict[str, dict[str | int, int]]:
    """One SQL statement: the published contributions matching the text search, kept once
    in a CTE, then one small ``GROUP BY`` per facet over them, each with every *other*
    selected filter (``UNION ALL``, a few dozen rows back). The question facet joins the
    answers (one answer per question and contribution, so the counts are contributions).

    Built as SQL rather than one ``COUNT(*) FILTER`` per option through the ORM: composing
    and compiling those thirty aggregates cost more CPU than running the query.
    """
    base = search(published_contributions(process), filters.q).order_by()
    base_sql, base_params = base.values_list("id", *_FACET_COLUMNS.values()).query.sql_with_params()
    # Only constants go into the SQL text below (facet names, their columns, the table
    # name); every value the reader chose is a parameter.
    answers = connection.ops.quote_name(Answer._meta.db_table)
    selected = {
        name: value for name in FACETS if (value := getattr(filters, name)) not in (None, "")
    }

    def others(facet: str) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for name, value in selected.items():
            if name == facet:
                continue
            if name == "question":
                clauses.append(
                    f"m.id IN (SELECT s.contribution_id FROM {answers} s WHERE s.question_id = %s)"  # noqa: S608
                )
            else:
                clauses.append(f"m.{_FACET_COLUMNS[name]} = %s")
            params.append(value)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    parts: list[str] = []
    params: list[Any] = list(base_params)
    for name, column in _FACET_COLUMNS.items():
        where, where_params = others(name)
        parts.append(
            f"SELECT '{name}', CAST(m.{column} AS TEXT), COUNT(*) FROM m{where} GROUP BY m.{column}"  # noqa: S608
        )
        params += where_params
    where, where_params = others("question")
    # SQLite would scan every answer and look each up in the matches; CROSS JOIN makes it
    # read the matches first, then their answers (20 ms -> 1 ms for 1,000 matches of 20,000).
    join = "CROSS JOIN" if connection.vendor == "sqlite" else "JOIN"
    parts.append(
        "SELECT 'question', CAST(a.question_id AS TEXT), COUNT(*) "  # noqa: S608
        f"FROM m {join} {answers} a ON a.contribution_id = m.id{where} GROUP BY a.question_id"
    )
    params += where_params
    columns = ", ".join(("id", *_FACET_COLUMNS.values()))
    # MATERIALIZED: the matches are computed once, not once per facet (SQLite inlines a
    # CTE otherwise; PostgreSQL materialises one that is read more than once anyway).
    sql = f"WITH m ({columns}) AS MATERIALIZED ({base_sql}) " + " UNION ALL ".join(parts)
    counts: dict[str, dict[str | int, int]] = {name: {} for name in FACETS}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for name, value, count in cursor.fetchall():
            if value is None:  # no neighbourhood given
                continue
            key: str | int = int(value) if name in ("neighbourhood", "question") else value
            counts[name][key] = count
    return counts


def _total(filters: ContributionFilters, counts: dict[str, dict[str | int, int]]) -> int:
    # Every contribution has exactly one kind: the kind counts (computed without the kind
    # filter) add up to the total, or give it directly for the selected kind.
    kinds = counts["kind"]
    if filters.kind:
        return kinds.get(filters.kind, 0)
    return sum(kinds.values())


def _facets(
    filters: ContributionFilters,
    counts: dict[str, dict[str | int, int]],
    dimensions: ProcessDimensions,
) -> dict[str, Facet]:
    def options(name: str, choices: Sequence[tuple[Any, Any]], selected: str | int | None) -> Facet:
        return Facet(
            name=name,
            options=[
                FacetOption(
                    value=str(value),
                    label=str(label),
                    count=counts[name].get(value, 0),
                    selected=selected is not None and str(value) == str(selected),
                )
                for value, label in choices
            ],
        )

    return {
        "question": options(
            "question",
            [(q.pk, f"{q.number}. {q.title}") for q in dimensions.questions],
            filters.question,
        ),
        "neighbourhood": options(
            "neighbourhood",
            [(n.pk, n.name) for n in dimensions.neighbourhoods],
            filters.neighbourhood,
        ),
        "profile": options("profile", Contribution.Profile.choices, filters.profile),
        "kind": options("kind", Contribution.Kind.choices, filters.kind),
        "channel": options("channel", Channel.Kind.choices, filters.channel),
    }


# --- Pages ---------------------------------------------------------------------------------


def contribution_page(
    process: Process,
    filters: ContributionFilters,
    page: int,
    dimensions: ProcessDimensions,
) -> ContributionPage:
    """A page of the public list with its facets: 3 queries (facets, results, answers).

    A page number past the end gives the last page, below 1 the first.
    """
    counts = facet_counts(process, filters, dimensions)
    total = _total(filters, counts)
    num_pages = max(1, math.ceil(total / PAGE_SIZE))
    number = min(max(1, page), num_pages)
    ranked = filters.is_search and total <= RANK_MAX_MATCHES
    contributions: list[ListedContribution] = []
    if total:
        queryset = order_results(
            filter_contributions(published_contributions(process), filters), filters, rank=ranked
        )
        offset = (number - 1) * PAGE_SIZE
        contributions = _listed(queryset[offset : offset + PAGE_SIZE])
    return ContributionPage(
        contributions=contributions,
        total=total,
        number=number,
        num_pages=num_pages,
        facets=_facets(filters, counts, dimensions),
        ranked=ranked,
    )


_ROW_FIELDS = (
    "id",
    "receipt_number",
    "published_at",
    "kind",
    "profile",
    "channel",
    "neighbourhood__name",
    "author_name",
    "is_demo",
)


def _listed(queryset: QuerySet[Contribution]) -> list[ListedContribution]:
    """The rows of one page of results and their answers: two queries.

    Read as tuples rather than through :func:`for_display`: building twenty model
    instances with their neighbourhood, process, answers and questions through
    ``select_related`` and ``prefetch_related`` cost twice the CPU (bench/RESULTS.md, §1e).
    """
    rows = list(queryset.values_list(*_ROW_FIELDS))
    answers: dict[int, list[ListedAnswer]] = {row[0]: [] for row in rows}
    if answers:
        for contribution_id, number, text, public_text in (
            Answer.objects.filter(contribution_id__in=list(answers))
            .order_by("question__number")
            .values_list("contribution_id", "question__number", "text", "public_text")
        ):
            shown = Answer.shown_text_of(text=text, public_text=public_text)
            answers[contribution_id].append(ListedAnswer(question_number=number, text=shown))
    return [
        ListedContribution(
            receipt_number=receipt_number,
            published_at=published_at,
            kind=kind,
            profile=profile,
            channel=channel,
            neighbourhood=neighbourhood or "",
            author=Contribution.public_author_of(author_name),
            is_demo=is_demo,
            answers=answers[pk],
        )
        for (
            pk,
            receipt_number,
            published_at,
            kind,
            profile,
            channel,
            neighbourhood,
            author_name,
            is_demo,
        ) in rows
    ]


@dataclass(frozen=True)
class PageAnswer:
    question_number: int
    question_title: str
    text: str  # what is shown: the masked text when moderation masked anything


@dataclass(frozen=True)
class ContributionForPage:
    """What the public page of a contribution shows: public fields only, with the title and
    slug of its process, its answers and its files (primary key and kind)."""

    receipt_number: str
    published_at: datetime | None
    kind: str
    profile: str
    channel: str
    neighbourhood: str  # its name, "" when none was given
    author: str  # the published pseudonym, or "Anonyme"
    is_demo: bool
    process_title: str
    process_slug: str
    answers: list[PageAnswer]
    attachments: list[tuple[int, str]]


def contribution_for_page(receipt: str, *, slug: str) -> ContributionForPage:
    """The published contribution ``receipt`` of the published process ``slug`` for its
    public page, or 404: three queries, read as rows (what :func:`public_contribution`
    gives the API through model instances and ``prefetch_related`` cost a third more CPU,
    bench/RESULTS.md §1e)."""
    row = (
        published_by_receipt(receipt, slug)
        .values_list(
            "id",
            "receipt_number",
            "published_at",
            "kind",
            "profile",
            "channel",
            "neighbourhood__name",
            "author_name",
            "is_demo",
            "process__title",
            "process__slug",
        )
        .first()
    )
    if row is None:
        raise Http404
    (pk, receipt_number, published_at, kind, profile, channel) = row[:6]
    (neighbourhood, author_name, is_demo, process_title, process_slug) = row[6:]
    answers = [
        PageAnswer(
            question_number=number,
            question_title=title,
            text=Answer.shown_text_of(text=text, public_text=public_text),
        )
        for number, title, text, public_text in Answer.objects.filter(contribution_id=pk)
        .order_by("question__number")
        .values_list("question__number", "question__title", "text", "public_text")
    ]
    attachments = list(
        Attachment.objects.filter(contribution_id=pk).order_by("id").values_list("id", "kind")
    )
    return ContributionForPage(
        receipt_number=receipt_number,
        published_at=published_at,
        kind=kind,
        profile=profile,
        channel=channel,
        neighbourhood=neighbourhood or "",
        author=Contribution.public_author_of(author_name),
        is_demo=is_demo,
        process_title=process_title,
        process_slug=process_slug,
        answers=answers,
        attachments=attachments,
    )
