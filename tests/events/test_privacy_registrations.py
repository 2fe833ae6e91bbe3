"""Event registrations and personal data: in the export (by account and by e-mail), in the
erasure (name and contact gone, counts kept) and in the retention purge."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from concerto.core.models import AuditEvent
from concerto.events.models import Registration
from concerto.events.selectors import participation_figures
from concerto.privacy.services import (
    personal_data_erase,
    personal_data_export,
    personal_data_purge,
)
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory
from tests.privacy.helpers import read_zip

pytestmark = pytest.mark.django_db
EMAIL = "dominique.exemple@exemple.test"


@pytest.fixture
def person():
    return UserFactory(email=EMAIL, display_name="Dominique Exemple")


def _past_event(process, days: int):
    start = timezone.now() - dt.timedelta(days=days)
    return EventFactory(process=process, start=start, end=start + dt.timedelta(hours=2))


def test_export_has_the_registrations_by_account_and_by_email(process, person):
    event = EventFactory(process=process, title="Atelier cuisine")
    by_account = RegistrationFactory(
        event=event, user=person, name="Dominique", email="autre@exemple.test"
    )
    other = EventFactory(process=process, title="Table ronde")
    by_email = RegistrationFactory(event=other, name="Dom", email=EMAIL.upper())
    RegistrationFactory(event=other, name="Quelqu'un d'autre", email="x@exemple.test")

    data, _files = read_zip(personal_data_export(user=person, actor=person))
    rows = data["event_registrations"]
    assert {r["event"] for r in rows} == {"Atelier cuisine", "Table ronde"}
    assert {r["name"] for r in rows} == {by_account.name, by_email.name}
    assert all(r["email"] != "x@exemple.test" for r in rows)

    data, _files = read_zip(personal_data_export(email=EMAIL))
    assert [r["name"] for r in data["event_registrations"]] == ["Dom"]
    audit = AuditEvent.objects.filter(action="privacy.export").latest("id")
    assert audit.data["registrations"] == 1
    assert EMAIL not in str(audit.data)


def test_erasure_anonymises_registrations_and_keeps_the_counts(process, person, admin_user):
    event = _past_event(process, days=3)
    mine = RegistrationFactory(event=event, user=person, name="Dominique", attended=True)
    by_phone_and_mail = RegistrationFactory(
        event=event, name="Dom", email=EMAIL, phone="06 12 34 56 78"
    )
    kept = RegistrationFactory(event=event, name="Autre personne", attended=True)
    before = participation_figures(process)

    report = personal_data_erase(actor=admin_user, email=EMAIL, user=None)
    assert report.registrations == 1
    by_phone_and_mail.refresh_from_db()
    assert (by_phone_and_mail.name, by_phone_and_mail.email, by_phone_and_mail.phone) == (
        "",
        "",
        "",
    )
    assert by_phone_and_mail.anonymised_at is not None

    report = personal_data_erase(actor=person, user=person)
    assert report.registrations == 1 and report.account in ("deleted", "deactivated")
    mine.refresh_from_db()
    assert (mine.name, mine.email, mine.user_id) == ("", "", None)
    assert mine.attended is True and mine.status == Registration.Status.CONFIRMED
    kept.refresh_from_db()
    assert kept.name == "Autre personne"
    assert participation_figures(process) == before
    # idempotent
    assert personal_data_erase(actor=admin_user, email=EMAIL).registrations == 0
    audit = AuditEvent.objects.filter(action="privacy.erase").latest("id")
    assert "Dominique" not in str(audit.data) and EMAIL not in str(audit.data)


def test_purge_erases_contacts_of_registrations_to_old_events(process, settings):
    settings.CONCERTO_RETENTION_DAYS = 365
    old = _past_event(process, days=400)
    recent = _past_event(process, days=30)
    upcoming = EventFactory(process=process)
    old_rows = [
        RegistrationFactory(event=old, attended=True),
        RegistrationFactory(event=old, email="", phone="06 00 00 00 01"),
    ]
    recent_row = RegistrationFactory(event=recent)
    upcoming_row = RegistrationFactory(event=upcoming)
    before = participation_figures(process)

    dry = personal_data_purge(days=365, dry_run=True)
    assert dry.registrations == 2
    assert Registration.objects.filter(anonymised_at__isnull=False).count() == 0

    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "inscriptions aux événements passés (nom, contact) effacé(e)s : 2" in out.getvalue()
    for row in old_rows:
        row.refresh_from_db()
        assert (row.name, row.email, row.phone) == ("", "", "")
        assert row.anonymised_at is not None
    assert old_rows[0].attended is True
    for row in (recent_row, upcoming_row):
        row.refresh_from_db()
        assert row.name and row.email and row.anonymised_at is None
    assert participation_figures(process) == before
    assert personal_data_purge(days=365).registrations == 0  # idempotent


def test_attendee_list_after_erasure_shows_no_name(client_for, process):
    event = _past_event(process, days=2)
    row = RegistrationFactory(event=event, name="Nom à effacer")
    Registration.objects.filter(pk=row.pk).update(
        name="", email="", phone="", anonymised_at=timezone.now()
    )
    from django.urls import reverse

    url = reverse("events:attendees", kwargs={"slug": process.slug, "event": event.slug})
    body = client_for("moderator").get(url).content.decode()
    assert "(données effacées)" in body
