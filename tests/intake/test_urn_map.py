"""The urns on the process page: the list, and a map drawn by static/js/map.js from a JSON
block (no inline script), with the tiles from the settings."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ProcessFactory, UrnFactory

pytestmark = pytest.mark.django_db


def _map_data(html: str) -> list[dict]:
    match = re.search(r'<script id="map-data" type="application/json">(.*?)</script>', html, re.S)
    assert match, "no map data"
    return json.loads(match.group(1))


def _urns(process, count: int, *, located: bool = True) -> None:
    for i in range(count):
        UrnFactory(
            process=process,
            latitude=Decimal("47.2") + Decimal(i) / 1000 if located else None,
            longitude=Decimal("-1.55") if located else None,
            opening_hours="du lundi au vendredi, 9 h – 17 h",
        )


def test_process_page_lists_the_urns_then_maps_them(client, settings):
    settings.CONCERTO_MAP_TILES_URL = "https://tuiles.example.org/{z}/{x}/{y}.png"
    process = ProcessFactory()
    _urns(process, 2)
    UrnFactory(process=process, code="sans-coordonnees", place_name="Urne sans coordonnées")
    html = client.get(f"/demarches/{process.slug}/").content.decode()
    # The list first (all urns, the accessible alternative), then the map.
    assert html.index('class="urns"') < html.index('id="map"')
    assert "Urne sans coordonnées" in html and 'id="urne-sans-coordonnees"' in html
    points = _map_data(html)
    assert len(points) == 2  # only the urns with coordinates
    first = process.urns.order_by("pk").first()
    point = next(p for p in points if p["title"] == first.place_name)
    assert point["lat"] == pytest.approx(47.2) and point["lng"] == pytest.approx(-1.55)
    assert point["url"] == f"#urne-{first.code}" and f'id="urne-{first.code}"' in html
    assert "9 h – 17 h" in point["detail"]
    # The map container: hidden until map.js draws it, labelled, tiles from the settings.
    box = re.search(r'<div id="map"[^>]*>', html).group(0)
    assert " hidden" in box and 'role="region"' in box and 'aria-label="Carte des urnes' in box
    assert 'data-tiles="https://tuiles.example.org/{z}/{x}/{y}.png"' in box
    assert "vendor/leaflet/leaflet.js" in html and "js/map.js" in html
    assert "vendor/leaflet/leaflet.css" in html
    # CSP: every script is a file or a JSON block, never inline code.
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_no_coordinates_no_map(client):
    process = ProcessFactory()
    _urns(process, 2, located=False)
    html = client.get(f"/demarches/{process.slug}/").content.decode()
    assert 'class="urns"' in html
    assert 'id="map"' not in html and "leaflet" not in html


def test_urn_map_adds_no_query(client_for):
    """The same number of queries with 3 or 30 urns (the urns are prefetched once)."""
    client = client_for("resident")  # not served from the anonymous page cache
    counts = []
    for n in (3, 30):
        process = ProcessFactory()
        _urns(process, n)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(f"/demarches/{process.slug}/").content.decode()
        assert len(_map_data(html)) == n
        counts.append(len(queries))
    assert counts[0] == counts[1]
