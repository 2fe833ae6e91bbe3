"""Retention: ``manage.py purge_personal_data`` removes old raw personal data, idempotently."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from concerto.contributions.models import Answer, Attachment, Contribution
from concerto.core.models import AuditEvent
from concerto.privacy.models import PrivacyRequest
from tests.factories import ContributionFactory
from tests.privacy.helpers import add_attachment, assert_not_in_audit

OLD = 400
RECENT = 10


def _days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


@pytest.fixture
def data(db, process, settings):
    settings.CONCERTO_RETENTION_DAYS = 365
    old_published = ContributionFactory(
        process=process,
        status=Contribution.Status.PUBLISHED,
        submitted_at=_days_ago(OLD),
        email="publie@exemple.test",
        author_name="Pseudo Public",
        age_bracket="61_75",
        text="Appelez le 06 12 34 56 78.",
    )
    Answer.objects.filter(contribution=old_published).update(
        public_text="Appelez le [téléphone masqué]."
    )
    add_attachment(old_published)
    old_rejected = ContributionFactory(
        process=process,
        status=Contribution.Status.REJECTED,
        submitted_at=_days_ago(OLD),
        email="refuse@exemple.test",
        author_name="Nom Privé",
    )
    rejected_file = add_attachment(old_rejected)
    recent = ContributionFactory(
        process=process,
        submitted_at=_days_ago(RECENT),
        email="recent@exemple.test",
        author_name="Récent",
    )
    add_attachment(recent)
    handled = PrivacyRequest.objects.create(
        kind="export",
        receipt=old_rejected.receipt_number,
        email="demande@exemple.test",
        message="Mon message",
        status=PrivacyRequest.Status.DONE,
        handled_at=_days_ago(OLD),
    )
    still_open = PrivacyRequest.objects.create(
        kind="erasure", receipt=recent.receipt_number, email="ouverte@exemple.test"
    )
    return {
        "old_published": old_published,
        "old_rejected": old_rejected,
        "rejected_file": rejected_file.file.name,
        "recent": recent,
        "handled": handled,
        "still_open": still_open,
    }


def _snapshot():
    return (
        list(Contribution.objects.order_by("pk").values()),
        list(Answer.objects.order_by("pk").values()),
        list(Attachment.objects.order_by("pk").values()),
        list(PrivacyRequest.objects.order_by("pk").values()),
    )


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_dry_run_counts_but_changes_nothing(data):
    before = _snapshot()
    output = _run("--dry-run")
    assert _snapshot() == before
    assert "[simulation]" in output
    assert "adresses e-mail à effacer : 2" in output
    assert "noms ou pseudonymes à effacer : 1" in output
    assert "pièces jointes à effacer : 1" in output
    assert "textes originaux masqués à effacer : 1" in output
    assert "demandes (coordonnées) à effacer : 1" in output
    assert not AuditEvent.objects.filter(action="privacy.purge").exists()
    assert "@" not in output


@pytest.mark.django_db
def test_purge_removes_only_old_personal_data_then_does_nothing(
    data, django_capture_on_commit_callbacks
):
    assert default_storage.exists(data["rejected_file"])
    with django_capture_on_commit_callbacks(execute=True):
        output = _run()
    assert "Total : 6" in output

    published = Contribution.objects.get(pk=data["old_published"].pk)
    assert published.email == ""
    assert published.author_name == "Pseudo Public"  # signed and consented: kept
    assert published.age_bracket == "61_75"  # a statistical bucket: kept
    assert published.attachments.count() == 1  # public with the contribution
    assert published.answers.get().text == "Appelez le [téléphone masqué]."
    assert published.personal_data_purged_at is not None

    rejected = Contribution.objects.get(pk=data["old_rejected"].pk)
    assert (rejected.email, rejected.author_name) == ("", "")
    assert rejected.attachments.count() == 0
    assert not default_storage.exists(data["rejected_file"])
    assert rejected.answers.get().text  # the substance stays for the report

    recent = Contribution.objects.get(pk=data["recent"].pk)
    assert recent.email == "recent@exemple.test"
    assert recent.author_name == "Récent"
    assert recent.attachments.count() == 1
    assert recent.personal_data_purged_at is None

    handled = PrivacyRequest.objects.get(pk=data["handled"].pk)
    assert (handled.email, handled.message) == ("", "")
    assert PrivacyRequest.objects.get(pk=data["still_open"].pk).email == "ouverte@exemple.test"

    event = AuditEvent.objects.get(action="privacy.purge")
    assert event.data["emails"] == 2
    assert event.data["attachments"] == 1
    assert_not_in_audit(
        "publie@exemple.test",
        "refuse@exemple.test",
        "demande@exemple.test",
        "Nom Privé",
        "06 12",
    )

    before = _snapshot()
    second = _run()
    assert "Total : 0" in second
    assert _snapshot() == before
    assert AuditEvent.objects.filter(action="privacy.purge").count() == 2
    assert AuditEvent.objects.filter(action="privacy.purge").first().data["emails"] == 0


@pytest.mark.django_db
def test_retention_period_comes_from_settings(data, settings):
    settings.CONCERTO_RETENTION_DAYS = 5
    _run()
    assert Contribution.objects.get(pk=data["recent"].pk).email == ""


@pytest.mark.django_db
def test_purge_erases_the_contact_person_of_old_cahiers(process):
    from concerto.collective.models import CollectiveContribution
    from concerto.privacy.services import personal_data_purge

    def cahier(days: int) -> CollectiveContribution:
        contribution = ContributionFactory(
            process=process, channel="collective", submitted_at=_days_ago(days)
        )
        return CollectiveContribution.objects.create(
            contribution=contribution,
            organisation_name="Collectif Exemple",
            organisation_kind="collectif",
            people_count=12,
            production_method="Trois ateliers.",
            contact_name="Alix Contact",
            contact_email="alix@exemple.test",
            contact_phone="06 00 00 00 00",
            source="document",
        )

    old, recent = cahier(400), cahier(10)
    report = personal_data_purge(days=365)
    assert report.cahier_contacts == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.contact_name, old.contact_email, old.contact_phone) == ("", "", "")
    assert old.organisation_name == "Collectif Exemple"
    assert recent.contact_email == "alix@exemple.test"
    assert personal_data_purge(days=365).cahier_contacts == 0
    assert_not_in_audit("alix@exemple.test")
