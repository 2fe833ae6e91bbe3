"""The one computation of an action's budget, for the dashboard, the action's page and the
API: an action's budget is its own budget lines plus those of its sub-actions. Before, the
action page said "Pas de budget propre" while the dashboard counted what its sub-actions
spent under it; both now read ``ActionBudget``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from concerto.processes.models import Process
from concerto.strategy.models import Action, BudgetLine

ZERO = Decimal(0)


@dataclass
class Money:
    planned: Decimal = ZERO
    committed: Decimal = ZERO
    spent: Decimal = ZERO

    def add(self, planned: Decimal, committed: Decimal, spent: Decimal) -> None:
        self.planned += planned
        self.committed += committed
        self.spent += spent

    def add_money(self, other: Money) -> None:
        self.add(other.planned, other.committed, other.spent)

    @property
    def spent_percent(self) -> int:
        return int(self.spent * 100 / self.planned) if self.planned else 0

    def __bool__(self) -> bool:
        return bool(self.planned or self.committed or self.spent)


@dataclass
class ActionBudget:
    own: Money = field(default_factory=Money)  # the action's own budget lines
    children: Money = field(default_factory=Money)  # its sub-actions' lines

    @property
    def total(self) -> Money:
        money = Money()
        money.add_money(self.own)
        money.add_money(self.children)
        return money


@dataclass
class Budgets:
    by_action: dict[int, ActionBudget]
    by_year: dict[int, Money]

    def of(self, action_id: int) -> ActionBudget:
        return self.by_action.get(action_id, ActionBudget())


Row = tuple[int, int | None, int, Decimal, Decimal, Decimal]


def _fold(rows: Iterable[Row]) -> Budgets:
    by_action: dict[int, ActionBudget] = defaultdict(ActionBudget)
    by_year: dict[int, Money] = defaultdict(Money)
    for action_id, parent_id, year, planned, committed, spent in rows:
        by_action[action_id].own.add(planned, committed, spent)
        if parent_id is not None:
            by_action[parent_id].children.add(planned, committed, spent)
        by_year[year].add(planned, committed, spent)
    return Budgets(dict(by_action), dict(by_year))


_FIELDS = ("action_id", "action__parent_id", "year", "planned", "committed", "spent")


def process_budgets(process: Process) -> Budgets:
    """Every action's budget in ``process`` (one query)."""
    return _fold(BudgetLine.objects.filter(action__process=process).values_list(*_FIELDS))


def action_budget(action: Action) -> ActionBudget:
    """The budget of one action: its own lines and its sub-actions' (one query)."""
    rows = BudgetLine.objects.filter(Q(action_id=action.pk) | Q(action__parent_id=action.pk))
    return _fold(rows.values_list(*_FIELDS)).of(action.pk)
