"""The City's answer: draft (analyst), validation (official), publication (admin), versions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from concerto.core.models import AuditEvent
from concerto.strategy.errors import StrategyError
from concerto.strategy.models import (
    AnswerPublication,
    Decision,
    ProposalAnswer,
    ProposalAnswerVersion,
)
from concerto.strategy.selectors import answer_page, published_proposals
from concerto.strategy.services import (
    answer_save,
    answer_validate,
    answers_publish,
    answers_validate_all,
)
from tests.factories import ProcessFactory
from tests.strategy.factories import (
    answer_input,
    publish_answers,
    publish_report,
    report_with_proposals,
)

pytestmark = pytest.mark.django_db
State = ProposalAnswer.State


def test_analyst_drafts_official_validates_admin_publishes(
    process, proposals, analyst, official, admin_user
):
    for proposal in proposals:
        answer = answer_save(proposal=proposal, data=answer_input(), actor=analyst)
        assert answer.state == State.DRAFT and answer.drafted_by == analyst
    first = ProposalAnswer.objects.get(proposal=proposals[0])
    answer_validate(answer=first, actor=official)
    first.refresh_from_db()
    assert first.state == State.VALIDATED and first.validated_by == official
    assert answers_validate_all(process=process, actor=official) == 2
    publication = answers_publish(process=process, actor=admin_user)
    assert publication.number == 1
    assert publication.retained_count == 3 and publication.total == 3
    for answer in ProposalAnswer.objects.filter(process=process):
        assert answer.state == State.PUBLISHED
        assert answer.version == 1
        assert answer.current_version.decision == Decision.RETAINED
        assert answer.current_version.validated_by == official
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"answers.draft", "answers.validate", "answers.publish"} <= actions


def test_publication_refused_without_an_officials_validation(
    process, proposals, analyst, admin_user
):
    for proposal in proposals:
        answer_save(proposal=proposal, data=answer_input(), actor=analyst)
    with pytest.raises(StrategyError, match="validée par un·e élu·e"):
        answers_publish(process=process, actor=admin_user)
    assert not AnswerPublication.objects.exists()
    assert not ProposalAnswerVersion.objects.exists()
    assert set(ProposalAnswer.objects.values_list("state", flat=True)) == {State.DRAFT}


def test_first_publication_answers_every_proposal(
    process, proposals, analyst, official, admin_user
):
    answer_save(proposal=proposals[0], data=answer_input(), actor=analyst)
    answer_save(proposal=proposals[1], data=answer_input(), actor=analyst)
    answers_validate_all(process=process, actor=official)
    with pytest.raises(StrategyError, match="P3"):
        answers_publish(process=process, actor=admin_user)
    assert not AnswerPublication.objects.exists()


@pytest.mark.parametrize("persona", ["analyst", "admin_user"])
def test_only_an_official_validates(request, process, proposals, analyst, persona):
    answer = answer_save(proposal=proposals[0], data=answer_input(), actor=analyst)
    actor = request.getfixturevalue(persona)
    with pytest.raises(StrategyError, match="élu"):
        answer_validate(answer=answer, actor=actor)
    answer.refresh_from_db()
    assert answer.state == State.DRAFT and answer.validated_by is None


@pytest.mark.parametrize("persona", ["analyst", "official"])
def test_only_an_admin_publishes(request, process, proposals, analyst, official, persona):
    for proposal in proposals:
        answer_save(proposal=proposal, data=answer_input(), actor=analyst)
    answers_validate_all(process=process, actor=official)
    with pytest.raises(StrategyError, match="administrateur"):
        answers_publish(process=process, actor=request.getfixturevalue(persona))


def test_official_and_moderator_do_not_draft(process, proposals, official, moderator):
    for actor in (official, moderator):
        with pytest.raises(StrategyError, match="rédiger"):
            answer_save(proposal=proposals[0], data=answer_input(), actor=actor)
    assert not ProposalAnswer.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"decision": "peut-etre"}, "decision"),
        ({"justification": "   "}, "justification"),
        ({"official": ""}, "official"),
        ({"service": ""}, "service"),
        ({"decided_on": None}, "decided_on"),
        ({"official": "x" * 201}, "official"),
    ],
)
def test_bad_answer_refused(proposals, analyst, changes, field):
    with pytest.raises(StrategyError) as info:
        answer_save(proposal=proposals[0], data=answer_input(**changes), actor=analyst)
    assert info.value.field == field
    assert not ProposalAnswer.objects.exists()


def test_unpublished_or_withdrawn_proposal_gets_no_answer(admin_user, analyst):
    process = ProcessFactory()
    proposals = report_with_proposals(process, 2, publisher=admin_user)
    report = proposals[0].report
    # A proposal added after the publication is not part of the published report...
    later = report.proposals.create(
        stake=proposals[0].stake, number=3, position=3, title="Ajoutée après la publication"
    )
    with pytest.raises(StrategyError, match="rapport publié"):
        answer_save(proposal=later, data=answer_input(), actor=analyst)
    # ...and one withdrawn in a later version is no longer.
    proposals[1].withdrawn = True
    proposals[1].save()
    publish_report(report, publisher=admin_user)
    assert [p.number for p in published_proposals(process)] == [1, 3]
    with pytest.raises(StrategyError, match="retirée"):
        answer_save(proposal=proposals[1], data=answer_input(), actor=analyst)


def test_a_published_answer_changes_only_as_a_new_version_with_its_reason(
    process, proposals, analyst, official, admin_user
):
    publish_answers(process, proposals, analyst=analyst, official=official, admin=admin_user)
    answer = ProposalAnswer.objects.get(proposal=proposals[0])
    v1 = answer.current_version
    changed = answer_input(Decision.PARTLY, justification="Deux guichets seulement.")
    with pytest.raises(StrategyError, match="motif") as info:
        answer_save(proposal=proposals[0], data=changed, actor=analyst)
    assert info.value.field == "reason"
    answer.refresh_from_db()
    assert answer.state == State.PUBLISHED and answer.decision == Decision.RETAINED

    changed.reason = "Le budget 2025 ne permet qu'un seul guichet de plus."
    answer = answer_save(proposal=proposals[0], data=changed, actor=analyst)
    assert answer.state == State.DRAFT and answer.current_version == v1
    # The public still sees version 1 while the change waits for validation.
    page = answer_page(process)
    item = next(i for i in page.items if i.proposal.pk == proposals[0].pk)
    assert item.current.number == 1 and item.current.decision == Decision.RETAINED
    # Not validated: a publication publishes nothing of it.
    with pytest.raises(StrategyError, match="Aucune réponse"):
        answers_publish(process=process, actor=admin_user)
    answer_validate(answer=answer, actor=official)
    publication = answers_publish(process=process, actor=admin_user)
    assert publication.number == 2 and publication.changed_count == 1
    assert publication.partly_count == 1 and publication.retained_count == 2
    answer.refresh_from_db()
    assert answer.version == 2 and answer.current_version.reason == changed.reason
    page = answer_page(process)
    item = next(i for i in page.items if i.proposal.pk == proposals[0].pk)
    assert item.current.number == 2 and item.current.decision == Decision.PARTLY
    assert [v.number for v in item.earlier] == [1]
    assert item.earlier[0].decision == Decision.RETAINED
    # Version 1 is untouched, and cannot be changed nor deleted.
    v1.refresh_from_db()
    assert v1.decision == Decision.RETAINED and v1.justification.startswith("Retenue")
    v1.justification = "réécrit"
    with pytest.raises(ValueError, match="ne se modifie pas"):
        v1.save()
    with pytest.raises(ValueError, match="ne s'efface pas"):
        v1.delete()


def test_a_version_after_the_first_needs_a_reason_in_the_database(
    process, proposals, analyst, official, admin_user
):
    publication = publish_answers(
        process, proposals, analyst=analyst, official=official, admin=admin_user
    )
    v1 = ProposalAnswerVersion.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalAnswerVersion.objects.create(
            answer=v1.answer,
            publication=publication,
            number=2,
            decision=Decision.PARTLY,
            justification="x",
            official="x",
            service="x",
            decided_on=dt.date(2024, 1, 1),
            reason="",
            validated_by=official,
            validated_at=v1.validated_at,
            published_at=v1.published_at,
            published_by=admin_user,
        )


def test_going_back_to_the_published_values_withdraws_the_change(
    process, proposals, analyst, official, admin_user
):
    publish_answers(process, proposals, analyst=analyst, official=official, admin=admin_user)
    answer_save(
        proposal=proposals[0],
        data=answer_input(Decision.NOT_RETAINED, reason="Erreur de saisie ?"),
        actor=analyst,
    )
    answer = answer_save(proposal=proposals[0], data=answer_input(), actor=analyst)
    assert answer.state == State.PUBLISHED and answer.change_reason == ""
    assert AuditEvent.objects.filter(action="answers.withdraw_change").exists()


def test_editing_a_validated_answer_withdraws_the_validation(process, proposals, analyst, official):
    answer = answer_save(proposal=proposals[0], data=answer_input(), actor=analyst)
    answer_validate(answer=answer, actor=official)
    answer = answer_save(
        proposal=proposals[0], data=answer_input(justification="Autre texte."), actor=analyst
    )
    assert answer.state == State.DRAFT and answer.validated_by is None
    event = AuditEvent.objects.filter(action="answers.draft").order_by("-pk").first()
    assert event.data["validation_withdrawn"] is True


def test_validate_twice_and_nothing_to_validate(process, proposals, analyst, official):
    answer = answer_save(proposal=proposals[0], data=answer_input(), actor=analyst)
    answer_validate(answer=answer, actor=official)
    with pytest.raises(StrategyError, match="déjà validée"):
        answer_validate(answer=answer, actor=official)
    with pytest.raises(StrategyError, match="Aucune réponse"):
        answers_validate_all(process=process, actor=official)


def test_counts_of_each_decision(process, proposals, analyst, official, admin_user):
    publication = publish_answers(
        process,
        proposals,
        analyst=analyst,
        official=official,
        admin=admin_user,
        decisions=[Decision.RETAINED, Decision.NOT_RETAINED, Decision.UNDER_STUDY],
    )
    assert publication.counts == {
        Decision.RETAINED: 1,
        Decision.PARTLY: 0,
        Decision.NOT_RETAINED: 1,
        Decision.UNDER_STUDY: 1,
    }
    page = answer_page(process)
    assert [(value, count) for value, _label, count in page.counts] == [
        ("retained", 1),
        ("partly", 0),
        ("not_retained", 1),
        ("under_study", 1),
    ]
