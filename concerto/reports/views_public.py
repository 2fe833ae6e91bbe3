"""Public pages of the report: the latest published version, earlier versions, their PDF
and the proposals as open data. Everything shown comes from the frozen version."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from concerto.core.pagecache import anonymous_page_cache
from concerto.reports import exports, selectors
from concerto.reports.models import ReportVersion


def _page(request: HttpRequest, version: ReportVersion, *, is_latest: bool) -> HttpResponse:
    versions = selectors.version_items(version.report_id)
    return render(
        request,
        "reports/report_page.html",
        {
            "content": version.content,
            "version": version,
            "process": version.report.process,
            "versions": versions,
            "is_latest": is_latest or (bool(versions) and versions[0].number == version.number),
        },
    )


@anonymous_page_cache
def latest(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, selectors.latest_version(slug), is_latest=True)


@anonymous_page_cache
def version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    return _page(request, selectors.published_version(slug, number), is_latest=False)


def pdf(request: HttpRequest, slug: str, number: int) -> FileResponse:
    found = selectors.published_version(slug, number)
    if not found.pdf:
        raise Http404(_("Le PDF de cette version est en préparation."))
    try:
        handle = found.pdf.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Fichier introuvable.")) from exc
    response = FileResponse(
        handle,
        content_type="application/pdf",
        filename=f"rapport-{slug}-v{number}.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    return response


def proposals_csv(request: HttpRequest, slug: str) -> HttpResponse:
    return exports.csv_response(selectors.latest_version(slug))


def proposals_json(request: HttpRequest, slug: str) -> HttpResponse:
    return exports.json_response(selectors.latest_version(slug))
