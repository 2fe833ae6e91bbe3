"""The map of the agenda and of the Parcours: points in a JSON block read by
static/js/map.js (no inline script), tiles configured in the settings and allowed by the CSP."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from concerto.settings import _tiles_origin
from tests.events.factories import EventFactory
from tests.events.test_programme_route import _map_data, assert_no_inline_script

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_agenda_map_has_the_upcoming_events_with_coordinates(client, process):
    placed = EventFactory(
        process=process,
        title="Atelier au jardin",
        latitude=Decimal("47.218371"),
        longitude=Decimal("-1.553621"),
    )
    EventFactory(process=process, title="Sans coordonnées")
    past = timezone.now() - dt.timedelta(days=2)
    EventFactory(
        process=process,
        title="Passé",
        start=past,
        end=past + dt.timedelta(hours=1),
        latitude=Decimal("47.2"),
        longitude=Decimal("-1.5"),
    )
    EventFactory(
        process=process,
        title="Proposé",
        status="proposed",
        latitude=Decimal("47.2"),
        longitude=Decimal("-1.5"),
    )
    response = client.get(reverse("events:agenda", kwargs={"slug": process.slug}))
    body = response.content.decode()
    points = _map_data(body)
    assert points == [
        {
            "lat": 47.218371,
            "lng": -1.553621,
            "title": "Atelier au jardin",
            "detail": points[0]["detail"],
            "url": placed.get_absolute_url(),
        }
    ]
    assert "Maison de quartier Exemple" in points[0]["detail"]
    assert_no_inline_script(body)
    assert 'data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in body
    assert "OpenStreetMap" in body
    # Without JavaScript the map stays hidden and the list is the content.
    assert '<div id="map" class="event-map" hidden' in body
    assert "Sans coordonnées" in body


def test_agenda_without_points_loads_no_map(client, process):
    EventFactory(process=process)
    body = client.get(reverse("events:agenda", kwargs={"slug": process.slug})).content.decode()
    assert 'id="map-data"' not in body and "leaflet.js" not in body


def test_map_filters_like_the_list(client, process):
    north = process.neighbourhoods.get(slug="q1")
    EventFactory(
        process=process,
        title="Au nord",
        neighbourhood=north,
        latitude=Decimal("47.25"),
        longitude=Decimal("-1.55"),
    )
    EventFactory(
        process=process, title="Ailleurs", latitude=Decimal("47.2"), longitude=Decimal("-1.5")
    )
    url = reverse("events:agenda", kwargs={"slug": process.slug})
    body = client.get(url, {"neighbourhood": north.pk}).content.decode()
    assert [p["title"] for p in _map_data(body)] == ["Au nord"]


def test_csp_allows_the_tiles_and_no_inline_script(client, process):
    response = client.get(reverse("events:agenda", kwargs={"slug": process.slug}))
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in (p.strip() for p in policy.split(";")):
        if part:
            name, _sep, values = part.partition(" ")
            directives[name] = values
    assert "https://tile.openstreetmap.org" in directives["img-src"]
    assert "unsafe-inline" not in directives["script-src"]


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("http://tiles.local:8080/{z}/{x}/{y}.png", "http://tiles.local:8080"),
        ("/tuiles/{z}/{x}/{y}.png", None),
    ],
)
def test_tiles_origin(url, origin):
    assert _tiles_origin(url) == origin


def test_tiles_origin_refuses_other_schemes():
    with pytest.raises(ImproperlyConfigured):
        _tiles_origin("javascript://x/{z}")


def test_leaflet_is_vendored_with_its_version():
    vendor = ROOT / "static" / "vendor"
    for name in ("leaflet.js", "leaflet.css", "images/marker-icon.png", "LICENSE"):
        assert (vendor / "leaflet" / name).is_file(), name
    assert "1.9.4" in (vendor / "README.md").read_text()
    assert 'version="1.9.4"' in (vendor / "leaflet" / "leaflet.js").read_text()
    assert "sourceMappingURL" not in (vendor / "leaflet" / "leaflet.js").read_text()
    script = (ROOT / "static" / "js" / "map.js").read_text()
    assert "map-data" in script and "innerHTML" not in script
    assert settings.CONCERTO_MAP_TILES_URL.startswith("https://")
