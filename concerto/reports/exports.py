"""Open data: the proposals of the latest published report, in CSV and JSON.

Taken from the frozen version (what the public page shows), one row per proposal, withdrawn
ones included (``withdrawn`` true): number, code (« P12 »), title, text, stake, themes,
the version and the address of the proposal on the page. CSV: UTF-8, comma, CRLF, a header
row; texts starting with = + - @ are prefixed with an apostrophe (CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse

from concerto.events.exports import neutralise
from concerto.reports.models import ReportVersion

FIELDS = (
    "number",
    "code",
    "title",
    "text",
    "stake_number",
    "stake",
    "themes",
    "withdrawn",
    "version",
    "url",
)


def proposal_rows(version: ReportVersion) -> list[dict[str, Any]]:
    slug = version.report.process.slug
    page = settings.SITE_URL + reverse("reports:latest", kwargs={"slug": slug})
    rows = []
    for stake in version.content.get("stakes", []):
        for proposal in stake.get("proposals", []):
            rows.append(
                {
                    "number": proposal["number"],
                    "code": proposal["code"],
                    "title": proposal["title"],
                    "text": "" if proposal["withdrawn"] else proposal["text"],
                    "stake_number": stake["number"],
                    "stake": stake["title"],
                    "themes": proposal["themes"],
                    "withdrawn": proposal["withdrawn"],
                    "version": version.number,
                    "url": f"{page}#{proposal['code']}",
                }
            )
    return sorted(rows, key=lambda row: row["number"])


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return neutralise("; ".join(str(v) for v in value))
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def csv_response(version: ReportVersion) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for row in proposal_rows(version):
        writer.writerow([_cell(row[name]) for name in FIELDS])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    slug = version.report.process.slug
    response["Content-Disposition"] = f'attachment; filename="preconisations-{slug}.csv"'
    return response


def json_response(version: ReportVersion) -> HttpResponse:
    body = json.dumps(proposal_rows(version), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    slug = version.report.process.slug
    response["Content-Disposition"] = f'inline; filename="preconisations-{slug}.json"'
    return response
