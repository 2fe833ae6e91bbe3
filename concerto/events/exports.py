"""Open data: the approved events of a process, in CSV and JSON, with no personal data.

Exported per event: its id, title, type, organiser (the city, an organisation's name, or
« un·e habitant·e »), start and end (ISO 8601 with the Paris offset), place, address,
neighbourhood, coordinates, online link, openness, audience, accessibility features,
price, capacity, the number of people registered and who came, the page's address.
Never a proposer's or a participant's identity. CSV: UTF-8, comma, CRLF, a header row;
texts starting with = + - @ are prefixed with an apostrophe (CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpResponse

from concerto.events.models import Registration
from concerto.events.selectors import local_zone, published_events
from concerto.processes.models import Process

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

FIELDS = (
    "id",
    "title",
    "kind",
    "organiser",
    "start",
    "end",
    "place_name",
    "address",
    "neighbourhood",
    "latitude",
    "longitude",
    "online_url",
    "visibility",
    "audience",
    "step_free_access",
    "sign_language",
    "hearing_loop",
    "childcare",
    "is_free",
    "price",
    "capacity",
    "registered",
    "attended",
    "parent_id",
    "url",
)


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def event_rows(process: Process) -> list[dict[str, Any]]:
    """One dict per approved event (sessions included), in two queries at most."""
    zone = local_zone()
    confirmed = Registration.Status.CONFIRMED
    events = (
        published_events(process)
        .annotate(
            registered=Count("registrations", filter=Q(registrations__status=confirmed)),
            attended_count=Count(
                "registrations",
                filter=Q(registrations__status=confirmed, registrations__attended=True),
            ),
        )
        .order_by("start", "id")
    )
    rows = []
    for event in events:
        rows.append(
            {
                "id": event.pk,
                "title": event.title,
                "kind": event.kind,
                "organiser": event.organiser_label,
                "start": event.start.astimezone(zone).isoformat(),
                "end": event.end.astimezone(zone).isoformat(),
                "place_name": event.place_name,
                "address": event.address,
                "neighbourhood": event.neighbourhood.name if event.neighbourhood else "",
                "latitude": float(event.latitude) if event.latitude is not None else None,
                "longitude": float(event.longitude) if event.longitude is not None else None,
                "online_url": event.online_url,
                "visibility": event.visibility,
                "audience": event.audience,
                "step_free_access": event.step_free_access,
                "sign_language": event.sign_language,
                "hearing_loop": event.hearing_loop,
                "childcare": event.childcare,
                "is_free": event.is_free,
                "price": event.price,
                "capacity": event.capacity,
                "registered": event.registered,
                "attended": event.attended_count,
                "parent_id": event.parent_id,
                "url": settings.SITE_URL + event.get_absolute_url(),
            }
        )
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def csv_response(process: Process) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for row in event_rows(process):
        writer.writerow([_cell(row[name]) for name in FIELDS])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evenements-{process.slug}.csv"'
    return response


def json_response(process: Process) -> HttpResponse:
    body = json.dumps(event_rows(process), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="evenements-{process.slug}.json"'
    return response
