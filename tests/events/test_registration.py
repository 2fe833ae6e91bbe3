"""Registration with or without an account, capacity, waiting list, cancellation link,
attendance and the organiser's CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from concerto.events.models import Event, Registration
from concerto.events.registrations import (
    attendance_record,
    registration_cancel,
    registration_create,
)
from concerto.events.services import EventError
from concerto.events.tokens import cancel_token
from tests.events.factories import EventFactory, MembershipFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _register_url(event):
    return reverse("events:register", kwargs={"slug": event.process.slug, "event": event.slug})


def _post(client, event, commits=None, **data):
    payload = {"name": "Camille", "email": "", "phone": "", "website": ""}
    payload.update(data)
    if commits is None:
        return client.post(_register_url(event), payload)
    with commits(execute=True):
        return client.post(_register_url(event), payload)


def test_register_without_account_by_email(client, event, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    response = _post(
        client, event, django_capture_on_commit_callbacks, email="Camille@Exemple.test"
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.email == "camille@exemple.test" and registration.user is None
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert event.title in body
    assert "Votre inscription est confirmée" in body
    link = re.search(r"/inscription/annuler/(\S+)/", body)
    assert link is not None
    assert "Demande d'inscription reçue" in response.content.decode()


def test_register_by_phone_only(client, event):
    response = _post(client, event, phone="06 12 34 56 78")
    assert response.status_code == 200
    assert "sans adresse e-mail" in response.content.decode()
    assert Registration.objects.get().phone == "+33612345678"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": ""}, "name", "Ce champ est obligatoire"),
        ({}, "email", "adresse e-mail ou un numéro"),
        ({"email": "pas-un-courriel"}, "email", "adresse e-mail complète"),
        ({"phone": "appelez-moi"}, "phone", "numéro de téléphone"),
    ],
)
def test_bad_registration(client, event, data, field, message):
    response = _post(client, event, **data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_full_event_goes_to_the_waiting_list_and_says_so_by_email(
    client, process, django_capture_on_commit_callbacks
):
    event = EventFactory(process=process, capacity=1)
    _post(client, event, django_capture_on_commit_callbacks, email="premiere@exemple.test")
    mail.outbox.clear()
    response = _post(
        client, event, django_capture_on_commit_callbacks, email="seconde@exemple.test"
    )
    assert response.status_code == 200
    assert [m.to for m in mail.outbox] == [["seconde@exemple.test"]]
    assert "liste d'attente" in mail.outbox[0].subject
    statuses = list(Registration.objects.order_by("id").values_list("status", flat=True))
    assert statuses == ["confirmed", "waitlisted"]
    page = client.get(event.get_absolute_url()).content.decode()
    assert "M'inscrire sur la liste d'attente" in page


def test_same_person_twice_is_one_registration(client, event):
    _post(client, event, email="camille@exemple.test")
    response = _post(client, event, email="CAMILLE@exemple.test")
    assert response.status_code == 200
    assert Registration.objects.count() == 1


def test_cancel_moves_the_waiting_list_up(process, django_capture_on_commit_callbacks):
    event = EventFactory(process=process, capacity=1)
    first = registration_create(event=event, name="A", email="a@exemple.test").registration
    second = registration_create(event=event, name="B", email="b@exemple.test").registration
    third = registration_create(event=event, name="C", phone="0612345678").registration
    assert second.status == third.status == Registration.Status.WAITLISTED
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = registration_cancel(registration=first)
    assert [r.pk for r in promoted] == [second.pk]
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED
    assert third.status == Registration.Status.WAITLISTED
    assert mail.outbox[0].to == ["b@exemple.test"]
    assert "place s'est libérée" in mail.outbox[0].subject
    # cancelling again changes nothing
    assert registration_cancel(registration=first) == []


def test_cancellation_link(client, process):
    event = EventFactory(process=process, capacity=1)
    first = registration_create(event=event, name="A", email="a@exemple.test").registration
    second = registration_create(event=event, name="B", email="b@exemple.test").registration
    url = reverse("events:cancel", kwargs={"token": cancel_token(first)})
    page = client.get(url)
    assert page.status_code == 200
    first.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED  # GET changes nothing
    assert client.post(url).status_code == 200
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Registration.Status.CANCELLED
    assert second.status == Registration.Status.CONFIRMED
    assert client.get(reverse("events:cancel", kwargs={"token": "faux"})).status_code == 404
    tampered = cancel_token(first)[:-2] + "xx"
    assert client.post(reverse("events:cancel", kwargs={"token": tampered})).status_code == 404


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"visibility": Event.Visibility.CLOSED}, "fermé"),
        ({"registration_open": False}, "fermées"),
        ({"status": Event.Status.PROPOSED}, None),
        ({"past": True}, "déjà commencé"),
    ],
)
def test_no_public_registration(client, process, change, message):
    if change.pop("past", False):
        start = timezone.now() - dt.timedelta(hours=1)
        change.update(start=start, end=start + dt.timedelta(hours=3))
    event = EventFactory(process=process, **change)
    response = _post(client, event, email="a@exemple.test")
    if message is None:
        assert response.status_code == 404
    else:
        assert response.status_code == 403
        assert message in response.content.decode()
    assert not Registration.objects.exists()
    with pytest.raises(EventError):
        registration_create(event=event, name="A", email="a@exemple.test")


def test_closed_event_detail_shows_no_form(client, process):
    event = EventFactory(process=process, visibility=Event.Visibility.CLOSED)
    body = client.get(event.get_absolute_url()).content.decode()
    assert "sur invitation" in body
    assert 'name="name"' not in body


def test_registration_is_rate_limited(client, event, settings):
    settings.CONCERTO_RATELIMIT_ENABLED = True
    settings.CONCERTO_EVENT_REGISTRATION_RATE = 3
    for index in range(settings.CONCERTO_EVENT_REGISTRATION_RATE):
        _post(client, event, email=f"p{index}@exemple.test")
    response = _post(client, event, email="encore@exemple.test")
    assert response.status_code == 429


def test_logged_in_registration_is_linked(client_for, event, resident):
    response = _post(client_for("resident"), event, name="Habitante", email=resident.email)
    assert response.status_code == 200
    assert Registration.objects.get().user == resident


# --- the organiser -----------------------------------------------------------------------------


def _past_event(process, **kwargs):
    start = timezone.now() - dt.timedelta(days=1)
    return EventFactory(process=process, start=start, end=start + dt.timedelta(hours=2), **kwargs)


def test_attendance_and_csv_for_organisation_members(client_for, process, resident):
    membership = MembershipFactory(user=resident)
    event = _past_event(
        process,
        organiser_kind=Event.Organiser.ORGANISATION,
        organisation=membership.organisation,
    )
    came = RegistrationFactory(event=event, name="=Venue", email="venue@exemple.test")
    absent = RegistrationFactory(event=event, phone="0600000000", email="")
    RegistrationFactory(event=event, status=Registration.Status.CANCELLED)
    client = client_for("resident")
    url = reverse("events:attendees", kwargs={"slug": process.slug, "event": event.slug})
    page = client.get(url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    response = client.post(url, {"present": [str(came.pk)]})
    assert response.status_code == 302
    came.refresh_from_db()
    absent.refresh_from_db()
    assert came.attended is True and absent.attended is False
    export = client.get(
        reverse("events:attendees_csv", kwargs={"slug": process.slug, "event": event.slug})
    )
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0] == ["nom", "contact", "statut", "present"]
    assert ["'=Venue", "venue@exemple.test", "inscrit·e", "oui"] in rows
    assert [absent.name, "06 00 00 00 00", "inscrit·e", "non"] in rows
    assert len(rows) == 3  # the cancelled registration is not exported


def test_attendance_before_the_event_is_refused(process, moderator):
    event = EventFactory(process=process)
    with pytest.raises(EventError):
        attendance_record(event=event, present=set(), actor=moderator)


def test_stranger_may_not_see_the_list(client_for, process):
    event = _past_event(process)
    url = reverse("events:attendees", kwargs={"slug": process.slug, "event": event.slug})
    assert client_for("resident").get(url).status_code == 403
    assert client_for("analyst").get(url).status_code == 403
    assert client_for("anonymous").get(url).status_code == 302
    assert client_for("moderator").get(url).status_code == 200
