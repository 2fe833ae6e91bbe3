"""Reads for the report's pages, each in a constant number of queries."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from concerto.contributions.models import Contribution
from concerto.processes.models import Process
from concerto.reports.models import Figure, Finding, Proposal, Report, ReportVersion, Stake
from concerto.synthesis.models import Coding, Theme

CANDIDATES_LIMIT = 100


# --- Public -------------------------------------------------------------------------------


def shown_proposals(content: Any) -> Iterator[dict[str, Any]]:
    """The proposals a frozen version's ``content`` shows: numbered, withdrawn ones aside.
    The one reader of that format for the other apps (the answer, the droit de suite)."""
    for stake in (content or {}).get("stakes", []):
        for proposal in stake.get("proposals", []):
            if not proposal.get("withdrawn") and isinstance(proposal.get("number"), int):
                yield proposal


def _public_versions(slug: str) -> QuerySet[ReportVersion]:
    return ReportVersion.objects.filter(
        report__process__slug=slug, report__process__is_published=True
    ).select_related("report__process")


def latest_version(slug: str) -> ReportVersion:
    """The latest published version of the report of a published process, or 404."""
    version = _public_versions(slug).order_by("-number").first()
    if version is None:
        raise Http404("Aucun rapport publié.")
    return version


def published_version(slug: str, number: int) -> ReportVersion:
    return get_object_or_404(_public_versions(slug), number=number)


def latest_version_or_none(process: Process) -> ReportVersion | None:
    """For the process page: the latest version's number and date, without its content."""
    return (
        ReportVersion.objects.filter(report__process=process)
        .defer("content")
        .order_by("-number")
        .first()
    )


@dataclass(frozen=True)
class VersionItem:
    number: int
    published_at: Any
    note: str
    has_pdf: bool


def version_items(report_id: int) -> list[VersionItem]:
    """Every version of a report, newest first, without their (large) content."""
    rows = (
        ReportVersion.objects.filter(report_id=report_id)
        .order_by("-number")
        .values_list("number", "published_at", "note", "pdf")
    )
    return [VersionItem(n, at, note, bool(pdf)) for n, at, note, pdf in rows]


# --- Staff ----------------------------------------------------------------------------------


def report_of(process: Process) -> Report | None:
    return Report.objects.filter(process=process).select_related("process").first()


def editor_stakes(report: Report) -> list[Stake]:
    return list(
        Stake.objects.filter(report=report)
        .prefetch_related("themes")
        .annotate(
            n_findings=Count("findings", distinct=True),
            n_proposals=Count("proposals", distinct=True),
        )
        .order_by("position", "pk")
    )


def stake_for_editor(pk: int) -> Stake:
    return get_object_or_404(
        Stake.objects.select_related("report__process").prefetch_related(
            "themes",
            "findings__themes",
            "findings__quotes",
            "proposals__themes",
            "proposals__quotes",
            "figures",
        ),
        pk=pk,
    )


def general_figures(report: Report) -> list[Figure]:
    return list(Figure.objects.filter(report=report, stake__isnull=True).order_by("position"))


def finding_for_editor(pk: int) -> Finding:
    return get_object_or_404(
        Finding.objects.select_related("stake__report__process").prefetch_related("themes"),
        pk=pk,
    )


def proposal_for_editor(pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related("stake", "report__process").prefetch_related("themes"),
        pk=pk,
    )


def process_themes(process: Process) -> list[Theme]:
    """The codebook's themes, each theme followed by its sub-themes."""
    themes = list(
        Theme.objects.filter(codebook__process=process, is_archived=False).order_by(
            "position", "pk"
        )
    )
    roots = [t for t in themes if t.parent_id is None]
    ordered: list[Theme] = []
    for root in roots:
        ordered.append(root)
        ordered.extend(t for t in themes if t.parent_id == root.pk)
    return ordered


def attached_quotes(item: Finding | Proposal) -> list[Coding]:
    return list(
        item.quotes.select_related("answer__contribution", "answer__question", "theme").order_by(
            "answer__contribution__receipt_number", "start"
        )
    )


def quote_candidates(
    *, process: Process, theme_ids: list[int] | None, search: str = ""
) -> list[Coding]:
    """Excerpts the analysts flagged as quotes, in published contributions of ``process``,
    about one of ``theme_ids`` (or one of their sub-themes); all of them if ``None``."""
    queryset = Coding.objects.filter(
        answer__contribution__process=process,
        answer__contribution__status=Contribution.Status.PUBLISHED,
        is_quote=True,
        start__isnull=False,
    ).exclude(excerpt="")
    if theme_ids is not None:
        queryset = queryset.filter(Q(theme_id__in=theme_ids) | Q(theme__parent_id__in=theme_ids))
    if search:
        queryset = queryset.filter(excerpt__icontains=search)
    return list(
        queryset.select_related("answer__contribution", "answer__question", "theme").order_by(
            "answer__contribution__receipt_number", "start", "pk"
        )[:CANDIDATES_LIMIT]
    )
