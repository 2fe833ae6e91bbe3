from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.core.pagecache import anonymous_page_cache
from concerto.processes.models import Channel, Process
from concerto.processes.selectors import process_for_page, public_processes, urn_map_points


@anonymous_page_cache
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "processes/home.html", {"processes": public_processes()})


@anonymous_page_cache
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "processes/detail.html", detail_context(process_for_page(slug)))


def detail_context(process: Process) -> dict[str, Any]:
    """What the process page shows; also the builder's preview of a draft."""
    today = timezone.localdate()
    now = timezone.now()
    channels = {channel.kind: channel for channel in process.channels.all()}
    phases = list(process.phases.all())
    current = next((p for p in phases if p.is_current(today)), None)
    from concerto.resources.selectors import process_resources_and_news

    resources, news = process_resources_and_news(process)
    return {
        "process": process,
        "phases": phases,
        "current_phase": current,
        "channels": channels,
        "channel_kinds": Channel.Kind,
        "online_open": channels.get(Channel.Kind.ONLINE) is not None
        and channels[Channel.Kind.ONLINE].is_open(now),
        "now": now,
        "resources": resources,
        "news": news,
        # The urns' map (templates/events/_map.html, static/js/map.js; tiles from the
        # settings); the list of urns above it stays the accessible alternative.
        "map_points": urn_map_points(process),
        "map_label": _("Carte des urnes (la liste ci-dessus donne les mêmes lieux)"),
        "map_tiles": settings.CONCERTO_MAP_TILES_URL,
        "map_attribution": settings.CONCERTO_MAP_ATTRIBUTION,
    }
