from __future__ import annotations

import datetime as dt

from django.utils import timezone


def local_input(value: dt.datetime) -> str:
    """A datetime as the browser sends a datetime-local field."""
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def event_post(process, **overrides):
    start = timezone.localtime() + dt.timedelta(days=10)
    start = start.replace(hour=18, minute=0, second=0, microsecond=0)
    data = {
        "kind": "association_workshop",
        "title": "Atelier « cuisiner ensemble »",
        "description": "Cuisiner et partager un repas entre voisin·e·s.",
        "start": local_input(start),
        "end": local_input(start + dt.timedelta(hours=2)),
        "organiser_kind": "resident",
        "organisation": "",
        "place_name": "Maison de quartier",
        "address": "1 rue de l'Exemple",
        "neighbourhood": str(process.neighbourhoods.first().pk),
        "latitude": "",
        "longitude": "",
        "online_url": "",
        "visibility": "public",
        "audience": "Tout public",
        "step_free_access": "on",
        "is_free": "on",
        "price": "",
        "capacity": "12",
        "registration_open": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
