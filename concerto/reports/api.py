"""The report part of the read-only API (routes declared in concerto/api/api.py): the
latest published version's proposals and figures, as frozen at publication."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from concerto.reports import selectors
from concerto.reports.exports import proposal_rows
from concerto.reports.models import ReportVersion


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def figure_rows(version: ReportVersion) -> list[dict[str, Any]]:
    content = version.content
    found: list[tuple[int | None, dict[str, Any]]] = [(None, f) for f in content.get("figures", [])]
    for stake in content.get("stakes", []):
        found += [(stake["number"], f) for f in stake.get("figures", [])]
    return [
        {
            "key": figure["key"],
            "title": figure["title"],
            "dimension": figure.get("dimension", ""),
            "column_dimension": figure.get("column_dimension", ""),
            "columns": figure["columns"],
            "rows": figure["rows"],
            "values": figure["values"],
            "total": figure.get("total"),
            "note": figure.get("note", ""),
            "stacked": bool(figure.get("stacked")),
            "stake_number": stake_number,
            "caption": figure.get("caption", ""),
        }
        for stake_number, figure in found
    ]


def _pdf_url(slug: str, number: int, has_pdf: bool) -> str | None:
    if not has_pdf:
        return None
    return _absolute(reverse("reports:pdf", kwargs={"slug": slug, "number": number}))


def report_detail(slug: str) -> dict[str, Any]:
    version = selectors.latest_version(slug)
    return {
        "process": slug,
        "title": version.content.get("title", ""),
        "version": version.number,
        "published_at": version.published_at,
        "url": _absolute(reverse("reports:latest", kwargs={"slug": slug})),
        "pdf_url": _pdf_url(slug, version.number, bool(version.pdf)),
        "versions": [
            {
                "number": item.number,
                "published_at": item.published_at,
                "note": item.note,
                "url": _absolute(
                    reverse("reports:version", kwargs={"slug": slug, "number": item.number})
                ),
                "pdf_url": _pdf_url(slug, item.number, item.has_pdf),
            }
            for item in selectors.version_items(version.report_id)
        ],
        "proposals": proposal_rows(version),
        "figures": figure_rows(version),
    }


def report_proposals(slug: str) -> list[dict[str, Any]]:
    return proposal_rows(selectors.latest_version(slug))


def report_figures(slug: str) -> list[dict[str, Any]]:
    return figure_rows(selectors.latest_version(slug))
