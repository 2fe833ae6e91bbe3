"""The registry of personal data (issue 13 §8): every model of concerto.* with a field that
looks personal is declared; export and erasure walk the registry, so the cahier's contact
person, the events a person proposed and their organisation memberships are in both."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from concerto.collective.models import CollectiveContribution
from concerto.core.personal_data import (
    Declaration,
    Erasure,
    NotPersonal,
    PersonalData,
    declarations,
)
from concerto.events.models import Event, Membership
from concerto.privacy.services import personal_data_erase, personal_data_export
from tests.events.factories import EventFactory, MembershipFactory, OrganisationFactory
from tests.factories import ContributionFactory, UserFactory
from tests.privacy.helpers import read_zip

# Names that say "a person": an address, a phone, a name, an IP, a contact, an author…
PERSONAL_NAME = re.compile(
    r"(^|_)(e?mail|phone|telephone|tel|name|nom|ip|ip_address|user_agent|address|adresse|"
    r"contact|authors?|speakers?|signature|caller|hash|recipient|by)(_|$)"
)


def looks_personal(field: models.Field) -> str:  # type: ignore[type-arg]
    """Why a field may hold personal data, or "" (deliberately broad: a field that is not
    personal is declared ``NotPersonal`` with its reason)."""
    if field.is_relation and field.related_model is not None:
        return "compte" if field.related_model._meta.label == settings.AUTH_USER_MODEL else ""
    if isinstance(field, models.EmailField):
        return "adresse e-mail"
    if isinstance(field, models.GenericIPAddressField):
        return "adresse IP"
    if isinstance(field, models.FileField):
        return "fichier"
    if isinstance(field, models.TextField):
        return "texte libre"
    if isinstance(field, models.JSONField):
        return "données libres"
    if isinstance(field, models.CharField) and PERSONAL_NAME.search(field.name):
        return "nom, contact ou empreinte"
    return ""


def undeclared(items: tuple[Declaration, ...] | list[Declaration]) -> list[str]:
    declared: dict[str, set[str]] = {}
    for item in items:
        declared.setdefault(item.model.lower(), set()).update(item.fields)
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("concerto."):
            continue
        # A many-to-many with a model of its own ("through") is checked on that model.
        fields = list(model._meta.concrete_fields) + [
            f
            for f in model._meta.many_to_many
            if f.remote_field.through._meta.auto_created  # type: ignore[union-attr]
        ]
        for field in fields:
            why = looks_personal(field)
            if why and field.name not in declared.get(model._meta.label_lower, set()):
                missing.append(f"{model._meta.label}.{field.name} ({why})")
    return missing


def test_every_personal_looking_field_of_every_concerto_model_is_declared():
    missing = undeclared(declarations())
    assert not missing, (
        "Déclarez ces champs dans le privacy.py de leur app (PersonalData, ou NotPersonal "
        "avec la raison) — voir docs/ARCHITECTURE.md : " + ", ".join(missing)
    )


def test_a_model_left_out_of_the_registry_is_caught():
    without = [d for d in declarations() if d.model != "organisations.Membership"]
    assert undeclared(without) == ["organisations.Membership.user (compte)"]


def test_declarations_name_real_fields_and_say_what_erasure_does():
    for item in declarations():
        model = apps.get_model(item.model)
        names = {f.name for f in model._meta.get_fields()}
        assert set(item.fields) <= names, (item.model, set(item.fields) - names)
        assert str(item.reason if isinstance(item, NotPersonal) else item.retention)
        if isinstance(item, PersonalData):
            assert str(item.subject)
            if item.erasure in (Erasure.ANONYMISE, Erasure.DELETE):
                assert item.rows is not None and item.erase is not None, item.model
            if item.export is not None:
                assert item.rows is not None and item.export_key, item.model


# --- What today's export left out ----------------------------------------------------------

EMAIL = "alix.contact@exemple.test"


@pytest.fixture
def person(db):
    return UserFactory(email=EMAIL, display_name="Alix C.")  # address verified


def _cahier(process, **contact) -> CollectiveContribution:
    contribution = ContributionFactory(process=process, channel="collective", email="")
    return CollectiveContribution.objects.create(
        contribution=contribution,
        organisation_name="Collectif des voisins du Breil",
        organisation_kind="collectif",
        people_count=12,
        production_method="Trois réunions ouvertes.",
        source=CollectiveContribution.Source.ONLINE,
        **contact,
    )


@pytest.mark.django_db
def test_the_cahiers_contact_person_is_exported_and_erased(process, admin_user):
    cahier = _cahier(
        process, contact_name="Alix Contact", contact_email=EMAIL, contact_phone="+33240000000"
    )
    other = _cahier(process, contact_name="Sam Autre", contact_email="sam@exemple.test")

    data, _files = read_zip(personal_data_export(email=EMAIL, actor=admin_user))
    [exported] = data["cahier_contacts"]
    assert exported["contact_name"] == "Alix Contact"
    assert exported["contact_phone"] == "+33240000000"
    assert exported["receipt_number"] == cahier.contribution.receipt_number

    report = personal_data_erase(actor=admin_user, email=EMAIL)
    cahier.refresh_from_db()
    assert (cahier.contact_name, cahier.contact_email, cahier.contact_phone) == ("", "", "")
    assert cahier.organisation_name == "Collectif des voisins du Breil"  # the cahier stays
    assert report.others["cahier_contacts"] == 1
    other.refresh_from_db()
    assert other.contact_name == "Sam Autre"
    assert personal_data_erase(actor=admin_user, email=EMAIL).others["cahier_contacts"] == 0


@pytest.mark.django_db
def test_the_events_a_person_proposed_are_exported_and_unlinked(process, person):
    proposed = EventFactory(
        process=process,
        proposer=person,
        title="Repas partagé du Breil",
        status=Event.Status.PROPOSED,
        speakers="Alix C.",
    )
    EventFactory(process=process, title="Atelier de la Ville")  # not theirs

    data, _files = read_zip(personal_data_export(user=person, actor=person))
    [exported] = data["events_proposed"]
    assert exported["title"] == "Repas partagé du Breil"
    assert exported["speakers"] == "Alix C."
    assert exported["status"] == proposed.get_status_display()

    report = personal_data_erase(actor=person, user=person)
    proposed.refresh_from_db()
    assert proposed.proposer_id is None
    assert Event.objects.filter(pk=proposed.pk).exists()  # the programme keeps the event
    assert report.others["events_proposed"] == 1


@pytest.mark.django_db
def test_organisation_memberships_are_exported_and_deleted(person):
    organisation = OrganisationFactory(name="Association Exemple du Breil")
    MembershipFactory(organisation=organisation, user=person, role=Membership.Role.ADMIN)
    MembershipFactory(organisation=organisation)  # someone else

    data, _files = read_zip(personal_data_export(user=person, actor=person))
    [exported] = data["organisation_memberships"]
    assert exported == {
        "organisation": "Association Exemple du Breil",
        "organisation_kind": "association",
        "role": "responsable",
        "joined_at": exported["joined_at"],
    }

    # The audit log refers to staff only, so the account is deleted and the membership
    # with it; when the account must stay (deactivated), the membership is deleted too.
    personal_data_erase(actor=person, user=person)
    assert not Membership.objects.filter(user__email=EMAIL).exists()
    assert Membership.objects.filter(organisation=organisation).count() == 1


@pytest.mark.django_db
def test_every_export_key_is_in_the_file_even_when_empty(person):
    data, _files = read_zip(personal_data_export(user=person, actor=person))
    keys = {d.export_key for d in declarations() if isinstance(d, PersonalData) and d.export}
    assert keys <= set(data)
    assert data["account"]["email"] == EMAIL
    for key in keys - {"account"}:
        assert data[key] == [], key


# --- Copies of a person's words elsewhere: phone, analysis, paper ---------------------------


@pytest.mark.django_db
def test_a_voicemail_is_exported_with_its_audio_and_erased(process, admin_user):
    import uuid

    from django.core.files.base import ContentFile

    from concerto.voice.models import Voicemail

    contribution = ContributionFactory(process=process, channel="phone", email=EMAIL)
    voicemail = Voicemail(
        process=process,
        received_at=contribution.submitted_at,
        caller_hash="a" * 64,
        source=Voicemail.Source.WEBHOOK,
        sha256=uuid.uuid4().hex * 2,
        original_name="message.mp3",
        extension=".mp3",
        content_type="audio/mpeg",
        audio_format="mp3",
        duration=12.0,
        size=5,
        draft_text="Bonjour, je vous appelle pour ma voisine.",
        state=Voicemail.State.TRANSCRIBED,
        contribution=contribution,
    )
    voicemail.audio.save("x.mp3", ContentFile(b"audio"), save=False)
    voicemail.save()

    data, files = read_zip(personal_data_export(email=EMAIL, actor=admin_user))
    [exported] = data["voicemails"]
    assert exported["draft_text"] == "Bonjour, je vous appelle pour ma voisine."
    assert files[exported["audio"]] == b"audio"

    report = personal_data_erase(actor=admin_user, email=EMAIL)
    voicemail.refresh_from_db()
    assert (voicemail.caller_hash, voicemail.draft_text, voicemail.audio.name) == ("", "", "")
    assert voicemail.audio_deleted_at is not None
    assert report.others["voicemails"] == 1


@pytest.mark.django_db
def test_an_analysts_excerpt_of_an_erased_text_goes_too(process, analyst, admin_user):
    from concerto.contributions.privacy import ERASED_TEXT
    from tests.reports.factories import code, theme

    contribution = ContributionFactory(
        process=process, email=EMAIL, text="Ma voisine Jeanne vit seule au 3e étage."
    )
    answer = contribution.answers.get()
    coding = code(answer, theme(process, "isolement"), analyst, excerpt="Ma voisine Jeanne")

    report = personal_data_erase(actor=admin_user, email=EMAIL)
    answer.refresh_from_db()
    coding.refresh_from_db()
    assert answer.text == ERASED_TEXT
    assert coding.excerpt == "" and coding.theme.name == "isolement"  # the code stays
    assert report.others["coding_excerpts"] == 1


@pytest.mark.django_db
def test_a_paper_page_is_exported_with_its_image_and_erased(process, admin_user):
    from django.core.files.base import ContentFile

    from concerto.intake.models import ScanBatch, ScanPage

    contribution = ContributionFactory(process=process, channel="paper", email=EMAIL)
    batch = ScanBatch(process=process, extension=".pdf", content_type="application/pdf")
    batch.original_name = "releve-urne.pdf"
    batch.file.save("lot.pdf", ContentFile(b"%PDF-1.4"), save=False)
    batch.save()
    page = ScanPage(
        batch=batch,
        index=0,
        state=ScanPage.State.TRANSCRIBED,
        draft_text="Je m'appelle Alix, 3 rue des Lilas.",
        contribution=contribution,
    )
    page.image.save("page.png", ContentFile(b"png"), save=False)
    page.save()

    data, files = read_zip(personal_data_export(email=EMAIL, actor=admin_user))
    [exported] = data["paper_pages"]
    assert exported["draft_text"] == "Je m'appelle Alix, 3 rue des Lilas."
    assert files[exported["image"]] == b"png"

    report = personal_data_erase(actor=admin_user, email=EMAIL)
    page.refresh_from_db()
    assert (page.image.name, page.draft_text, page.draft_ticks) == ("", "", {})
    assert report.others["scan_pages"] == 1
    assert ScanPage.objects.filter(pk=page.pk, contribution=contribution).exists()


@pytest.mark.django_db
def test_a_pending_invitation_to_the_person_is_exported_and_its_address_erased(person):
    from concerto.organisations.members import invitation_create
    from concerto.organisations.models import Invitation

    organisation = OrganisationFactory(name="Collectif Exemple de Bellevue")
    manager = UserFactory()
    MembershipFactory(organisation=organisation, user=manager, role=Membership.Role.ADMIN)
    invitation_create(organisation=organisation, email=EMAIL, role="member", actor=manager)
    invitation_create(
        organisation=organisation, email="autre@example.org", role="member", actor=manager
    )

    data, _files = read_zip(personal_data_export(user=person, actor=person))
    [exported] = data["organisation_invitations"]
    assert exported["organisation"] == "Collectif Exemple de Bellevue"
    assert exported["email"] == EMAIL

    personal_data_erase(actor=person, user=person)
    assert not Invitation.objects.filter(email=EMAIL).exists()
    assert Invitation.objects.filter(email="autre@example.org").count() == 1
