"""The builder's services: each rule refused in French, nothing half-saved, one audit row
per change; the copy; the receipt series of a new process."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from concerto.builder.services.content import NewsInput, news_save
from concerto.builder.services.errors import BuilderError
from concerto.builder.services.parts import (
    ChannelInput,
    NeighbourhoodInput,
    PhaseInput,
    QuestionInput,
    UrnInput,
    channel_save,
    neighbourhood_save,
    part_delete,
    phase_save,
    question_move,
    question_save,
    urn_save,
)
from concerto.builder.services.processes import (
    CopyInput,
    ProcessInput,
    process_copy,
    process_create,
    process_set_profiles,
    process_set_published,
    process_update,
)
from concerto.contributions.services import ContributionInput, contribution_submit
from concerto.core.models import AuditEvent
from concerto.processes.models import Channel, Phase, Process
from tests.factories import ContributionFactory, ProcessFactory

pytestmark = pytest.mark.django_db


def aware(year: int, month: int, day: int, hour: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour))


def new_process(admin_user, **overrides) -> Process:
    values = {
        "title": "Budget participatif 2026",
        "slug": "budget-2026",
        "receipt_prefix": "BP",
        "receipt_year": 2026,
    }
    values.update(overrides)
    return process_create(data=ProcessInput(**values), actor=admin_user)


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_create_is_a_draft_with_its_own_series_and_an_audit_row(admin_user):
    process = new_process(admin_user, phone_number="0 800 00 44 00")
    assert (process.is_published, process.receipt_prefix, process.receipt_year) == (
        False,
        "BP",
        2026,
    )
    assert actions() == ["builder.process_created"]
    event = AuditEvent.objects.get()
    assert event.actor == admin_user and event.target_label == "Budget participatif 2026"


def test_duplicate_slug_is_refused_in_french(admin_user):
    ProcessFactory(slug="budget-2026", title="Une autre")
    with pytest.raises(BuilderError) as error:
        new_process(admin_user)
    assert error.value.field == "slug"
    assert str(error.value) == (
        "L'adresse « budget-2026 » est déjà celle de la démarche « Une autre »."
    )
    assert not Process.objects.filter(title="Budget participatif 2026").exists()
    assert actions() == []


def test_reserved_slug_is_refused(admin_user):
    with pytest.raises(BuilderError, match="réservée"):
        new_process(admin_user, slug="nouvelle")


def test_a_receipt_series_belongs_to_one_process(admin_user):
    ProcessFactory(receipt_prefix="ASN", receipt_year=2026, title="Assises 2026")
    with pytest.raises(BuilderError) as error:
        new_process(admin_user, receipt_prefix="ASN")
    assert error.value.field == "receipt_prefix"
    assert "ASN-2026-…" in str(error.value) and "Assises 2026" in str(error.value)
    # The same prefix another year is another series.
    assert new_process(admin_user, receipt_prefix="ASN", receipt_year=2027).pk


@pytest.mark.parametrize("prefix", ["a", "ASN-", "TROPLONGPREFIXE", "É1"])
def test_a_prefix_is_letters_and_digits(admin_user, prefix):
    with pytest.raises(BuilderError, match="2 à 8 lettres majuscules"):
        new_process(admin_user, receipt_prefix=prefix)


def test_a_free_phone_line_must_be_a_number(admin_user):
    with pytest.raises(BuilderError) as error:
        new_process(admin_user, phone_number="appelez-nous")
    assert error.value.field == "phone_number"
    assert not Process.objects.exists()


def test_the_series_is_frozen_once_a_receipt_was_issued(admin_user):
    process = new_process(admin_user)
    Process.objects.filter(pk=process.pk).update(receipt_counter=1)
    process.refresh_from_db()
    data = ProcessInput(title="Budget", slug="budget-2026", receipt_prefix="BQ", receipt_year=2026)
    with pytest.raises(BuilderError, match="ont déjà été délivrés"):
        process_update(process=process, data=data, actor=admin_user)
    process.refresh_from_db()
    assert (process.title, process.receipt_prefix) == ("Budget participatif 2026", "BP")


def test_update_records_the_changed_fields(admin_user):
    process = new_process(admin_user)
    data = ProcessInput(
        title="Budget participatif",
        slug="budget-2026",
        receipt_prefix="BP",
        receipt_year=2026,
        objectives="- un\n- deux",
    )
    process_update(process=process, data=data, actor=admin_user)
    event = AuditEvent.objects.get(action="builder.process_updated")
    assert event.data == {"fields": ["objectives", "title"]}


def test_a_process_of_2026_issues_receipts_of_2026(admin_user):
    """The receipt number comes from the process's own series: a process built in 2026
    (even by copying the Assises of 2022, series ASN-2022) never issues ASN-2022 numbers."""
    source = ProcessFactory(receipt_prefix="ASN", receipt_year=2022)
    copy = process_copy(
        source=source,
        data=CopyInput(
            title="Assises 2026", slug="assises-2026", receipt_prefix="ASN", receipt_year=2026
        ),
        actor=admin_user,
    )
    neighbourhood = copy.neighbourhoods.first()
    question = copy.questions.first()
    assert neighbourhood is not None and question is not None
    result = contribution_submit(
        process=copy,
        data=ContributionInput(
            kind="proposal",
            neighbourhood=neighbourhood,
            profile="resident",
            consent_publication=True,
            consent_processing=True,
            answers={question: "Une réponse."},
        ),
        submission_token=uuid.uuid4(),
        check_channel=False,
    )
    contribution = result.contribution
    assert contribution.receipt_number == "ASN-2026-000001"


def test_phase_that_ends_before_it_starts(admin_user):
    process = new_process(admin_user)
    data = PhaseInput(
        kind=Phase.Kind.CONTRIBUTIONS,
        title="Contributions",
        starts_on=dt.date(2026, 3, 5),
        ends_on=dt.date(2026, 3, 1),
    )
    with pytest.raises(BuilderError) as error:
        phase_save(process=process, data=data, actor=admin_user)
    assert error.value.field == "ends_on"
    assert str(error.value) == (
        "La phase se termine le 1er mars 2026, avant d'avoir commencé (le 5 mars 2026)."
    )
    assert not process.phases.exists()


def _phase(process, admin_user, start, end, kind=Phase.Kind.CONTRIBUTIONS):
    return phase_save(
        process=process,
        data=PhaseInput(kind=kind, title=f"Phase {start}", starts_on=start, ends_on=end),
        actor=admin_user,
    )


def test_channel_that_closes_after_the_process(admin_user):
    process = new_process(admin_user)
    _phase(process, admin_user, dt.date(2026, 1, 26), dt.date(2026, 6, 20))
    late = ChannelInput(
        kind=Channel.Kind.ONLINE, opens_at=aware(2026, 1, 26, 9), closes_at=aware(2026, 7, 1, 12)
    )
    with pytest.raises(BuilderError) as error:
        channel_save(process=process, data=late, actor=admin_user)
    assert error.value.field == "closes_at"
    assert str(error.value) == (
        "Le canal « formulaire en ligne » ferme le 1er juillet 2026, après la fin de la "
        "démarche (le 20 juin 2026, fin de sa dernière phase)."
    )
    assert not process.channels.exists()
    # Closing at midnight at the end of the last day is within the process.
    ok = ChannelInput(
        kind=Channel.Kind.ONLINE, opens_at=aware(2026, 1, 26, 9), closes_at=aware(2026, 6, 21)
    )
    assert channel_save(process=process, data=ok, actor=admin_user).pk


def test_shortening_the_calendar_under_a_channel_is_refused(admin_user):
    process = new_process(admin_user)
    _phase(process, admin_user, dt.date(2026, 1, 5), dt.date(2026, 1, 25))
    phase = _phase(process, admin_user, dt.date(2026, 1, 26), dt.date(2026, 6, 20))
    channel_save(
        process=process,
        data=ChannelInput(
            kind=Channel.Kind.ONLINE, opens_at=aware(2026, 1, 26), closes_at=aware(2026, 6, 20)
        ),
        actor=admin_user,
    )
    shorter = PhaseInput(
        kind=phase.kind, title=phase.title, starts_on=phase.starts_on, ends_on=dt.date(2026, 5, 1)
    )
    with pytest.raises(BuilderError, match="après la fin de la démarche"):
        phase_save(process=process, data=shorter, actor=admin_user, instance=phase)
    phase.refresh_from_db()
    assert phase.ends_on == dt.date(2026, 6, 20)  # nothing half-saved
    with pytest.raises(BuilderError):
        part_delete(process=process, part=phase, name="phase", actor=admin_user)
    assert process.phases.count() == 2


def test_channel_that_closes_before_it_opens_and_duplicate_kind(admin_user):
    process = new_process(admin_user)
    backwards = ChannelInput(
        kind=Channel.Kind.PHONE, opens_at=aware(2026, 3, 1), closes_at=aware(2026, 2, 1)
    )
    with pytest.raises(BuilderError, match="avant d'avoir ouvert"):
        channel_save(process=process, data=backwards, actor=admin_user)
    good = ChannelInput(
        kind=Channel.Kind.PHONE, opens_at=aware(2026, 2, 1), closes_at=aware(2026, 3, 1)
    )
    channel_save(process=process, data=good, actor=admin_user)
    with pytest.raises(BuilderError) as error:
        channel_save(process=process, data=good, actor=admin_user)
    assert str(error.value) == (
        "La démarche a déjà un canal « message téléphonique » : modifiez-le plutôt."
    )
    assert process.channels.count() == 1


def test_questions_are_numbered_moved_and_renumbered(admin_user):
    process = new_process(admin_user)
    first, second, third = (
        question_save(process=process, data=QuestionInput(title=t), actor=admin_user)
        for t in ("Un ?", "Deux ?", "Trois ?")
    )
    assert [q.number for q in (first, second, third)] == [1, 2, 3]
    question_move(question=third, up=True, actor=admin_user)
    assert list(process.questions.values_list("title", flat=True)) == ["Un ?", "Trois ?", "Deux ?"]
    question_move(question=first, up=True, actor=admin_user)  # already first: unchanged
    part_delete(process=process, part=first, name="question", actor=admin_user)
    assert list(process.questions.values_list("number", "title")) == [(1, "Trois ?"), (2, "Deux ?")]
    assert actions().count("builder.question_created") == 3
    assert "builder.question_moved" in actions() and "builder.question_deleted" in actions()


def test_a_question_with_answers_cannot_be_deleted(admin_user):
    process = ProcessFactory()
    contribution = ContributionFactory(process=process)
    question = contribution.answers.first().question
    with pytest.raises(BuilderError, match="déjà utilisé"):
        part_delete(process=process, part=question, name="question", actor=admin_user)
    assert process.questions.count() == 3


def test_neighbourhoods_and_urns(admin_user):
    process = new_process(admin_user)
    north = neighbourhood_save(
        process=process, data=NeighbourhoodInput(name="Nantes Nord"), actor=admin_user
    )
    with pytest.raises(BuilderError, match="existe déjà"):
        neighbourhood_save(
            process=process, data=NeighbourhoodInput(name="Nantes  nord"), actor=admin_user
        )
    urn = urn_save(
        process=process,
        data=UrnInput(
            place_name="Mairie annexe Nantes Nord",
            place_kind="mairie_annexe",
            address="2 rue d'Aix, 44300 Nantes",
            neighbourhood=north,
            opening_hours="du lundi au vendredi, 9 h – 17 h",
        ),
        actor=admin_user,
    )
    assert urn.code == "mairie-annexe-nantes-nord"
    backwards = UrnInput(
        place_name="Médiathèque",
        place_kind="autre",
        address="1 place",
        neighbourhood=north,
        present_from=dt.date(2026, 3, 1),
        present_until=dt.date(2026, 2, 1),
    )
    with pytest.raises(BuilderError, match="avant d'avoir été posée"):
        urn_save(process=process, data=backwards, actor=admin_user)
    other = ProcessFactory().neighbourhoods.first()
    elsewhere = UrnInput(
        place_name="Ailleurs", place_kind="autre", address="1", neighbourhood=other
    )
    with pytest.raises(BuilderError, match="quartier de cette démarche"):
        urn_save(process=process, data=elsewhere, actor=admin_user)
    with pytest.raises(BuilderError, match="déjà utilisé"):  # the urn is in it
        part_delete(process=process, part=north, name="neighbourhood", actor=admin_user)
    assert process.urns.count() == 1


def test_publishing_needs_questions_phases_and_channels(admin_user):
    process = new_process(admin_user)
    with pytest.raises(BuilderError) as error:
        process_set_published(process=process, published=True, actor=admin_user)
    assert str(error.value) == (
        "Avant de publier la démarche, ajoutez au moins une question, une phase du "
        "calendrier, un canal de participation."
    )
    full = ProcessFactory(is_published=False)
    process_set_published(process=full, published=True, actor=admin_user)
    process_set_published(process=full, published=False, actor=admin_user)
    assert actions()[-2:] == ["builder.process_published", "builder.process_unpublished"]


def test_copy_takes_the_structure_and_moves_the_dates(admin_user):
    source = ProcessFactory(receipt_prefix="ASN", receipt_year=2022, objectives="- a")
    Phase.objects.filter(process=source).update(
        starts_on=dt.date(2022, 1, 26), ends_on=dt.date(2022, 6, 20)
    )
    Channel.objects.filter(process=source).update(
        opens_at=aware(2022, 1, 26, 9), closes_at=aware(2022, 6, 20, 12)
    )
    process_set_profiles(process=source, labels={"resident": "Nantais·e"}, actor=admin_user)
    source.refresh_from_db()
    news_save(process=source, data=NewsInput(title="Lancement", body="Texte."), actor=admin_user)
    copy = process_copy(
        source=source,
        data=CopyInput(
            title="Assises 2026", slug="assises-2026", receipt_prefix="ASN", receipt_year=2026
        ),
        actor=admin_user,
    )
    assert not copy.is_published and copy.receipt_counter == 0
    assert copy.objectives == "- a" and copy.profile_labels == {"resident": "Nantais·e"}
    assert copy.questions.count() == 3 and copy.neighbourhoods.count() == 3
    phase = copy.phases.get()
    assert (phase.starts_on, phase.ends_on) == (dt.date(2026, 1, 26), dt.date(2026, 6, 20))
    channel = copy.channels.get()
    assert timezone.localtime(channel.opens_at).date() == dt.date(2026, 1, 26)
    assert not copy.news.exists()  # news and resources stay with the source
    event = AuditEvent.objects.get(action="builder.process_copied")
    assert event.data == {"source": source.slug, "years_shifted": 4}


def test_a_copy_with_a_taken_series_saves_nothing(admin_user):
    source = ProcessFactory(receipt_prefix="ASN", receipt_year=2022)
    with pytest.raises(BuilderError):
        process_copy(
            source=source,
            data=CopyInput(title="Bis", slug="bis", receipt_prefix="ASN", receipt_year=2022),
            actor=admin_user,
        )
    assert Process.objects.count() == 1


def test_profiles(admin_user):
    process = new_process(admin_user)
    process_set_profiles(
        process=process,
        labels={"resident": " habitant·e de Nantes ", "association": "", "other": "autre"},
        actor=admin_user,
    )
    process.refresh_from_db()
    assert process.profile_labels == {"resident": "habitant·e de Nantes", "other": "autre"}
    with pytest.raises(BuilderError, match="trop long"):
        process_set_profiles(process=process, labels={"resident": "x" * 81}, actor=admin_user)


def test_news_gets_a_unique_address(admin_user):
    process = new_process(admin_user)
    one = news_save(process=process, data=NewsInput(title="Réunion", body="a"), actor=admin_user)
    two = news_save(process=process, data=NewsInput(title="Réunion", body="b"), actor=admin_user)
    assert (one.slug, two.slug) == ("reunion", "reunion-2")


def _submit(process, channel):
    neighbourhood = process.neighbourhoods.first()
    return contribution_submit(
        process=process,
        data=ContributionInput(
            kind="proposal",
            neighbourhood=neighbourhood,
            profile="resident",
            consent_publication=True,
            consent_processing=True,
            answers={process.questions.first(): "Une réponse."},
        ),
        submission_token=uuid.uuid4(),
        channel=channel,
        check_channel=False,
    ).contribution


def test_a_channel_may_have_its_letter_in_the_receipts(admin_user):
    process = ProcessFactory(receipt_prefix="BP", receipt_year=2026)
    phone = channel_save(
        process=process,
        data=ChannelInput(
            kind=Channel.Kind.PHONE,
            opens_at=timezone.now() - dt.timedelta(days=1),
            closes_at=timezone.now() + dt.timedelta(days=1),
            receipt_code="T",
        ),
        actor=admin_user,
    )
    assert phone.receipt_code == "T"
    assert _submit(process, Channel.Kind.ONLINE).receipt_number == "BP-2026-000001"
    assert _submit(process, Channel.Kind.PHONE).receipt_number == "BP-2026-T000002"


@pytest.mark.parametrize(
    ("code", "message"), [("P", "feuilles papier"), ("T1", "lettres majuscules")]
)
def test_a_channel_letter_is_checked(admin_user, code, message):
    process = new_process(admin_user)
    data = ChannelInput(
        kind=Channel.Kind.PHONE,
        opens_at=aware(2026, 2, 1),
        closes_at=aware(2026, 3, 1),
        receipt_code=code,
    )
    with pytest.raises(BuilderError, match=message):
        channel_save(process=process, data=data, actor=admin_user)
    assert not process.channels.exists()


def test_the_series_is_read_when_the_receipt_is_given(admin_user):
    """A page loaded before the team fixed the series (no receipt issued yet) still
    numbers the contribution in the new series."""
    process = ProcessFactory(receipt_prefix="OLD", receipt_year=2022)
    stale = Process.objects.get(pk=process.pk)
    process_update(
        process=process,
        data=ProcessInput(
            title=process.title, slug=process.slug, receipt_prefix="NEW", receipt_year=2026
        ),
        actor=admin_user,
    )
    assert _submit(stale, Channel.Kind.ONLINE).receipt_number == "NEW-2026-000001"
