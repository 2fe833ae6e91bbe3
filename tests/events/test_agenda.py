"""Agenda list and month views, filters, detail page, iCalendar feeds, query counts."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from concerto.events.models import Event
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _agenda(client, process, **params):
    return client.get(reverse("events:agenda", kwargs={"slug": process.slug}), params)


def test_agenda_shows_only_approved_upcoming_events(client, process):
    shown = EventFactory(process=process, title="Atelier publié")
    closed = EventFactory(process=process, title="Panel fermé", visibility="closed")
    for status in ("proposed", "changes_requested", "refused", "cancelled"):
        EventFactory(process=process, title=f"Caché {status}", status=status)
    past_start = timezone.now() - dt.timedelta(days=3)
    EventFactory(
        process=process, title="Passé", start=past_start, end=past_start + dt.timedelta(hours=1)
    )
    EventFactory(title="Autre démarche")
    body = _agenda(client, process).content.decode()
    assert shown.title in body and closed.title in body
    assert "Caché" not in body and "Passé" not in body and "Autre démarche" not in body
    # a date filter shows past events too
    day = timezone.localtime(past_start).date()
    body = _agenda(client, process, date_from=day.isoformat(), date_to=day.isoformat()).content
    assert "Passé" in body.decode()


def test_filters(client, process):
    north = process.neighbourhoods.get(slug="q1")
    EventFactory(
        process=process,
        title="Table ronde nord",
        kind="round_table",
        neighbourhood=north,
        sign_language=True,
    )
    EventFactory(process=process, title="Conférence centre", kind="conference")
    body = _agenda(client, process, kind="round_table").content.decode()
    assert "Table ronde nord" in body and "Conférence centre" not in body
    body = _agenda(client, process, neighbourhood=north.pk).content.decode()
    assert "Table ronde nord" in body and "Conférence centre" not in body
    body = _agenda(client, process, access="sign_language").content.decode()
    assert "Table ronde nord" in body and "Conférence centre" not in body
    # unknown values are reported and ignored, never a 500
    response = _agenda(client, process, kind="nope", neighbourhood="abc", date_from="hier")
    assert response.status_code == 200
    body = response.content.decode()
    assert "ignoré" in body and "Table ronde nord" in body and "Conférence centre" in body


def test_unknown_process_is_404(client):
    assert client.get("/demarches/inconnue/agenda/").status_code == 404
    assert client.get("/demarches/inconnue/agenda.ics").status_code == 404


def test_event_of_another_process_is_404(client, process):
    other = EventFactory()
    url = reverse("events:detail", kwargs={"slug": process.slug, "event": other.slug})
    assert client.get(url).status_code == 404


def test_month_view(client, process):
    start = dt.datetime(2031, 3, 14, 18, tzinfo=PARIS)
    EventFactory(
        process=process, title="Veilleurs de mars", start=start, end=start + dt.timedelta(hours=2)
    )
    EventFactory(
        process=process,
        title="Festival",
        start=start + dt.timedelta(days=3),
        end=start + dt.timedelta(days=4, hours=2),
    )
    url = reverse("events:month", kwargs={"slug": process.slug, "year": 2031, "month": 3})
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<caption>" in body and 'scope="col"' in body
    assert "Veilleurs de mars" in body
    assert body.count("Festival</a>") == 2  # on both of its days
    assert response.context["grid"].count == 2
    assert client.get(url.replace("/3/", "/13/")).status_code == 404
    current = client.get(reverse("events:month_current", kwargs={"slug": process.slug}))
    assert current.status_code == 302


def test_detail_shows_everything(client, process):
    event = EventFactory(
        process=process,
        title="Atelier accessible",
        step_free_access=True,
        hearing_loop=True,
        is_free=False,
        price="2 € (gratuit pour les moins de 18 ans)",
        audience="Tout public",
        online_url="https://visio.exemple.test/atelier",
        capacity=20,
        latitude="47.218371",
        longitude="-1.553621",
    )
    RegistrationFactory(event=event)
    body = client.get(event.get_absolute_url()).content.decode()
    for text in (
        "Atelier accessible",
        "Boucle magnétique",
        "2 € (gratuit",
        "Tout public",
        "https://visio.exemple.test/atelier",
        "il reste 19 places",
        "openstreetmap.org",
    ):
        assert text in body, text


def _calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_ical_feeds(client, process):
    north = process.neighbourhoods.get(slug="q1")
    start = dt.datetime(2031, 6, 10, 18, 30, tzinfo=PARIS)
    event = EventFactory(
        process=process,
        title="Soirée de lancement",
        start=start,
        end=start + dt.timedelta(hours=3),
        neighbourhood=north,
    )
    EventFactory(process=process, title="Ailleurs")
    EventFactory(process=process, title="Proposé", status="proposed")
    feed = _calendar(client.get(reverse("events:process_ics", kwargs={"slug": process.slug})))
    events = feed.walk("VEVENT")
    assert {str(e["SUMMARY"]) for e in events} == {"Soirée de lancement", "Ailleurs"}
    assert [tz["TZID"] for tz in feed.walk("VTIMEZONE")] == ["Europe/Paris"]
    launch = next(e for e in events if str(e["SUMMARY"]) == "Soirée de lancement")
    assert launch["DTSTART"].params["TZID"] == "Europe/Paris"
    assert launch.decoded("DTSTART") == start
    assert launch.decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)  # summer time
    assert str(launch["UID"]) == f"event-{event.pk}@testserver" or str(launch["UID"]).startswith(
        f"event-{event.pk}@"
    )
    assert str(launch["URL"]).endswith(event.get_absolute_url())
    # UID stable between two downloads
    again = _calendar(client.get(reverse("events:process_ics", kwargs={"slug": process.slug})))
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == {str(e["UID"]) for e in events}
    by_place = _calendar(
        client.get(
            reverse(
                "events:neighbourhood_ics",
                kwargs={"slug": process.slug, "neighbourhood": north.slug},
            )
        )
    )
    assert [str(e["SUMMARY"]) for e in by_place.walk("VEVENT")] == ["Soirée de lancement"]
    one = _calendar(
        client.get(reverse("events:event_ics", kwargs={"slug": process.slug, "event": event.slug}))
    )
    assert [str(e["UID"]) for e in one.walk("VEVENT")] == [str(launch["UID"])]
    assert (
        client.get(
            reverse(
                "events:neighbourhood_ics",
                kwargs={"slug": process.slug, "neighbourhood": "inconnu"},
            )
        ).status_code
        == 404
    )


def test_ical_winter_time(client, process):
    start = dt.datetime(2031, 1, 15, 9, tzinfo=PARIS)
    EventFactory(process=process, start=start, end=start + dt.timedelta(hours=1))
    feed = _calendar(client.get(reverse("events:process_ics", kwargs={"slug": process.slug})))
    (item,) = feed.walk("VEVENT")
    assert item.decoded("DTSTART").utcoffset() == dt.timedelta(hours=1)
    assert item.decoded("DTSTART").astimezone(dt.UTC).hour == 8


def _populate(process, count):
    base = timezone.now() + dt.timedelta(days=2)
    for index in range(count):
        event = EventFactory(
            process=process,
            start=base + dt.timedelta(hours=index),
            end=base + dt.timedelta(hours=index + 1),
            capacity=10,
        )
        RegistrationFactory(event=event)
        RegistrationFactory(event=event)


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "name",
    [
        "events:agenda",
        "events:process_ics",
        "events:export_csv",
        "events:export_json",
        "processes:detail",
    ],
)
def test_query_count_does_not_grow(client, name):
    small, large = ProcessFactory(), ProcessFactory()
    _populate(small, 3)
    _populate(large, 30)
    counts = [
        _count_queries(client, reverse(name, kwargs={"slug": p.slug})) for p in (small, large)
    ]
    assert counts[0] == counts[1], counts


def test_month_query_count_does_not_grow(client):
    counts = []
    for size in (3, 30):
        process = ProcessFactory()
        _populate(process, size)
        today = timezone.localdate() + dt.timedelta(days=2)
        url = reverse(
            "events:month", kwargs={"slug": process.slug, "year": today.year, "month": today.month}
        )
        counts.append(_count_queries(client, url))
    assert counts[0] == counts[1], counts


def test_detail_query_count_with_sessions(client, process):
    counts = []
    for size in (2, 20):
        festival = EventFactory(process=process, kind=Event.Kind.FESTIVAL)
        for index in range(size):
            session = EventFactory(process=process, parent=festival, room=f"Salle {index}")
            RegistrationFactory(event=session)
        counts.append(_count_queries(client, festival.get_absolute_url()))
    assert counts[0] == counts[1], counts
