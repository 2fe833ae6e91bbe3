"""Reading published contributions for the public pages, the open-data export and the API.

Every function here returns what a page needs in a constant number of queries, whatever the
number of contributions. Only ``published`` contributions of published processes are ever
returned; the private fields (e-mail, user, token, moderation data) are never selected.
What the public list and contribution pages read is in :mod:`.public_selectors`, built on
the querysets here; the facet counts they cache are forgotten by :func:`facets_changed`.

Full-text search
    The same French search on both databases (:mod:`.search`): accents and case folded,
    French stems ("solitudes" finds "solitude", "sante" finds "santé", "aine" never finds
    "semaine"), ranked. PostgreSQL matches the stored ``search_vector`` (configuration
    ``french_unaccent``, GIN index) with ``websearch_to_tsquery`` and ranks with
    ``ts_rank``; SQLite matches the FTS5 table ``contributions_search`` and ranks with
    ``bm25``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Prefetch, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.shortcuts import get_object_or_404

from concerto.contributions import search as french
from concerto.contributions.models import Answer, Attachment, Contribution
from concerto.core.pagecache import bump_public_version
from concerto.processes.models import Neighbourhood, Process, Question

PAGE_SIZE = 20
SEARCH_MAX_LENGTH = 200
# Ranking reads the stored vector of every match: above this many matches the
# results of a search are shown most recent first, which the GIN index serves cheaply.
RANK_MAX_MATCHES = 2000

FACETS = ("question", "neighbourhood", "profile", "kind", "channel")


@dataclass(frozen=True)
class ContributionFilters:
    """What the reader asked for. ``question`` and ``neighbourhood`` are primary keys,
    already checked to belong to the process (see :func:`process_dimensions`)."""

    question: int | None = None
    neighbourhood: int | None = None
    profile: str | None = None
    kind: str | None = None
    channel: str | None = None
    q: str = ""

    def without(self, name: str) -> ContributionFilters:
        changes: dict[str, Any] = {name: None}
        return replace(self, **changes)

    @property
    def is_search(self) -> bool:
        return bool(self.q)


@dataclass(frozen=True)
class ProcessDimensions:
    """The questions and neighbourhoods of a process: the options of two filters."""

    questions: list[Question]
    neighbourhoods: list[Neighbourhood]

    def question_by_number(self, number: int) -> Question | None:
        return next((q for q in self.questions if q.number == number), None)

    def neighbourhood_by_slug(self, slug: str) -> Neighbourhood | None:
        return next((n for n in self.neighbourhoods if n.slug == slug), None)


# --- Base querysets ----------------------------------------------------------------------


def published_contributions(process: Process) -> QuerySet[Contribution]:
    """The published contributions of ``process`` (the caller checked it is public)."""
    return Contribution.objects.filter(process=process, status=Contribution.Status.PUBLISHED)


def process_dimensions(process: Process) -> ProcessDimensions:
    """Two small queries: the questions and the neighbourhoods of the process."""
    return ProcessDimensions(
        questions=list(
            Question.objects.filter(process=process)
            .only("id", "process_id", "number", "title")
            .order_by("number")
        ),
        neighbourhoods=list(
            Neighbourhood.objects.filter(process=process)
            .only("id", "process_id", "name", "slug", "order")
            .order_by("order", "name")
        ),
    )


def clean_search(q: str) -> str:
    """The search text as the database will see it: no NUL, no surrounding blanks, bounded."""
    return q.replace("\x00", " ").strip()[:SEARCH_MAX_LENGTH]


def _postgres_query(q: str) -> SearchQuery:
    # The query as search.parse reads it on both databases, in tsquery syntax.
    return SearchQuery(french.pg_tsquery(q), config=french.PG_CONFIG, search_type="raw")


def _postgres_vector() -> F:
    # The stored vector, kept by a trigger and GIN-indexed (migration 0006).
    return F("search_vector")


def search(queryset: QuerySet[Contribution], q: str) -> QuerySet[Contribution]:
    """Contributions whose public text matches ``q`` (see the module docstring)."""
    q = clean_search(q)
    if not q:
        return queryset
    if not french.has_terms(q):
        # Nothing to look for (only punctuation or stop words): the page says so and
        # ignores the search (public_views); here, as on PostgreSQL, nothing matches.
        # Not ``none()``: the facet counts compile this queryset into their own SQL.
        return queryset.filter(pk__isnull=True)
    if connection.vendor == "postgresql":
        return queryset.filter(search_vector=_postgres_query(q))
    # Constant SQL; the reader's query is a parameter, its stems quoted (search.fts5_query).
    return queryset.filter(id__in=RawSQL(_FTS_MATCH, [french.fts5_query(q)]))  # noqa: S611


_FTS_MATCH = f"SELECT rowid FROM {french.FTS_TABLE} WHERE {french.FTS_TABLE} MATCH %s"  # noqa: S608
# bm25 is negative, the lower the better.
_FTS_JOIN = f"{french.FTS_TABLE}.rowid = contributions_contribution.id"


def filter_contributions(
    queryset: QuerySet[Contribution], filters: ContributionFilters
) -> QuerySet[Contribution]:
    if filters.question is not None:
        queryset = queryset.filter(answers__question_id=filters.question)  # unique: no duplicate
    if filters.neighbourhood is not None:
        queryset = queryset.filter(neighbourhood_id=filters.neighbourhood)
    if filters.profile:
        queryset = queryset.filter(profile=filters.profile)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    return search(queryset, filters.q)


def order_results(
    queryset: QuerySet[Contribution], filters: ContributionFilters, *, rank: bool
) -> QuerySet[Contribution]:
    """Most relevant first when ranking a search, else most recent first."""
    q = clean_search(filters.q)
    if rank and q and french.has_terms(q):
        if connection.vendor == "postgresql":
            return queryset.annotate(
                rank=SearchRank(_postgres_vector(), _postgres_query(q))
            ).order_by("-rank", "-published_at", "-id")
        # A join on the FTS5 table: bm25 read in the same full-text query (a correlated
        # subquery would run the query again for every match: 60 ms for 1,000 matches
        # instead of 1, bench/RESULTS.md §5). ``extra`` is the ORM's only way to join a
        # table without a relation; the SQL is constant, the query a parameter.
        return queryset.extra(  # noqa: S610
            tables=[french.FTS_TABLE],
            where=[_FTS_JOIN, f"{french.FTS_TABLE} MATCH %s"],
            params=[french.fts5_query(q)],
            select={"rank": f"bm25({french.FTS_TABLE})"},
        ).order_by("rank", "-published_at", "-id")
    return queryset.order_by("-published_at", "-id")


def _answers_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "answers",
        queryset=Answer.objects.select_related("question")
        .only(
            "id",
            "contribution_id",
            "question_id",
            "text",
            "public_text",
            "question__id",
            "question__number",
            "question__title",
        )
        .order_by("question__number"),
    )


_LIST_FIELDS = (
    "id",
    "process_id",
    "process__id",
    "process__slug",
    "receipt_number",
    "channel",
    "kind",
    "status",
    "is_demo",
    "author_name",
    "neighbourhood_id",
    "neighbourhood__id",
    "neighbourhood__name",
    "neighbourhood__slug",
    "profile",
    "published_at",
)  # never the age bracket: kept for the statistics of the report, not published


def for_display(queryset: QuerySet[Contribution]) -> QuerySet[Contribution]:
    """Only the public columns, with the neighbourhood and the answers (two queries)."""
    return (
        queryset.select_related("neighbourhood", "process")
        .only(*_LIST_FIELDS)
        .prefetch_related(_answers_prefetch())
    )


# --- Facets -------------------------------------------------------------------------------


FACET_CACHE_SECONDS = 300


def _version_key(process_id: int) -> str:
    return f"contributions:facets-version:{process_id}"


def facets_changed(process_id: int) -> None:
    """Forget the cached counts of a process (called when one of its contributions changes),
    and the cached public pages."""
    cache.set(_version_key(process_id), uuid.uuid4().hex, None)
    bump_public_version()


def _on_contribution_change(
    sender: type[Contribution], instance: Contribution, **kwargs: Any
) -> None:
    update_fields = kwargs.get("update_fields")
    if instance.status != Contribution.Status.PUBLISHED and (
        kwargs.get("created") or (update_fields is not None and "status" not in update_fields)
    ):
        # Not published before nor now (a new submission): no public count changes. This
        # also keeps submissions off the shared cache: written inside contribution_submit's
        # transaction, the version row of the database cache stayed locked until the commit,
        # and two submissions taking it and the process row (receipt counter) in opposite
        # orders deadlocked ("deadlock detected", a 500: bench/RESULTS.md, deadline rush).
        return
    process_id = instance.process_id
    facets_changed(process_id)
    # Again after the commit: a reader may have cached the old counts meanwhile.
    transaction.on_commit(lambda: facets_changed(process_id), robust=True)


post_save.connect(_on_contribution_change, sender=Contribution, dispatch_uid="contrib-facets-save")
post_delete.connect(
    _on_contribution_change, sender=Contribution, dispatch_uid="contrib-facets-delete"
)


def api_contributions(process: Process, filters: ContributionFilters) -> QuerySet[Contribution]:
    """The queryset the API paginates (count, then one slice and its answers)."""
    queryset = filter_contributions(published_contributions(process), filters)
    return for_display(order_results(queryset, filters, rank=False))


def published_by_receipt(receipt: str, slug: str | None) -> QuerySet[Contribution]:
    """The published contribution ``receipt`` of a published process (of ``slug`` if
    given), as a queryset of at most one row."""
    queryset = Contribution.objects.filter(
        receipt_number=receipt, status=Contribution.Status.PUBLISHED, process__is_published=True
    )
    if slug is not None:
        queryset = queryset.filter(process__slug=slug)
    return queryset


def public_contribution(receipt: str, *, slug: str | None = None) -> Contribution:
    """A published contribution of a published process, with its answers and files
    (three queries), or 404."""
    queryset = (
        published_by_receipt(receipt, slug)
        .select_related("neighbourhood", "process")
        .only(*_LIST_FIELDS)
        .prefetch_related(
            _answers_prefetch(),
            Prefetch(
                "attachments",
                queryset=Attachment.objects.only("id", "contribution_id", "kind").order_by("id"),
            ),
        )
    )
    return get_object_or_404(queryset)


def public_attachment(slug: str, receipt: str, pk: int) -> Attachment:
    """A file of a published contribution of a published process, or 404 (one query)."""
    try:
        return Attachment.objects.select_related("contribution").get(
            pk=pk,
            contribution__receipt_number=receipt,
            contribution__status=Contribution.Status.PUBLISHED,
            contribution__process__slug=slug,
            contribution__process__is_published=True,
        )
    except (Attachment.DoesNotExist, OverflowError) as exc:
        raise Http404 from exc


# --- Open data -------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    "contribution__receipt_number",
    "contribution__published_at",
    "contribution__channel",
    "contribution__kind",
    "contribution__neighbourhood__name",
    "contribution__profile",
    "question__number",
    "text",
    "public_text",
)


def export_answers(process: Process, *, chunk_size: int = 2000) -> Iterator[tuple[Any, ...]]:
    """The answers of the published contributions, oldest publication first, as tuples of
    :data:`EXPORT_COLUMNS`, streamed from one query (a server-side cursor on PostgreSQL)."""
    queryset = (
        Answer.objects.filter(
            contribution__process=process,
            contribution__status=Contribution.Status.PUBLISHED,
        )
        .order_by(
            F("contribution__published_at").asc(nulls_first=True),
            "contribution_id",
            "question__number",
        )
        .values_list(*EXPORT_COLUMNS)
    )
    return queryset.iterator(chunk_size=chunk_size)
