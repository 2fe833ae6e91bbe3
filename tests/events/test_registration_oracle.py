"""No oracle on the registration form: the answer is the same whether or not the address
or the number is already registered, and whatever the registration's status; the status
goes by e-mail to the address on file. Phone numbers are one person whatever their format,
and the migration that normalises the stored ones merges nothing."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.core import mail
from django.test import Client
from django.urls import reverse

from concerto.events.models import Registration
from concerto.events.registrations import registration_create
from tests.events.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"|csrftoken=[^;"]+')


def _ask(event, commits, **data):
    """One registration request from a fresh anonymous browser, e-mails sent."""
    payload = {"name": "Quelqu'un", "email": "", "phone": "", "website": ""}
    payload.update(data)
    url = reverse("events:register", kwargs={"slug": event.process.slug, "event": event.slug})
    with commits(execute=True):
        return Client().post(url, payload, follow=True)


def _page(response) -> bytes:
    assert response.status_code == 200
    return CSRF.sub(b"CSRF", response.content)


@pytest.mark.parametrize(
    "known_status", [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
)
def test_known_and_unknown_addresses_get_the_same_page(
    process, known_status, django_capture_on_commit_callbacks
):
    # One seat, taken by the known address (or held by someone else, the known address
    # waiting): the unknown address will be waitlisted, the known one keeps its status.
    event = EventFactory(process=process, capacity=1)
    if known_status == Registration.Status.WAITLISTED:
        RegistrationFactory(event=event, email="autre@exemple.test")
    known = registration_create(event=event, name="Connue", email="connue@exemple.test")
    assert known.registration.status == known_status
    mail.outbox.clear()

    again = _ask(event, django_capture_on_commit_callbacks, email="CONNUE@exemple.test")
    new = _ask(event, django_capture_on_commit_callbacks, email="inconnue@exemple.test")

    assert _page(again) == _page(new)
    assert again["Cache-Control"] == new["Cache-Control"]
    assert "no-store" in again["Cache-Control"]
    body = again.content.decode()
    for status_words in ("déjà inscrit", "complet : vous", "inscription est enregistrée"):
        assert status_words not in body
    # The status went by e-mail, each to its own address.
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"connue@exemple.test", "inconnue@exemple.test"}
    already = by_address["connue@exemple.test"]
    assert "déjà" in already.subject
    if known_status == Registration.Status.WAITLISTED:
        assert "liste d'attente" in already.subject
    assert "Bonjour Connue" in already.body  # the name on file, not the one typed
    assert "/inscription/annuler/" in already.body
    assert "liste d'attente" in by_address["inconnue@exemple.test"].subject
    # Nothing changed for the known person; the new one is waiting.
    assert Registration.objects.filter(email="connue@exemple.test").count() == 1
    known.registration.refresh_from_db()
    assert known.registration.status == known_status
    assert known.registration.name == "Connue"


def test_known_and_unknown_phone_numbers_get_the_same_page(
    process, django_capture_on_commit_callbacks
):
    event = EventFactory(process=process, capacity=1)
    registration_create(event=event, name="Connue", phone="06 12 34 56 78")
    mail.outbox.clear()
    again = _ask(event, django_capture_on_commit_callbacks, phone="+33 6 12 34 56 78")
    new = _ask(event, django_capture_on_commit_callbacks, phone="07 00 00 00 01")
    assert _page(again) == _page(new)
    assert Registration.objects.count() == 2
    assert mail.outbox == []  # no address on file: nobody is written to


@pytest.mark.parametrize("typed", ["06 12 34 56 78", "+33612345678", "0033 6 12 34 56 78"])
def test_one_number_typed_three_ways_is_one_person(process, typed):
    event = EventFactory(process=process, capacity=5)
    first = registration_create(event=event, name="Camille", phone="06.12.34.56.78")
    assert first.registration.phone == "+33612345678"
    again = registration_create(event=event, name="Camille", phone=typed)
    assert again.created is False
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.count() == 1


def test_the_three_formats_through_the_form_make_one_registration(
    process, django_capture_on_commit_callbacks
):
    event = EventFactory(process=process, capacity=5)
    for typed in ("06 12 34 56 78", "+33612345678", "0033 6 12 34 56 78"):
        _ask(event, django_capture_on_commit_callbacks, phone=typed)
    assert list(Registration.objects.values_list("phone", flat=True)) == ["+33612345678"]


def test_a_bad_number_is_refused_next_to_its_field(process, django_capture_on_commit_callbacks):
    event = EventFactory(process=process)
    response = _ask(event, django_capture_on_commit_callbacks, phone="06 12 34")
    assert response.status_code == 400
    assert "phone" in response.context["form"].errors
    assert "06 12 34 56 78" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_phone_number_answered_with_the_address_on_file_only(
    process, django_capture_on_commit_callbacks
):
    """Someone typing only the number of a registered person: the e-mail (if any) goes to
    the address that person gave, never to an address the stranger typed."""
    event = EventFactory(process=process, capacity=5)
    registration_create(event=event, name="Connue", email="connue@exemple.test", phone="0612345678")
    mail.outbox.clear()
    _ask(event, django_capture_on_commit_callbacks, phone="+33 6 12 34 56 78")
    assert [m.to for m in mail.outbox] == [["connue@exemple.test"]]
    assert Registration.objects.count() == 1
    mail.outbox.clear()
    # With another address, the number does not make the stranger that person: a new
    # registration in the stranger's name, and their own confirmation.
    _ask(
        event,
        django_capture_on_commit_callbacks,
        email="etranger@exemple.test",
        phone="06 12 34 56 78",
    )
    assert [m.to for m in mail.outbox] == [["etranger@exemple.test"]]
    assert "confirmée" in mail.outbox[0].subject
    assert Registration.objects.count() == 2


def test_the_migration_normalises_and_merges_nothing(process, capsys):
    migration = importlib.import_module("concerto.events.migrations.0003_registration_phones_e164")
    event, other = EventFactory(process=process), EventFactory(process=process)
    rows = Registration.objects.bulk_create(
        [
            RegistrationFactory.build(event=event, email="", phone="06 12 34 56 78"),
            RegistrationFactory.build(event=event, email="", phone="0033 6 12 34 56 78"),
            RegistrationFactory.build(event=other, email="", phone="+33612345678"),
            RegistrationFactory.build(event=event, email="a@exemple.test", phone="pas un n°"),
            RegistrationFactory.build(
                event=event, email="", phone="06 12 34 56 78", status="cancelled"
            ),
        ]
    )
    migration.normalise_phones(apps, None)
    phones = dict(Registration.objects.values_list("pk", "phone"))
    assert [phones[r.pk] for r in rows] == [
        "+33612345678",
        "+33612345678",
        "+33612345678",
        "pas un n°",
        "+33612345678",
    ]
    assert Registration.objects.count() == 5  # nothing merged, nothing deleted
    out = capsys.readouterr().out
    assert f"inscriptions n° {rows[0].pk}, {rows[1].pk} " in out
    assert f"événement n° {event.pk}" in out and f"événement n° {other.pk}" not in out
    assert f"Numéros illisibles laissés tels quels, inscriptions n° {rows[3].pk}" in out
    assert "06 12" not in out and "+336" not in out  # no personal data in the output
