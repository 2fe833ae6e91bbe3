"""Updating an action: every change is a history row (who, when, old, new, reason) and an
audit row; a parent's progress is computed from its sub-actions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from concerto.core.models import AuditEvent
from concerto.strategy.models import Action, ActionChange
from concerto.strategy.rollup import commitment_progress, weighted_progress
from concerto.strategy.services import (
    ActionInput,
    action_delete,
    action_progress_update,
    action_update,
    budget_line_save,
    indicator_add,
    indicator_measure_add,
    milestone_add,
    milestone_done,
)
from tests.strategy.factories import action, commitment

pytestmark = pytest.mark.django_db
S = Action.Status


@pytest.fixture
def an_action(process, admin_user):
    return action(commitment(process, admin=admin_user), admin=admin_user)


def _history(item) -> list[tuple[str, str, str]]:
    return [
        (c.field, c.old_value, c.new_value)
        for c in ActionChange.objects.filter(action=item).order_by("created_at", "pk")
    ]


def test_every_update_writes_its_history(an_action, analyst, admin_user):
    action_progress_update(
        action=an_action,
        status=S.IN_PROGRESS,
        progress=20,
        on=dt.date(2023, 7, 3),
        actor=analyst,
    )
    milestone = milestone_add(
        action=an_action,
        title="Ouverture aux Dervallières",
        due_on=dt.date(2023, 7, 1),
        actor=analyst,
    )
    milestone_done(milestone=milestone, done_on=dt.date(2023, 7, 3), actor=analyst)
    budget_line_save(
        action=an_action, year=2023, planned=120000, committed=90000, spent=40000, actor=analyst
    )
    budget_line_save(
        action=an_action, year=2023, planned=120000, committed=95000, spent=60000, actor=analyst
    )
    indicator = indicator_add(
        action=an_action,
        name="Ménages reçus",
        unit="ménages",
        baseline=0,
        target=1500,
        actor=analyst,
    )
    indicator_measure_add(
        indicator=indicator, measured_on=dt.date(2023, 12, 31), value=410, actor=analyst
    )
    action_update(
        action=an_action,
        data=ActionInput(title="Ouvrir trois guichets CCAS de proximité", is_flagship=True),
        actor=admin_user,
    )
    history = _history(an_action)
    fields = [field for field, _old, _new in history]
    assert fields == [
        "created",
        "status",
        "progress",
        "milestone",
        "milestone_done",
        "budget",
        "budget",
        "indicator",
        "measure",
        "details",
    ]
    assert history[1][1:] == ("prévue", "en cours")
    assert history[2][1:] == ("0 %", "20 %")
    assert history[6][1].startswith("2023 : prévu 120")
    assert "95" in history[6][2]
    assert "410" in history[8][2]
    assert "titre" in history[9][2] and "action phare" in history[9][2]
    an_action.refresh_from_db()
    assert an_action.started_on == dt.date(2023, 7, 3)
    rows = ActionChange.objects.filter(action=an_action).exclude(field="details")
    assert {c.actor for c in rows if c.field != "created"} == {analyst}
    audited = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "strategy.action_create",
        "strategy.action_progress",
        "strategy.milestone_add",
        "strategy.milestone_done",
        "strategy.budget_save",
        "strategy.indicator_add",
        "strategy.measure_add",
        "strategy.action_update",
    } <= audited


def test_history_rows_are_never_changed(an_action):
    change = ActionChange.objects.filter(action=an_action).first()
    change.new_value = "réécrit"
    with pytest.raises(ValueError, match="ajoutez une ligne"):
        change.save()


def test_done_sets_the_date_and_100_percent(an_action, analyst):
    action_progress_update(action=an_action, status=S.DONE, on=dt.date(2024, 2, 1), actor=analyst)
    an_action.refresh_from_db()
    assert an_action.progress == 100
    assert an_action.done_on == dt.date(2024, 2, 1) and an_action.started_on == dt.date(2024, 2, 1)


def test_nothing_changed_is_said(an_action, analyst):
    from concerto.strategy.errors import StrategyError

    with pytest.raises(StrategyError, match="Rien n'a changé"):
        action_progress_update(action=an_action, status=S.PLANNED, progress=0, actor=analyst)


def test_parent_progress_rolls_up_weighted_by_budget(process, admin_user, analyst):
    parent = action(commitment(process, admin=admin_user), admin=admin_user)
    big = action(parent.commitment, admin=admin_user, parent=parent, title="Grand")
    small = action(parent.commitment, admin=admin_user, parent=parent, title="Petit")
    assert (big.code, small.code) == (f"{parent.code}.1", f"{parent.code}.2")
    budget_line_save(action=big, year=2024, planned=300000, committed=0, spent=0, actor=analyst)
    budget_line_save(action=small, year=2024, planned=100000, committed=0, spent=0, actor=analyst)
    action_progress_update(action=big, progress=100, actor=analyst)
    parent.refresh_from_db()
    assert parent.progress == 75  # 300k at 100 %, 100k at 0 %
    rolled = ActionChange.objects.filter(action=parent, field="progress").first()
    assert rolled.new_value == "75 %" and "sous-actions" in rolled.reason
    # Equal weighting: (100 + 0) / 2.
    action_update(
        action=parent,
        data=ActionInput(title=parent.title, progress_weighting=Action.Weighting.EQUAL),
        actor=admin_user,
    )
    parent.refresh_from_db()
    assert parent.progress == 50
    # An abandoned sub-action does not count.
    action_progress_update(action=small, status=S.ABANDONED, reason="Doublon.", actor=analyst)
    parent.refresh_from_db()
    assert parent.progress == 100
    # Deleting a sub-action recomputes too.
    action_delete(action=small, actor=admin_user)
    parent.refresh_from_db()
    assert parent.progress == 100


def test_weighted_progress_function():
    children = [(100, S.IN_PROGRESS, Decimal(300)), (0, S.PLANNED, Decimal(100))]
    assert weighted_progress(children, Action.Weighting.BUDGET) == 75
    assert weighted_progress(children, Action.Weighting.EQUAL) == 50
    # Without any planned budget, budget weighting falls back to equal weights.
    assert (
        weighted_progress([(80, S.DONE, Decimal(0)), (20, S.PLANNED, Decimal(0))], "budget") == 50
    )
    assert weighted_progress([], "budget") == 0
    assert weighted_progress([(40, S.ABANDONED, Decimal(1))], "equal") == 0


def test_commitment_progress_is_the_mean_of_its_actions(process, admin_user, analyst):
    first = action(commitment(process, admin=admin_user), admin=admin_user)
    second = action(first.commitment, admin=admin_user, title="Deuxième")
    action_progress_update(action=first, progress=80, actor=analyst)
    action_progress_update(action=second, progress=41, actor=analyst)
    first.refresh_from_db()
    second.refresh_from_db()
    assert commitment_progress([first, second]) == 61


def test_action_codes(process, admin_user):
    one = commitment(process, admin=admin_user)
    two = commitment(process, admin=admin_user, title="Lutter contre l'isolement")
    assert (one.number, two.number) == (1, 2)
    a = action(two, admin=admin_user)
    b = action(two, admin=admin_user, title="Autre")
    sub = action(two, admin=admin_user, parent=a, title="Sous-action")
    assert (a.code, b.code, sub.code) == ("2.1", "2.2", "2.1.1")
