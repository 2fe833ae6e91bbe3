"""iCalendar feeds (RFC 5545) built with the ``icalendar`` library.

Times are written in Europe/Paris with ``TZID`` and a ``VTIMEZONE``; UIDs are stable
(``event-<id>@<host>``); each event links back to its page (``URL``).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from concerto.events.models import Event
from concerto.events.selectors import local_zone


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "concerto.invalid"


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{_host()}"


def _location(event: Event) -> str:
    parts = [event.place_name, event.address]
    if event.neighbourhood is not None:
        parts.append(event.neighbourhood.name)
    location = ", ".join(part for part in parts if part)
    if event.online_url:
        location = f"{location} — {event.online_url}" if location else event.online_url
    return location


def build_calendar(events: Iterable[Event], *, name: str) -> bytes:
    zone = local_zone()
    cal = Calendar()
    cal.add("prodid", "-//Concerto//Agenda//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for event in events:
        item = VEvent()
        item.add("uid", event_uid(event))
        item.add("dtstamp", stamp)
        item.add("dtstart", event.start.astimezone(zone))
        item.add("dtend", event.end.astimezone(zone))
        item.add("summary", event.title)
        item.add("description", event.description)
        location = _location(event)
        if location:
            item.add("location", location)
        if event.latitude is not None and event.longitude is not None:
            item.add("geo", (float(event.latitude), float(event.longitude)))
        item.add("url", settings.SITE_URL + event.get_absolute_url())
        item.add("categories", [str(event.get_kind_display())])
        item.add("last-modified", event.updated_at)
        item.add("status", "CONFIRMED")
        item.add("class", "PUBLIC")
        cal.add_component(item)
    cal.add_missing_timezones()
    body: bytes = cal.to_ical()
    return body


def calendar_response(events: Iterable[Event], *, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        build_calendar(events, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
