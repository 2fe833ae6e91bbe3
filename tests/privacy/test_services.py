"""Export and erasure services: the data goes out complete, identity goes away for good."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from concerto.accounts.models import User
from concerto.contributions.models import Answer, Attachment, Contribution
from concerto.core.audit import audit
from concerto.core.models import AuditEvent
from concerto.privacy.services import (
    ERASED_TEXT,
    PrivacyError,
    find_contributions,
    personal_data_erase,
    personal_data_export,
)
from tests.factories import ContributionFactory, UserFactory
from tests.privacy.helpers import PDF_BYTES, add_attachment, assert_not_in_audit, read_zip

EMAIL = "claude.martin@exemple.test"
NAME = "Claude Martin"


@pytest.fixture
def person(db) -> User:
    return UserFactory(email=EMAIL, display_name=NAME)


def _published(process, **kwargs):
    return ContributionFactory(
        process=process, status=Contribution.Status.PUBLISHED, author_name=NAME, **kwargs
    )


@pytest.mark.django_db
def test_export_contains_the_account_every_contribution_and_the_files(process, person):
    first = ContributionFactory(
        process=process,
        user=person,
        email=EMAIL,
        author_name=NAME,
        age_bracket=Contribution.AgeBracket.AGE_61_75,
        text="Il manque des bancs rue de la Paix.",
    )
    attachment = add_attachment(first)
    second = _published(process, user=person, text="Un deuxième texte.")
    ContributionFactory(process=process, email="autre@exemple.test")  # someone else

    data, files = read_zip(personal_data_export(user=person, actor=person))

    assert data["account"]["email"] == EMAIL
    assert data["account"]["display_name"] == NAME
    receipts = [c["receipt_number"] for c in data["contributions"]]
    assert sorted(receipts) == sorted([first.receipt_number, second.receipt_number])
    item = next(c for c in data["contributions"] if c["receipt_number"] == first.receipt_number)
    assert item["email"] == EMAIL
    assert item["author_name"] == NAME
    assert item["age_bracket"] == "61 à 75 ans"
    assert item["neighbourhood"] == first.neighbourhood.name
    assert item["profile"] == "habitant·e"
    assert item["consent_publication"] is True
    assert item["consent_processing"] is True
    assert item["status"] == "à modérer"
    assert item["submitted_at"]
    assert item["answers"][0]["text"] == "Il manque des bancs rue de la Paix."
    [exported] = item["attachments"]
    assert exported["original_name"] == "mon courrier.pdf"
    assert files[exported["file"]] == PDF_BYTES
    assert exported["file"].startswith("attachments/")
    assert "LISEZ-MOI.txt" in files
    assert attachment.size == len(PDF_BYTES)


@pytest.mark.django_db
def test_export_by_email_and_by_receipt(process):
    mine = ContributionFactory(process=process, email=EMAIL)
    other = ContributionFactory(process=process, email="autre@exemple.test")

    by_email, _ = read_zip(personal_data_export(email=EMAIL.upper()))
    by_receipt, _ = read_zip(personal_data_export(receipts=[other.receipt_number.lower()]))

    assert [c["receipt_number"] for c in by_email["contributions"]] == [mine.receipt_number]
    assert [c["receipt_number"] for c in by_receipt["contributions"]] == [other.receipt_number]
    assert by_email["account"] is None
    assert_not_in_audit(EMAIL, "autre@exemple.test", actions_prefix="privacy.")


@pytest.mark.django_db
def test_unverified_account_address_does_not_reach_contributions_sent_without_account(process):
    """Anyone may open an account with someone else's address: without verification the
    contributions sent with that address are not theirs to read or erase."""
    from allauth.account.models import EmailAddress

    stranger = UserFactory(email=EMAIL, email_verified=False)
    sent_anonymously = ContributionFactory(process=process, email=EMAIL)

    assert list(find_contributions(user=stranger)) == []
    EmailAddress.objects.create(user=stranger, email=EMAIL, verified=True, primary=True)
    assert list(find_contributions(user=stranger)) == [sent_anonymously]


@pytest.mark.django_db
def test_lookup_needs_a_criterion():
    with pytest.raises(PrivacyError, match="récépissé"):
        find_contributions()


@pytest.mark.django_db
def test_erasure_removes_identity_keeps_consented_published_text_and_deletes_the_rest(
    process, person, django_capture_on_commit_callbacks
):
    published = _published(
        process,
        user=person,
        email=EMAIL,
        age_bracket=Contribution.AgeBracket.OVER_75,
        text="Appelez-moi au 06 12 34 56 78 pour en parler.",
    )
    answer = published.answers.get()
    answer.public_text = "Appelez-moi au [téléphone masqué] pour en parler."
    answer.save()
    published_file = add_attachment(published)
    pending = ContributionFactory(
        process=process, user=person, email=EMAIL, author_name=NAME, text="Texte privé."
    )
    pending.moderation_note = "Merci Claude Martin"
    pending.save()
    pending_file = add_attachment(pending)
    names = [published_file.file.name, pending_file.file.name]
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        report = personal_data_erase(actor=person, user=person)

    assert report.contributions == 2
    assert report.anonymised == 2
    assert report.texts_kept == 1
    assert report.texts_replaced == 1
    assert report.attachments_deleted == 2
    assert report.account == "deleted"
    assert not User.objects.filter(email=EMAIL).exists()

    published.refresh_from_db()
    pending.refresh_from_db()
    for contribution in (published, pending):
        assert contribution.author_name == ""
        assert contribution.email == ""
        assert contribution.user_id is None
        assert contribution.age_bracket == ""
        assert contribution.anonymised_at is not None
    assert published.public_author == "Anonyme"
    kept = published.answers.get()
    assert kept.shown_text == "Appelez-moi au [téléphone masqué] pour en parler."
    assert "06 12" not in kept.text  # the private original is gone too
    assert published.search_document  # still findable
    replaced = pending.answers.get()
    assert replaced.text == ERASED_TEXT
    assert replaced.public_text == ""
    assert pending.search_document == ""
    assert pending.moderation_note == ""
    assert Attachment.objects.count() == 0
    assert not any(default_storage.exists(name) for name in names)

    assert_not_in_audit(EMAIL, NAME, "06 12", actions_prefix="privacy.")
    event = AuditEvent.objects.get(action="privacy.erase")
    assert event.actor is None
    assert event.data["by"] == "self"
    assert sorted(event.data["receipts"]) == sorted(
        [published.receipt_number, pending.receipt_number]
    )


@pytest.mark.django_db
def test_published_without_consent_is_emptied_too(process, admin_user):
    contribution = _published(process, email=EMAIL, text="Sans accord.")
    Contribution.objects.filter(pk=contribution.pk).update(consent_publication=False)

    report = personal_data_erase(actor=admin_user, email=EMAIL)

    assert report.texts_kept == 0
    assert Answer.objects.get(contribution=contribution).text == ERASED_TEXT
    contribution.refresh_from_db()
    assert contribution.search_document == ""


@pytest.mark.django_db
def test_erasure_is_idempotent(process, admin_user, django_capture_on_commit_callbacks):
    contribution = ContributionFactory(process=process, email=EMAIL, author_name=NAME)
    add_attachment(contribution)
    with django_capture_on_commit_callbacks(execute=True):
        first = personal_data_erase(actor=admin_user, receipts=[contribution.receipt_number])
    contribution.refresh_from_db()
    erased_at = contribution.anonymised_at

    with django_capture_on_commit_callbacks(execute=True):
        second = personal_data_erase(actor=admin_user, receipts=[contribution.receipt_number])

    assert first.changed
    assert second.contributions == 1
    assert not second.changed
    assert (second.anonymised, second.texts_replaced, second.attachments_deleted) == (0, 0, 0)
    contribution.refresh_from_db()
    assert contribution.anonymised_at == erased_at
    # Nothing left to find by e-mail.
    assert personal_data_erase(actor=admin_user, email=EMAIL).contributions == 0


@pytest.mark.django_db
def test_resident_in_the_audit_log_can_still_be_deleted(process, person):
    """A resident is logged as "compte n° <id>" with no link: the account can be deleted and
    the append-only log keeps nothing personal about them."""
    from concerto.core.models import AuditEvent

    contribution = ContributionFactory(process=process, user=person, email=EMAIL)
    event = audit(actor=person, action="contribution.submit", target=contribution)
    assert event.actor is None
    assert event.actor_label == f"compte n° {person.pk}"

    report = personal_data_erase(actor=person, user=person)

    assert report.account == "deleted"
    assert not type(person).objects.filter(pk=person.pk).exists()
    for row in AuditEvent.objects.values_list("actor_label", "target_label", "reason", "data"):
        assert EMAIL not in str(row)


@pytest.mark.django_db
def test_only_the_person_or_request_handlers_may_erase(process, person, moderator, admin_user):
    ContributionFactory(process=process, email=EMAIL)
    with pytest.raises(PermissionError):
        personal_data_erase(actor=moderator, email=EMAIL)
    with pytest.raises(PermissionError):
        personal_data_erase(actor=moderator, user=person)
    with pytest.raises(PrivacyError, match="rôles"):
        personal_data_erase(actor=admin_user, user=admin_user)
    assert Contribution.objects.get().email == EMAIL
