"""The route sheet (WeasyPrint, about a second of CPU) of a published event is rendered
once per public version and served from the shared cache: a second GET does not render,
publishing a change renders it again, parallel first requests render it once; an event
still in moderation is rendered afresh for its organisers and never cached."""

from __future__ import annotations

import threading
import time

import pytest
from django.urls import reverse

from concerto.events import printing
from concerto.events.models import Event
from concerto.events.selectors import route_stops
from concerto.events.services import StopInput, event_moderate, stop_save
from tests.events.factories import EventFactory, add_stop

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """The number of WeasyPrint renders of a route sheet."""
    count = {"n": 0}
    real = printing.render_route_pdf

    def counting(*args, **kwargs):
        count["n"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(printing, "render_route_pdf", counting)
    return count


@pytest.fixture
def walk(process):
    event = EventFactory(process=process, title="Parcours des solidarités")
    add_stop(event, position=1, with_photo=True)
    add_stop(event, position=2)
    return event


def _url(event):
    return reverse("events:route_pdf", kwargs={"slug": event.process.slug, "event": event.slug})


def test_a_second_get_does_not_render(client, walk, renders):
    first = client.get(_url(walk))
    second = client.get(_url(walk))
    assert first.status_code == second.status_code == 200
    assert first.content.startswith(b"%PDF") and second.content == first.content
    assert renders["n"] == 1


def test_publishing_a_change_renders_it_again(client, walk, renders, moderator):
    client.get(_url(walk))
    stop = walk.stops.get(position=2)
    stop_save(
        event=walk,
        stop=stop,
        actor=moderator,
        data=StopInput(
            position=2,
            place_name="Nouveau lieu d'étape",
            initiative=stop.initiative,
            description=stop.description,
            address=stop.address,
            latitude=stop.latitude,
            longitude=stop.longitude,
        ),
    )
    client.get(_url(walk))
    assert renders["n"] == 2
    client.get(_url(walk))
    assert renders["n"] == 2
    # Any other public change (the process, a neighbourhood...) starts a new version too.
    walk.process.title = "Démarche renommée"
    walk.process.save()
    client.get(_url(walk))
    assert renders["n"] == 3


def test_a_removed_stop_is_seen_at_once(client, walk, renders):
    client.get(_url(walk))
    walk.stops.get(position=2).delete()
    client.get(_url(walk))
    assert renders["n"] == 2


def test_an_event_in_moderation_is_never_cached(client_for, process, renders, moderator):
    event = EventFactory(process=process, status=Event.Status.PROPOSED)
    add_stop(event)
    staff = client_for("moderator")
    for _ in range(2):
        response = staff.get(_url(event))
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert renders["n"] == 2
    assert client_for("anonymous").get(_url(event)).status_code == 404
    event_moderate(event=event, transition="approve", actor=moderator)
    client_for("anonymous").get(_url(event))
    client_for("anonymous").get(_url(event))
    assert renders["n"] == 3


def test_parallel_first_requests_render_once(walk, monkeypatch):
    """Eight readers at once: one renders, the others wait for its bytes."""
    stops = route_stops(walk)
    count = {"n": 0}
    real = printing.render_route_pdf
    lock = threading.Lock()

    def slow(*args, **kwargs):
        with lock:
            count["n"] += 1
        time.sleep(0.3)  # a render is slow: the others arrive meanwhile
        return real(*args, **kwargs)

    monkeypatch.setattr(printing, "render_route_pdf", slow)
    results: list[bytes] = []
    threads = [
        threading.Thread(
            target=lambda: results.append(printing.route_pdf(walk.process, walk, stops))
        )
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert count["n"] == 1
    assert len(results) == 8 and len(set(results)) == 1
