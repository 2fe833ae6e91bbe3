"""The printable sheet of a walking route (« Parcours des solidarités »), WeasyPrint, photos
embedded. Rendering takes about a second: the sheet of a published event is rendered once
per public version and served from the shared cache (``core.pagecache.public_bytes``)."""

from __future__ import annotations

import base64
import importlib

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from concerto.core.pagecache import public_bytes
from concerto.events.models import Event, RouteStop
from concerto.processes.models import Process


def route_pdf(process: Process, event: Event, stops: list[RouteStop]) -> bytes:
    """The sheet of ``event``: from the cache for a published event (the same for every
    reader), rendered afresh for one still in moderation (seen by its organisers only)."""
    if event.status != Event.Status.APPROVED:
        return render_route_pdf(process, event, stops)
    changed = max([event.updated_at, *(stop.updated_at for stop in stops)])
    key = f"events:route-pdf:{event.pk}:{len(stops)}:{changed.isoformat()}"
    return public_bytes(key, lambda: render_route_pdf(process, event, stops))


def render_route_pdf(process: Process, event: Event, stops: list[RouteStop]) -> bytes:
    weasyprint = importlib.import_module("weasyprint")
    photos: dict[int, str] = {}
    for stop in stops:
        if stop.photo:
            try:
                with stop.photo.open("rb") as handle:
                    data = base64.b64encode(handle.read()).decode()
            except OSError:
                continue
            photos[stop.pk] = f"data:{stop.photo_content_type or 'image/jpeg'};base64,{data}"
    html = render_to_string(
        "events/route_pdf.html",
        {
            "process": process,
            "event": event,
            "stops": [(stop, photos.get(stop.pk)) for stop in stops],
            "page_url": settings.SITE_URL
            + reverse("events:route", kwargs={"slug": process.slug, "event": event.slug}),
        },
    )
    return bytes(weasyprint.HTML(string=html).write_pdf())
