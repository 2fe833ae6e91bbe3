"""Reading processes for the public pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from concerto.processes.models import Channel, Phase, Process, Question, Urn


def public_processes() -> QuerySet[Process]:
    return Process.objects.filter(is_published=True)


def public_process_or_404(slug: str) -> Process:
    return get_object_or_404(public_processes(), slug=slug)


def process_for_page(slug: str, *, preview: bool = False) -> Process:
    """A published process with everything its public page shows, in a fixed number of queries.
    ``preview``: any process, published or not (the builder's preview, staff only)."""
    base = Process.objects.all() if preview else public_processes()
    queryset = base.prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("starts_on", "id")),
        Prefetch("questions", queryset=Question.objects.order_by("number")),
        Prefetch("channels", queryset=Channel.objects.order_by("opens_at")),
        Prefetch("urns", queryset=Urn.objects.select_related("neighbourhood")),
        "neighbourhoods",
    )
    return get_object_or_404(queryset, slug=slug)


def urn_map_points(process: Process) -> list[dict[str, Any]]:
    """The urns of a process that have coordinates, for the map of the process page (read
    by static/js/map.js, the same data as the events map). Uses the prefetched urns: no
    query of its own. Each point links to the urn in the list, which stays the accessible
    alternative to the map."""
    points = []
    for urn in process.urns.all():
        if urn.latitude is None or urn.longitude is None:
            continue
        detail = " · ".join(part for part in (urn.address, urn.opening_hours) if part)
        points.append(
            {
                "lat": float(urn.latitude),
                "lng": float(urn.longitude),
                "title": urn.place_name,
                "detail": detail,
                "url": f"#urne-{urn.code}",
            }
        )
    return points
