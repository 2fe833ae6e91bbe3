"""The rules of the strategy, each refused with a French message and nothing changed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from concerto.strategy.errors import StrategyError
from concerto.strategy.models import Action, ActionChange, BudgetLine, IndicatorMeasure
from concerto.strategy.services import (
    ActionInput,
    action_progress_update,
    action_update,
    budget_line_save,
    indicator_add,
    indicator_measure_add,
    milestone_add,
    milestone_done,
)
from tests.factories import ProcessFactory
from tests.strategy.factories import (
    action,
    commitment,
    publish_answers,
    report_with_proposals,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def an_action(process, admin_user):
    return action(commitment(process, admin=admin_user), admin=admin_user)


def _changes(item) -> int:
    return ActionChange.objects.filter(action=item).count()


@pytest.mark.parametrize("field", ["planned", "committed", "spent"])
def test_budget_never_negative(an_action, analyst, field):
    values = {"planned": 1000, "committed": 500, "spent": 100, field: Decimal("-0.01")}
    with pytest.raises(StrategyError, match="négatif") as info:
        budget_line_save(action=an_action, year=2024, actor=analyst, **values)
    assert info.value.field == field
    assert not BudgetLine.objects.exists()


def test_spent_above_committed_needs_a_reason(an_action, analyst):
    before = _changes(an_action)
    with pytest.raises(StrategyError, match="dépasse l'engagé") as info:
        budget_line_save(
            action=an_action, year=2024, planned=1000, committed=500, spent=600, actor=analyst
        )
    assert info.value.field == "reason"
    assert not BudgetLine.objects.exists() and _changes(an_action) == before
    line = budget_line_save(
        action=an_action,
        year=2024,
        planned=1000,
        committed=500,
        spent=600,
        reason="Facture de fin d'année payée avant l'engagement complémentaire.",
        actor=analyst,
    )
    assert line.spent == Decimal("600.00")


@pytest.mark.parametrize("year", [None, 1999, 2101])
def test_budget_year_is_checked(an_action, analyst, year):
    with pytest.raises(StrategyError, match="année"):
        budget_line_save(
            action=an_action, year=year, planned=1, committed=1, spent=1, actor=analyst
        )


@pytest.mark.parametrize("progress", [-1, 101, 250])
def test_progress_within_0_and_100(an_action, analyst, progress):
    with pytest.raises(StrategyError, match="entre 0 et 100"):
        action_progress_update(action=an_action, progress=progress, actor=analyst)
    an_action.refresh_from_db()
    assert an_action.progress == 0


def test_progress_going_backwards_needs_a_reason(an_action, analyst):
    action_progress_update(action=an_action, progress=60, actor=analyst)
    with pytest.raises(StrategyError, match="recule") as info:
        action_progress_update(action=an_action, progress=40, actor=analyst)
    assert info.value.field == "reason"
    an_action.refresh_from_db()
    assert an_action.progress == 60
    action_progress_update(
        action=an_action, progress=40, reason="Un lieu a fermé pour travaux.", actor=analyst
    )
    an_action.refresh_from_db()
    assert an_action.progress == 40
    change = ActionChange.objects.filter(action=an_action, field="progress").first()
    assert (change.old_value, change.new_value) == ("60 %", "40 %")
    assert change.reason == "Un lieu a fermé pour travaux." and change.actor == analyst


@pytest.mark.parametrize("status", [Action.Status.POSTPONED, Action.Status.ABANDONED])
def test_postponed_or_abandoned_needs_a_reason(an_action, analyst, status):
    with pytest.raises(StrategyError, match="motif") as info:
        action_progress_update(action=an_action, status=status, actor=analyst)
    assert info.value.field == "reason"
    an_action.refresh_from_db()
    assert an_action.status == Action.Status.PLANNED
    action_progress_update(
        action=an_action, status=status, reason="Le local n'est pas disponible.", actor=analyst
    )
    an_action.refresh_from_db()
    assert (
        an_action.status == status and an_action.status_reason == "Le local n'est pas disponible."
    )


def test_dates_consistent(process, admin_user, an_action):
    with pytest.raises(StrategyError, match="précède") as info:
        action(
            commitment(process, admin=admin_user, title="Autre"),
            admin=admin_user,
            start_date=dt.date(2024, 6, 1),
            end_date=dt.date(2024, 1, 1),
        )
    assert info.value.field == "end_date"
    data = ActionInput(
        title=an_action.title, start_date=dt.date(2025, 1, 1), end_date=dt.date(2024, 1, 1)
    )
    with pytest.raises(StrategyError, match="précède"):
        action_update(action=an_action, data=data, actor=admin_user)
    an_action.refresh_from_db()
    assert an_action.start_date is None


def test_dates_that_say_something_happened_are_not_in_the_future(an_action, analyst):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(StrategyError, match="futur"):
        action_progress_update(
            action=an_action, status=Action.Status.IN_PROGRESS, on=tomorrow, actor=analyst
        )
    milestone = milestone_add(action=an_action, title="Ouverture", due_on=tomorrow, actor=analyst)
    with pytest.raises(StrategyError, match="futur"):
        milestone_done(milestone=milestone, done_on=tomorrow, actor=analyst)
    indicator = indicator_add(
        action=an_action,
        name="Personnes reçues",
        unit="personnes",
        baseline=0,
        target=100,
        actor=analyst,
    )
    with pytest.raises(StrategyError, match="futur"):
        indicator_measure_add(indicator=indicator, measured_on=tomorrow, value=3, actor=analyst)
    assert not IndicatorMeasure.objects.exists()


def test_action_linked_to_a_proposal_of_another_process_is_refused(
    process, admin_user, analyst, official
):
    other = ProcessFactory()
    foreign = report_with_proposals(other, 1, publisher=admin_user)
    with pytest.raises(StrategyError, match="autre démarche") as info:
        action(commitment(process, admin=admin_user), admin=admin_user, proposals=foreign)
    assert info.value.field == "proposals"
    assert not Action.objects.exists()


def test_action_linked_to_an_answer_of_another_process_is_refused(
    process, admin_user, analyst, official
):
    other = ProcessFactory()
    foreign = report_with_proposals(other, 1, publisher=admin_user)
    publish_answers(other, foreign, analyst=analyst, official=official, admin=admin_user)
    answer = foreign[0].answer
    target = action(commitment(process, admin=admin_user), admin=admin_user)
    with pytest.raises(StrategyError, match="autre démarche") as info:
        action_update(
            action=target, data=ActionInput(title=target.title, answers=[answer]), actor=admin_user
        )
    assert info.value.field == "answers"
    assert not target.answers.exists()


def test_neighbourhood_of_another_process_is_refused(process, admin_user):
    foreign = ProcessFactory().neighbourhoods.first()
    with pytest.raises(StrategyError, match="quartier"):
        action(commitment(process, admin=admin_user), admin=admin_user, neighbourhoods=[foreign])


def test_parent_progress_is_computed_not_typed(process, admin_user, analyst):
    parent = action(commitment(process, admin=admin_user), admin=admin_user)
    action(parent.commitment, admin=admin_user, parent=parent, title="Sous-action")
    with pytest.raises(StrategyError, match="calculé"):
        action_progress_update(action=parent, progress=50, actor=analyst)


def test_sub_actions_one_level_only(process, admin_user):
    parent = action(commitment(process, admin=admin_user), admin=admin_user)
    child = action(parent.commitment, admin=admin_user, parent=parent, title="Sous-action")
    with pytest.raises(StrategyError, match="sous-actions"):
        action(parent.commitment, admin=admin_user, parent=child, title="Sous-sous-action")


@pytest.mark.parametrize("persona", ["moderator", "official", "resident", "transcriber"])
def test_updates_need_strategy_update(request, an_action, persona):
    actor = request.getfixturevalue(persona)
    with pytest.raises(StrategyError, match="droit"):
        action_progress_update(action=an_action, progress=10, actor=actor)
    with pytest.raises(StrategyError, match="droit"):
        budget_line_save(action=an_action, year=2024, planned=1, committed=1, spent=1, actor=actor)


def test_analyst_updates_but_does_not_manage(process, analyst, an_action):
    action_progress_update(action=an_action, progress=10, actor=analyst)
    with pytest.raises(StrategyError, match="droit"):
        commitment(process, admin=analyst)
