"""Schemas of the events in the read-only API: public data only (no proposer, no
participant)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from concerto.events.models import Event


class EventPlaceOut(Schema):
    name: str
    address: str
    neighbourhood: str | None = Field(description="Identifiant (slug) du quartier")
    latitude: float | None
    longitude: float | None


class EventAccessibilityOut(Schema):
    step_free_access: bool
    sign_language: bool
    hearing_loop: bool
    childcare: bool
    is_free: bool
    price: str
    notes: str


class EventOut(Schema):
    id: int
    process: str = Field(description="Identifiant (slug) de la démarche")
    slug: str
    title: str
    kind: Event.Kind
    organiser: str = Field(description="La Ville, le nom de l'organisation, ou « un·e habitant·e »")
    start: dt.datetime
    end: dt.datetime
    place: EventPlaceOut
    online_url: str
    visibility: Event.Visibility
    audience: str
    accessibility: EventAccessibilityOut
    capacity: int | None
    registration_open: bool
    parent: int | None = Field(description="L'événement dont c'est une session")
    url: str


class EventDetailOut(EventOut):
    description: str
    room: str
    speakers: str
    registered: int = Field(description="Nombre de personnes inscrites")
    sessions: list[int]
