"""The events part of the read-only API (routes declared in concerto/api/api.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404

from concerto.events.models import Event, Registration
from concerto.events.selectors import local_zone, published_events
from concerto.processes.models import Process


def event_out(event: Event) -> dict[str, Any]:
    zone = local_zone()
    return {
        "id": event.pk,
        "process": event.process.slug,
        "slug": event.slug,
        "title": event.title,
        "kind": event.kind,
        "organiser": event.organiser_label,
        "start": event.start.astimezone(zone),
        "end": event.end.astimezone(zone),
        "place": {
            "name": event.place_name,
            "address": event.address,
            "neighbourhood": event.neighbourhood.slug if event.neighbourhood else None,
            "latitude": float(event.latitude) if event.latitude is not None else None,
            "longitude": float(event.longitude) if event.longitude is not None else None,
        },
        "online_url": event.online_url,
        "visibility": event.visibility,
        "audience": event.audience,
        "accessibility": {
            "step_free_access": event.step_free_access,
            "sign_language": event.sign_language,
            "hearing_loop": event.hearing_loop,
            "childcare": event.childcare,
            "is_free": event.is_free,
            "price": event.price,
            "notes": event.accessibility_notes,
        },
        "capacity": event.capacity,
        "registration_open": event.registration_open,
        "parent": event.parent_id,
        "url": settings.SITE_URL + event.get_absolute_url(),
    }


def process_events(process: Process) -> list[dict[str, Any]]:
    return [event_out(e) for e in published_events(process).order_by("start", "id")]


def event_detail(event_id: int) -> dict[str, Any]:
    event = (
        Event.objects.filter(pk=event_id, status=Event.Status.APPROVED, process__is_published=True)
        .select_related("process", "neighbourhood", "organisation")
        .annotate(
            registered=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.CONFIRMED),
            )
        )
        .first()
    )
    if event is None:
        raise Http404("Événement introuvable.")
    sessions = Event.objects.filter(parent=event, status=Event.Status.APPROVED).order_by(
        "start", "id"
    )
    return {
        **event_out(event),
        "description": event.description,
        "room": event.room,
        "speakers": event.speakers,
        "registered": event.registered,
        "sessions": list(sessions.values_list("pk", flat=True)),
    }
