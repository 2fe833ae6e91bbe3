"""The festival programme (sessions edited by staff, public page by day and time), the
walking route (stops with photos, public page, printable sheet) and the Django admin."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from PIL import Image

from concerto.core.models import AuditEvent
from concerto.events.models import Event, RouteStop
from concerto.events.services import SessionInput, event_moderate, session_save
from tests.events.factories import EventFactory, RegistrationFactory, add_stop, png_bytes
from tests.events.helpers import local_input
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def festival(process):
    start = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=20), dt.time(18, 0))
    )
    return EventFactory(
        process=process,
        kind=Event.Kind.FESTIVAL,
        title="Festival des solidarités",
        start=start,
        end=start + dt.timedelta(days=1, hours=4),  # 18:00 the first day, 22:00 the next
        place_name="Salle festive Exemple",
        step_free_access=True,
        sign_language=True,
    )


def _session_post(festival, **overrides):
    start = festival.start + dt.timedelta(hours=16)  # the next day, 10:00
    data = {
        "kind": "conference",
        "title": "Conférence d'ouverture",
        "description": "Un premier bilan des quatre mois de dialogue.",
        "start": local_input(start),
        "end": local_input(start + dt.timedelta(hours=1, minutes=30)),
        "room": "Grande salle",
        "speakers": "Une chercheuse en sociologie\nUne association d'aide alimentaire",
        "capacity": "120",
        "registration_open": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _session(festival, *, hours: float, room: str, title: str, length: float = 1.0) -> Event:
    start = festival.start + dt.timedelta(hours=hours)
    return EventFactory(
        process=festival.process,
        parent=festival,
        kind=Event.Kind.ROUND_TABLE,
        title=title,
        start=start,
        end=start + dt.timedelta(hours=length),
        room=room,
        speakers="Intervenante A\nIntervenant B",
    )


# --- staff: the programme --------------------------------------------------------------------


def test_staff_adds_a_session_that_inherits_the_place(client_for, festival, moderator):
    url = reverse("events:staff:session_create", kwargs={"pk": festival.pk})
    assert client_for("moderator").get(url).status_code == 200
    response = client_for("moderator").post(url, _session_post(festival))
    assert response.status_code == 302, response.content.decode()[:2000]
    session = Event.objects.get(parent=festival)
    assert session.title == "Conférence d'ouverture"
    assert session.room == "Grande salle"
    assert session.place_name == "Salle festive Exemple"
    assert session.step_free_access and session.sign_language
    assert session.status == Event.Status.APPROVED  # like its event
    assert session.process_id == festival.process_id and session.capacity == 120
    assert AuditEvent.objects.filter(action="event.session_create").exists()
    page = client_for("moderator").get(reverse("events:staff:sessions", kwargs={"pk": festival.pk}))
    assert escape("Conférence d'ouverture") in page.content.decode()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"start_hours": -2}, "start", "doit commencer pendant l'événement"),
        ({"start_hours": 40}, "start", "doit commencer pendant l'événement"),
        ({"end_hours": 30}, "end", "doit finir au plus tard à la fin de l'événement"),
        ({"end_hours": 15}, "end", "La fin doit être après le début"),
        ({"capacity": "0"}, "capacity", "au moins 1"),
        ({"kind": "festival"}, "kind", "Sélectionnez un choix valide"),
        ({"start": "demain matin"}, "start", "Saisissez une date et une heure"),
    ],
)
def test_bad_sessions_are_refused_in_french(client_for, festival, change, field, message):
    data = _session_post(festival)
    if "start_hours" in change:
        data["start"] = local_input(festival.start + dt.timedelta(hours=change["start_hours"]))
    elif "end_hours" in change:
        data["end"] = local_input(festival.start + dt.timedelta(hours=change["end_hours"]))
    else:
        data.update(change)
    url = reverse("events:staff:session_create", kwargs={"pk": festival.pk})
    response = client_for("moderator").post(url, data)
    assert response.status_code == 400
    assert message in unescape(response.content.decode())
    assert field in response.context["form"].errors
    assert not Event.objects.filter(parent=festival).exists()


def test_service_checks_the_dates_too(festival, moderator, resident):
    inside = festival.start + dt.timedelta(hours=1)
    data = SessionInput(
        kind="conference",
        title="Hors des dates",
        description="…",
        start=festival.end,
        end=festival.end + dt.timedelta(hours=1),
    )
    from concerto.events.services import EventError

    with pytest.raises(EventError, match="pendant l'événement"):
        session_save(parent=festival, data=data, actor=moderator)
    data.start, data.end = inside, inside + dt.timedelta(hours=1)
    with pytest.raises(PermissionError):
        session_save(parent=festival, data=data, actor=resident)
    session = session_save(parent=festival, data=data, actor=moderator)
    with pytest.raises(EventError, match="ne peut pas avoir elle-même"):
        session_save(parent=session, data=data, actor=moderator)


def test_staff_edits_a_session(client_for, festival):
    session = _session(festival, hours=2, room="Salle 1", title="Table ronde")
    url = reverse("events:staff:session_edit", kwargs={"pk": festival.pk, "session": session.pk})
    page = client_for("moderator").get(url)
    assert page.status_code == 200 and "Table ronde" in page.content.decode()
    data = _session_post(festival, title="Table ronde modifiée", room="Salle 2")
    assert client_for("moderator").post(url, data).status_code == 302
    session.refresh_from_db()
    assert (session.title, session.room) == ("Table ronde modifiée", "Salle 2")
    other = EventFactory(process=festival.process)
    wrong = reverse("events:staff:session_edit", kwargs={"pk": other.pk, "session": session.pk})
    assert client_for("moderator").get(wrong).status_code == 404


def test_sessions_follow_the_moderation_of_their_event(festival, moderator):
    kept = _session(festival, hours=1, room="A", title="Atelier A")
    cancelled = _session(festival, hours=2, room="B", title="Atelier B")
    cancelled.status = Event.Status.CANCELLED
    cancelled.save()
    event_moderate(event=festival, transition="cancel", actor=moderator, reason="Intempéries")
    kept.refresh_from_db()
    assert kept.status == Event.Status.CANCELLED


# --- public: the programme page --------------------------------------------------------------


def test_programme_by_day_and_time_with_rooms_and_speakers(client, festival):
    _session(festival, hours=0.5, room="Grande salle", title="Soirée de lancement", length=2)
    _session(festival, hours=16, room="Salle 1", title="Table ronde engagement")
    _session(festival, hours=16, room="Salle 2", title="Atelier veilleurs")
    _session(festival, hours=19, room="Jardin", title="Conférence budget de référence")
    hidden = _session(festival, hours=20, room="Salle 3", title="Séance refusée")
    hidden.status = Event.Status.REFUSED
    hidden.save()
    url = reverse(
        "events:programme", kwargs={"slug": festival.process.slug, "event": festival.slug}
    )
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Séance refusée" not in body
    days = response.context["days"]
    assert len(days) == 2
    assert [len(slot.sessions) for slot in days[1].slots] == [2, 1]  # 10:00 in two rooms
    assert [s.room for s in days[1].slots[0].sessions] == ["Salle 1", "Salle 2"]
    # headings: h1 the festival, h2 each day, h3 each time, h4 each session
    assert len(re.findall(r"<h2 ", body)) == 2
    assert len(re.findall(r"<h3 class=\"programme-slot\"", body)) == 3
    assert body.count("<h4>") == 4
    assert "Salle : Salle 2" in body and "Intervenante A" in body
    assert re.search(r"<time datetime=\"[^\"]+\">10h00</time>", body)
    # the detail page links to it
    detail = client.get(festival.get_absolute_url()).content.decode()
    assert url in detail


def test_programme_query_count_does_not_grow_with_sessions(client, process):
    counts = []
    for size in (2, 25):
        festival = EventFactory(
            process=process,
            kind=Event.Kind.FESTIVAL,
            end=timezone.now() + dt.timedelta(days=30),
        )
        for index in range(size):
            session = _session(festival, hours=index % 5, room=f"Salle {index}", title=f"S{index}")
            RegistrationFactory(event=session)
        url = reverse("events:programme", kwargs={"slug": process.slug, "event": festival.slug})
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1], counts


def test_programme_of_an_unpublished_event_is_hidden(client, festival):
    festival.status = Event.Status.PROPOSED
    festival.save()
    url = reverse(
        "events:programme", kwargs={"slug": festival.process.slug, "event": festival.slug}
    )
    assert client.get(url).status_code == 404


# --- staff: the stops of a walking route -----------------------------------------------------


def _stop_post(**overrides):
    data = {
        "position": "1",
        "place_name": "Place de la Petite-Hollande",
        "initiative": "jardin partagé",
        "description": "Des habitant·e·s cultivent ensemble des légumes et des fleurs.",
        "address": "Place de la Petite-Hollande, 44000 Nantes",
        "neighbourhood": "",
        "latitude": "47.211800",
        "longitude": "-1.560500",
        "photo_alt": "",
    }
    data.update(overrides)
    return data


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (60, 40), "#c33")
    exif = Image.Exif()
    exif[0x010F] = "Appareil Exemple"  # Make
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_staff_adds_a_stop_with_a_photo_reencoded(client_for, festival):
    url = reverse("events:staff:stop_create", kwargs={"pk": festival.pk})
    raw = _jpeg_with_exif()
    assert b"Appareil Exemple" in raw
    photo = SimpleUploadedFile("photo.jpg", raw, content_type="image/jpeg")
    data = _stop_post(photo=photo, photo_alt="Des bacs de légumes devant un immeuble.")
    response = client_for("moderator").post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    stop = RouteStop.objects.get(event=festival)
    assert stop.photo_content_type == "image/jpeg"
    stored = stop.photo.read()
    assert stored != raw and b"Appareil Exemple" not in stored  # re-encoded, EXIF dropped
    assert Image.open(io.BytesIO(stored)).size == (60, 40)
    assert AuditEvent.objects.filter(action="event.stop_create").exists()
    photo_url = reverse(
        "events:stop_photo",
        kwargs={"slug": festival.process.slug, "event": festival.slug, "pk": stop.pk},
    )
    response = client_for("anonymous").get(photo_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"photo": ("photo.png", b"ceci n'est pas une image"), "photo_alt": "Texte"},
            "photo",
            "n'est pas une image",
        ),
        (
            {"photo": ("photo.jpg", "PNG"), "photo_alt": "Texte"},
            "photo",
            "ne correspond pas à son extension",
        ),
        ({"photo": ("photo.png", "PNG"), "photo_alt": ""}, "photo_alt", "Décrivez la photo"),
        (
            {"photo": ("doc.pdf", "PDF"), "photo_alt": "Texte"},
            "photo",
            "doit être une image",
        ),
        ({"latitude": "95"}, "latitude", "inférieure ou égale à 90"),
        ({"position": "0"}, "position", "commence à 1"),
        ({"initiative": ""}, "initiative", "obligatoire"),
    ],
)
def test_bad_stops_are_refused(client_for, festival, overrides, field, message):
    data = _stop_post()
    for key, value in overrides.items():
        if key == "photo":
            name, content = value
            content = {"PNG": png_bytes(), "PDF": _pdf()}.get(content, content)
            data["photo"] = SimpleUploadedFile(name, content)
        else:
            data[key] = value
    url = reverse("events:staff:stop_create", kwargs={"pk": festival.pk})
    response = client_for("moderator").post(url, data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert message in unescape(response.content.decode())
    assert not RouteStop.objects.exists()


def test_two_stops_may_not_share_a_number(client_for, festival):
    add_stop(festival, position=1)
    url = reverse("events:staff:stop_create", kwargs={"pk": festival.pk})
    response = client_for("moderator").post(url, _stop_post(position="1"))
    assert response.status_code == 400
    assert "L'étape n°1 existe déjà" in unescape(response.content.decode())
    # the form proposes the next free number
    form = client_for("moderator").get(url).context["form"]
    assert form.initial["position"] == 2


def test_staff_edits_removes_photo_and_deletes_a_stop(client_for, festival):
    stop = add_stop(festival, with_photo=True)
    url = reverse("events:staff:stop_edit", kwargs={"pk": festival.pk, "stop": stop.pk})
    data = _stop_post(position="3", place_name="Nouveau lieu", remove_photo="on")
    assert client_for("moderator").post(url, data).status_code == 302
    stop.refresh_from_db()
    assert (stop.position, stop.place_name, bool(stop.photo)) == (3, "Nouveau lieu", False)
    delete = reverse("events:staff:stop_delete", kwargs={"pk": festival.pk, "stop": stop.pk})
    assert client_for("resident").post(delete).status_code == 403
    assert client_for("moderator").post(delete).status_code == 302
    assert not RouteStop.objects.exists()
    assert AuditEvent.objects.filter(action="event.stop_delete").exists()


# --- public: the route page, its map data and printable sheet ---------------------------------


def _map_data(body: str) -> list[dict]:
    found = re.search(r'<script id="map-data" type="application/json">(.*?)</script>', body, re.S)
    assert found, "pas de données de carte"
    return json.loads(found.group(1))


def assert_no_inline_script(body: str) -> None:
    """Every <script> has a src or is JSON data; no on…= handler; no style attribute."""
    for tag in re.findall(r"<script\b[^>]*>", body):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"<[a-z]+\s[^>]*\bon[a-z]+=", body), "gestionnaire en ligne"
    assert not re.search(r"<[a-z]+\s[^>]*\bstyle=", body), "style en ligne"


def test_route_page_lists_the_stops_in_order_with_map_data(client, festival):
    third = add_stop(festival, position=3)
    first = add_stop(festival, position=1, with_photo=True)
    add_stop(festival, position=2)
    url = reverse("events:route", kwargs={"slug": festival.process.slug, "event": festival.slug})
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("Étape 1 :") < body.index("Étape 2 :") < body.index("Étape 3 :")
    assert '<ol class="route-stops">' in body
    assert f'alt="{escape(first.photo_alt)}"' in body
    points = _map_data(body)
    assert [escape(p["title"]) for p in points] == [
        escape(t)
        for t in [
            "1. Lieu d'étape 1",
            "2. Lieu d'étape 2",
            "3. Lieu d'étape 3",
        ]
    ]
    assert points[2]["lat"] == float(third.latitude) and points[2]["url"] == "#etape-3"
    assert "vendor/leaflet/leaflet.js" in body and "js/map.js" in body
    assert 'id="map"' in body and " hidden " in body  # shown by the script only
    assert_no_inline_script(body)
    # printable: the print stylesheet hides the map and the menus
    css = (Path(__file__).resolve().parents[2] / "static/css/events.css").read_text()
    assert "@media print" in css and ".event-map" in css.split("@media print", 1)[1]
    # the festival page links to the route
    assert url in client.get(festival.get_absolute_url()).content.decode()


def test_route_sheet_pdf(client, festival):
    add_stop(festival, position=1, with_photo=True)
    add_stop(festival, position=2)
    url = reverse(
        "events:route_pdf", kwargs={"slug": festival.process.slug, "event": festival.slug}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_stops_of_an_unpublished_event_are_hidden(client, festival):
    stop = add_stop(festival, with_photo=True)
    festival.status = Event.Status.PROPOSED
    festival.save()
    kwargs = {"slug": festival.process.slug, "event": festival.slug}
    assert client.get(reverse("events:route", kwargs=kwargs)).status_code == 404
    photo = reverse("events:stop_photo", kwargs={**kwargs, "pk": stop.pk})
    assert client.get(photo).status_code == 404


# --- the Django admin ------------------------------------------------------------------------


def test_admin_lists_events_and_registrations_without_personal_data(client, festival):
    staff = UserFactory(email="admin-django@exemple.test", roles=["admin"])
    staff.is_staff = True
    staff.save()
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    RegistrationFactory(event=festival, name="Camille Secret", email="camille@exemple.test")
    for name in ("event", "registration"):
        response = client.get(reverse(f"admin:events_{name}_changelist"))
        assert response.status_code == 200, name
    body = client.get(reverse("admin:events_registration_changelist")).content.decode()
    assert "Camille Secret" not in body and "camille@exemple.test" not in body
    assert "Festival des solidarités" in body
    registration = festival.registrations.get()
    detail = client.get(reverse("admin:events_registration_change", args=[registration.pk]))
    assert detail.status_code == 200 and "camille@exemple.test" not in detail.content.decode()
    event_page = client.get(reverse("admin:events_event_change", args=[festival.pk]))
    assert event_page.status_code == 200
    # read-only: no adding events or registrations here
    assert client.get(reverse("admin:events_event_add")).status_code == 403
    # Organisations left the Django admin (its raw account number field): they are managed
    # in the back-office, members found by name or e-mail (tests/organisations).
    assert client.get("/admin-django/events/organisation/add/").status_code == 404
