"""The events pages in a real browser: axe-core (WCAG 2.1 AA, zero serious or critical
violation) on the agenda, an event, the festival programme and the Parcours; the map drawn
by static/js/map.js under the site's CSP; and the list without JavaScript."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from concerto.events.models import Event
from tests.events.factories import EventFactory, add_stop
from tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module", autouse=True)
def _orm_beside_playwright():
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test
    # (and of the database set-up and flush around it) stay synchronous and safe. Set for
    # the whole module, before the function-scoped database fixtures run.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(autouse=True)
def _local_tiles(settings):
    # No network here: tiles from this site (they 404, which Leaflet tolerates).
    settings.CONCERTO_MAP_TILES_URL = "/tuiles-de-test/{z}/{x}/{y}.png"


@pytest.fixture
def events_site():
    process = ProcessFactory()
    day = timezone.localdate() + dt.timedelta(days=12)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(18, 30)))
    festival = EventFactory(
        process=process,
        kind=Event.Kind.FESTIVAL,
        title="Festival des solidarités",
        start=start,
        end=start + dt.timedelta(days=1, hours=4),
        latitude=Decimal("47.2065"),
        longitude=Decimal("-1.5640"),
        step_free_access=True,
    )
    for hours, room, title in [
        (0.5, "Grande salle", "Soirée de lancement"),
        (15.5, "Salle 1", "Table ronde : s'engager"),
        (15.5, "Salle 2", "Atelier veilleurs"),
        (19, "Grande salle", "Conférence : le budget de référence"),
    ]:
        EventFactory(
            process=process,
            parent=festival,
            kind=Event.Kind.ROUND_TABLE,
            title=title,
            start=start + dt.timedelta(hours=hours),
            end=start + dt.timedelta(hours=hours + 1),
            room=room,
            speakers="Une association\nUne chercheuse",
        )
    route = EventFactory(
        process=process,
        parent=festival,
        kind=Event.Kind.OTHER,
        title="Parcours des solidarités",
        start=start + dt.timedelta(hours=16),
        end=start + dt.timedelta(hours=19),
    )
    for position in range(1, 5):
        add_stop(route, position=position, with_photo=position == 1)
    for index in range(3):
        EventFactory(
            process=process,
            title=f"Médiation de quartier {index}",
            kind=Event.Kind.MEDIATION,
            start=start - dt.timedelta(days=index + 1),
            end=start - dt.timedelta(days=index + 1) + dt.timedelta(hours=2),
            latitude=Decimal("47.21") + Decimal(index) / 100,
            longitude=Decimal("-1.55"),
        )
    return {"process": process, "festival": festival, "route": route}


def pages(data) -> dict[str, str]:
    slug = data["process"].slug
    festival, route = data["festival"], data["route"]
    return {
        "agenda": reverse("events:agenda", kwargs={"slug": slug}),
        "mois": reverse("events:month_current", kwargs={"slug": slug}),
        "événement": festival.get_absolute_url(),
        "programme": reverse("events:programme", kwargs={"slug": slug, "event": festival.slug}),
        "parcours": reverse("events:route", kwargs={"slug": slug, "event": route.slug}),
    }


def test_events_pages_have_no_serious_axe_violation(page, axe_audit, events_site):
    failures = {}
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for name, url in pages(events_site).items():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        violations = axe_audit(page)
        if violations:
            failures[name] = violations
    assert failures == {}
    assert csp_errors == []


@pytest.mark.parametrize("name", ["agenda", "parcours"])
def test_map_is_drawn_with_javascript(page, axe_audit, events_site, name):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(pages(events_site)[name])
    map_box = page.locator("#map")
    map_box.locator(".leaflet-marker-icon").first.wait_for()
    assert map_box.is_visible()
    # The Parcours: its 4 stops; the agenda: the festival and the 3 mediations.
    assert map_box.locator(".leaflet-marker-icon").count() == 4
    assert map_box.locator(".leaflet-control-zoom-in").get_attribute("title") == "Zoomer"
    # A marker opens a popup with a link, with the keyboard.
    map_box.locator(".leaflet-marker-icon").first.focus()
    page.keyboard.press("Enter")
    popup = map_box.locator(".leaflet-popup-content a")
    popup.wait_for()
    assert popup.get_attribute("href")
    assert axe_audit(page) == []
    assert errors == []


def test_without_javascript_the_lists_remain(browser, live_server, events_site):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    urls = pages(events_site)
    page.goto(urls["parcours"])
    assert not page.locator("#map").is_visible()
    assert page.locator("ol.route-stops > li").count() == 4
    page.goto(urls["agenda"])
    assert not page.locator("#map").is_visible()
    assert page.locator(".event-list > li").count() == 4
    page.goto(urls["programme"])
    assert page.locator("h4").count() == 5
    context.close()


def test_printing_the_route_hides_the_map_and_menus(page, events_site):
    page.goto(pages(events_site)["parcours"])
    page.locator("#map .leaflet-marker-icon").first.wait_for()
    page.emulate_media(media="print")
    assert not page.locator("#map").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert page.locator("ol.route-stops > li").first.is_visible()
