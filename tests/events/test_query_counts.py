"""Speed: the agenda (with its map), the month view and the iCalendar feeds make the same
number of queries for 10 events as for 1,000 (with their registrations)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from concerto.events.models import Event, Registration
from tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db


def _populate(process, count: int) -> None:
    """``count`` approved events over the coming weeks (a third in the next month), each
    with a place on the map and two registrations; written in bulk."""
    neighbourhoods = list(process.neighbourhoods.all())
    base = timezone.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
    events = []
    for index in range(count):
        start = base + dt.timedelta(hours=7 * index)
        events.append(
            Event(
                process=process,
                kind=Event.Kind.MEDIATION,
                organiser_kind=Event.Organiser.CITY,
                title=f"Événement {index}",
                slug=f"evenement-{index}",
                description="Une rencontre dans le quartier.",
                start=start,
                end=start + dt.timedelta(hours=2),
                place_name="Maison de quartier",
                neighbourhood=neighbourhoods[index % len(neighbourhoods)],
                latitude=Decimal("47.2") + Decimal(index % 100) / 1000,
                longitude=Decimal("-1.55"),
                capacity=10,
                status=Event.Status.APPROVED,
            )
        )
    Event.objects.bulk_create(events, batch_size=500)
    now = timezone.now()
    Registration.objects.bulk_create(
        [
            Registration(event=event, name=f"Personne {i}", email=f"p{i}@exemple.test",
                         created_at=now)
            for event in Event.objects.filter(process=process)
            for i in range(2)
        ],
        batch_size=1000,
    )  # fmt: skip


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


SIZES = (10, 1000)


def test_agenda_month_and_feeds_are_constant_in_the_number_of_events(client):
    sizes = SIZES
    results: dict[str, list[int]] = {}
    for size in sizes:
        process = ProcessFactory()
        _populate(process, size)
        slug = process.slug
        month = timezone.localdate() + dt.timedelta(days=10)
        first = Event.objects.filter(process=process).order_by("start").first()
        assert first is not None
        neighbourhood = process.neighbourhoods.first()
        assert neighbourhood is not None
        urls = {
            "agenda": reverse("events:agenda", kwargs={"slug": slug}),
            "agenda filtré": reverse("events:agenda", kwargs={"slug": slug})
            + f"?neighbourhood={neighbourhood.pk}&access=is_free",
            "mois": reverse(
                "events:month", kwargs={"slug": slug, "year": month.year, "month": month.month}
            ),
            "flux démarche": reverse("events:process_ics", kwargs={"slug": slug}),
            "flux quartier": reverse(
                "events:neighbourhood_ics",
                kwargs={"slug": slug, "neighbourhood": neighbourhood.slug},
            ),
            "flux événement": reverse(
                "events:event_ics", kwargs={"slug": slug, "event": first.slug}
            ),
        }
        for name, url in urls.items():
            results.setdefault(name, []).append(_count(client, url))
        if size == sizes[1]:
            body = client.get(urls["flux démarche"]).content
            assert body.count(b"BEGIN:VEVENT") == size
    for name, counts in results.items():
        assert counts[0] == counts[1], (name, counts)
