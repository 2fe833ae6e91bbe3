"""Every URL of the events app, every persona: the expected GET status; the staff pages
obey EVENT_ACCESS; POST actions are refused to those without the right."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from concerto.events.models import Event
from concerto.events.permissions import EVENT_ACCESS
from concerto.events.tokens import cancel_token
from tests.conftest import PERSONAS
from tests.events.factories import EventFactory, RegistrationFactory, add_stop


def event_patterns() -> dict[str, URLPattern]:
    found: dict[str, URLPattern] = {}

    def walk(patterns, namespaces):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, (*namespaces, entry.namespace or ""))
            elif isinstance(entry, URLPattern) and namespaces and namespaces[0] == "events":
                name = ":".join([n for n in namespaces[1:] if n] + [entry.name])
                found[name] = entry

    walk(get_resolver().url_patterns, ())
    return found


URLS = event_patterns()

MODERATES = {"moderator", "admin"}  # the personas whose roles hold events.moderate


def _by_right(*, anonymous: int, allowed: int, refused: int, resident: int | None = None):
    statuses = {p: allowed if p in MODERATES else refused for p in PERSONAS}
    statuses["anonymous"] = anonymous
    if resident is not None:
        statuses["resident"] = resident
    return statuses


ALL_200 = dict.fromkeys(PERSONAS, 200)
LOGGED_IN = {**ALL_200, "anonymous": 302}
ORGANISER = _by_right(anonymous=302, allowed=200, refused=403)
STAFF = ORGANISER
STAFF_POST = _by_right(anonymous=302, allowed=405, refused=403)

# url name -> (expected GET status per persona, which object the URL is about)
EXPECTED = {
    "agenda": (ALL_200, None),
    "month": (ALL_200, None),
    "month_current": (dict.fromkeys(PERSONAS, 302), None),
    "detail": (ALL_200, "upcoming"),
    "event_ics": (ALL_200, "upcoming"),
    "process_ics": (ALL_200, None),
    "neighbourhood_ics": (ALL_200, None),
    "export_csv": (ALL_200, None),
    "export_json": (ALL_200, None),
    "cancel": (ALL_200, None),
    "register": (dict.fromkeys(PERSONAS, 405), "upcoming"),
    "propose": (LOGGED_IN, None),
    "mine": (LOGGED_IN, None),
    "edit": (_by_right(anonymous=302, allowed=403, refused=403, resident=200), "to_edit"),
    "attendees": (ORGANISER, "past"),
    "attendees_csv": (ORGANISER, "past"),
    "report": (ORGANISER, "past"),
    "staff:queue": (STAFF, None),
    "staff:event": (STAFF, "upcoming"),
    "staff:decide": (STAFF_POST, "upcoming"),
    "programme": (ALL_200, "festival"),
    "route": (ALL_200, "festival"),
    "route_pdf": (ALL_200, "festival"),
    "stop_photo": (ALL_200, "festival"),
    "staff:sessions": (STAFF, "festival"),
    "staff:session_create": (STAFF, "festival"),
    "staff:session_edit": (STAFF, "festival"),
    "staff:stops": (STAFF, "festival"),
    "staff:stop_create": (STAFF, "festival"),
    "staff:stop_edit": (STAFF, "festival"),
    "staff:stop_delete": (STAFF_POST, "festival"),
}


def test_moderating_personas_match_the_permissions():
    from concerto.core.roles import PERMISSIONS

    assert {role.value for role in PERMISSIONS["events.moderate"]} == MODERATES


def test_every_url_has_an_expectation():
    assert set(URLS) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(n for n in URLS if n.startswith("staff:")))
def test_staff_views_are_guarded_by_their_entry(name):
    short = name.removeprefix("staff:")
    assert getattr(URLS[name].callback, "access", None) is EVENT_ACCESS[short]


@pytest.fixture
def objects(process, resident):
    start = timezone.now() - dt.timedelta(days=1)
    upcoming = EventFactory(process=process, capacity=10)
    festival = EventFactory(
        process=process,
        kind=Event.Kind.FESTIVAL,
        start=upcoming.start,
        end=upcoming.start + dt.timedelta(days=1),
    )
    session = EventFactory(
        process=process,
        parent=festival,
        start=festival.start,
        end=festival.start + dt.timedelta(hours=1),
        room="Salle 1",
    )
    return {
        "festival": festival,
        "session": session,
        "stop": add_stop(festival, with_photo=True),
        "upcoming": upcoming,
        "past": EventFactory(process=process, start=start, end=start + dt.timedelta(hours=2)),
        "to_edit": EventFactory(
            process=process, proposer=resident, status=Event.Status.CHANGES_REQUESTED
        ),
        "registration": RegistrationFactory(event=upcoming),
    }


def _url(name, target, objects, process):
    pattern = URLS[name].pattern
    kwargs = {}
    for key in pattern.converters:
        if key == "slug":
            kwargs[key] = process.slug
        elif key == "event":
            kwargs[key] = objects[target].slug
        elif key == "pk" and name == "stop_photo":
            kwargs[key] = objects["stop"].pk
        elif key == "pk":
            kwargs[key] = objects[target].pk
        elif key in ("session", "stop"):
            kwargs[key] = objects[key].pk
        elif key == "year":
            kwargs[key] = timezone.localdate().year
        elif key == "month":
            kwargs[key] = timezone.localdate().month
        elif key == "neighbourhood":
            kwargs[key] = process.neighbourhoods.first().slug
        elif key == "token":
            kwargs[key] = cancel_token(objects["registration"])
        else:
            raise AssertionError(f"{name}: paramètre inconnu {key}")
    return reverse(f"events:{name}", kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_get_matrix(name, persona, client_for, objects, process):
    statuses, target = EXPECTED[name]
    response = client_for(persona).get(_url(name, target, objects, process))
    assert response.status_code == statuses[persona], (name, persona)
    if response.status_code == 302 and persona == "anonymous" and name != "month_current":
        assert response["Location"].startswith("/comptes/login/?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_decide_post_matrix(persona, client_for, objects, process):
    event = objects["upcoming"]
    event.status = Event.Status.PROPOSED
    event.save()
    url = _url("staff:decide", "upcoming", objects, process)
    response = client_for(persona).post(url, {"transition": "approve"})
    event.refresh_from_db()
    allowed = persona in MODERATES
    assert (
        response.status_code == {True: 302, False: 302 if persona == "anonymous" else 403}[allowed]
    )
    assert (event.status == Event.Status.APPROVED) is allowed


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_attendance_post_matrix(persona, client_for, objects, process):
    past = objects["past"]
    registration = RegistrationFactory(event=past)
    url = _url("attendees", "past", objects, process)
    client_for(persona).post(url, {"present": [str(registration.pk)]})
    registration.refresh_from_db()
    assert (registration.attended is True) is (persona in MODERATES)
