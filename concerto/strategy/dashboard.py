"""Reading the strategy for the public pages: the dashboard (commitments, actions, budget)
and one action's page, each in a constant number of queries whatever the number of
actions, milestones, budget lines, measures or contributions behind them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import BooleanField, Case, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from concerto.contributions.models import Contribution
from concerto.processes.models import Neighbourhood, Process
from concerto.reports.published import published_report
from concerto.strategy.budget import ActionBudget, Money, action_budget, process_budgets
from concerto.strategy.models import (
    Action,
    ActionChange,
    BudgetLine,
    Commitment,
    Indicator,
    Milestone,
    ProposalAnswerVersion,
)
from concerto.strategy.rollup import commitment_progress
from concerto.strategy.selectors import (
    AnsweredProposal,
    answered_proposal,
    code_key,
    published_proposals,
    report_anchor,
)
from concerto.synthesis.models import Coding, Theme

ZERO = Decimal(0)
TIMELINE_LIMIT = 300


@dataclass
class ActionRow:
    action: Action
    budget: Money
    milestones_total: int
    milestones_done: int
    neighbourhoods: list[Neighbourhood]
    children: list[Action] = field(default_factory=list)


@dataclass
class CommitmentBlock:
    commitment: Commitment
    progress: int
    action_count: int
    rows: list[ActionRow]
    budget: Money


@dataclass
class Dashboard:
    process: Process
    blocks: list[CommitmentBlock]
    action_count: int
    flagship_count: int
    status_counts: list[tuple[str, str, int]]
    budget_years: list[tuple[int, Money]]
    budget_total: Money
    progress: int
    shown: int


@dataclass(frozen=True)
class DashboardFilters:
    neighbourhood: Neighbourhood | None = None
    status: str | None = None

    def __bool__(self) -> bool:
        return self.neighbourhood is not None or bool(self.status)


def strategy_dashboard(process: Process, filters: DashboardFilters | None = None) -> Dashboard:
    """Six queries: commitments, actions, their neighbourhoods, budget lines, milestones."""
    filters = filters or DashboardFilters()
    commitments = list(Commitment.objects.filter(process=process).order_by("position", "number"))
    actions = list(Action.objects.filter(process=process).prefetch_related("neighbourhoods"))
    budgets = process_budgets(process)
    milestones = {
        row["action_id"]: row
        for row in Milestone.objects.filter(action__process=process)
        .values("action_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(done=True)))
    }
    children: dict[int, list[Action]] = defaultdict(list)
    for action in actions:
        action.process = process  # for get_absolute_url, without a query
        if action.parent_id:
            children[action.parent_id].append(action)
    top = [a for a in actions if a.parent_id is None]
    by_commitment: dict[int, list[ActionRow]] = defaultdict(list)
    status_tally: dict[str, int] = defaultdict(int)
    shown = 0
    for action in top:
        status_tally[action.status] += 1
        kids = sorted(children.get(action.pk, []), key=lambda a: code_key(a.code))
        budget = budgets.of(action.pk).total  # its own lines and its sub-actions'
        total = milestones.get(action.pk, {}).get("total", 0)
        done = milestones.get(action.pk, {}).get("done", 0)
        places: dict[int, Neighbourhood] = {n.pk: n for n in action.neighbourhoods.all()}
        for kid in kids:
            total += milestones.get(kid.pk, {}).get("total", 0)
            done += milestones.get(kid.pk, {}).get("done", 0)
            places.update({n.pk: n for n in kid.neighbourhoods.all()})
        row = ActionRow(
            action=action,
            budget=budget,
            milestones_total=total,
            milestones_done=done,
            neighbourhoods=sorted(places.values(), key=lambda n: (n.order, n.name)),
            children=kids,
        )
        by_commitment[action.commitment_id].append(row)
    blocks = []
    for commitment in commitments:
        rows = by_commitment.get(commitment.pk, [])
        budget = Money()
        for row in rows:
            budget.add(row.budget.planned, row.budget.committed, row.budget.spent)
        visible = [
            row
            for row in rows
            if (filters.status is None or row.action.status == filters.status)
            and (
                filters.neighbourhood is None
                # An action for the whole city (no neighbourhood) concerns every quartier.
                or not row.neighbourhoods
                or any(n.pk == filters.neighbourhood.pk for n in row.neighbourhoods)
            )
        ]
        visible.sort(key=lambda r: (not r.action.is_flagship, code_key(r.action.code)))
        shown += len(visible)
        blocks.append(
            CommitmentBlock(
                commitment=commitment,
                progress=commitment_progress(r.action for r in rows),
                action_count=len(rows),
                rows=visible,
                budget=budget,
            )
        )
    total = Money()
    for money in budgets.by_year.values():
        total.add_money(money)
    return Dashboard(
        process=process,
        blocks=blocks,
        action_count=len(top),
        flagship_count=sum(1 for a in top if a.is_flagship),
        status_counts=[
            (value, str(label), status_tally.get(value, 0))
            for value, label in Action.Status.choices
        ],
        budget_years=sorted(budgets.by_year.items()),
        budget_total=total,
        progress=commitment_progress(top),
        shown=shown,
    )


def has_strategy(process: Process) -> bool:
    return Commitment.objects.filter(process=process).exists()


# --- One action -------------------------------------------------------------------------------


@dataclass
class LinkedProposal:
    proposal: AnsweredProposal
    answer: ProposalAnswerVersion | None
    anchor: str


@dataclass
class ThemeCount:
    theme: Theme
    contributions: int


@dataclass
class ActionPage:
    action: Action
    children: Sequence[Action]
    milestones: list[Milestone]
    budget_lines: list[BudgetLine]
    budget: ActionBudget
    indicators: list[Indicator]
    changes: list[ActionChange]
    more_changes: bool
    neighbourhoods: list[Neighbourhood]
    proposals: list[LinkedProposal]
    themes: list[ThemeCount]
    contributions: int
    quotes: list[Coding]


def _thread(
    process: Process, action: Action
) -> tuple[list[LinkedProposal], list[ThemeCount], int, list[Coding]]:
    """The proposals the action implements (cited, or through their answer), their
    published answers, their themes with the number of published contributions coded under
    each (sub-themes included), the number of distinct contributions behind them (themes and
    quotes), and a few quotes. Six queries."""
    report = published_report(process.pk)
    frozen = {p.number: p for p in report.shown} if report is not None else {}
    proposals = list(
        published_proposals(process)
        .filter(Q(actions=action) | Q(answer__actions=action))
        .distinct()
        .select_related("answer__current_version", "stake")
    )
    linked = [
        LinkedProposal(
            proposal=answered_proposal(p, frozen.get(p.number)),
            answer=getattr(getattr(p, "answer", None), "current_version", None),
            anchor=report_anchor(process, p),
        )
        for p in proposals
    ]
    # Their themes and quotes as the report published them (not the analysts' draft).
    shown = [frozen[p.number] for p in proposals if p.number in frozen]
    if not shown:
        return linked, [], 0, []
    cited_ids = {t.pk for p in shown for t in p.themes if t.pk is not None}
    cited_names = {t.name for p in shown for t in p.themes if t.pk is None}
    quoted = sorted({coding for p in shown for coding in p.quoted_codings})
    # The themes the proposals cite, and their sub-themes (whose codings count for them).
    in_codebook = Q(codebook__process=process)
    themes = list(
        Theme.objects.filter(
            Q(pk__in=cited_ids)
            | Q(parent_id__in=cited_ids)
            | (in_codebook & (Q(name__in=cited_names) | Q(parent__name__in=cited_names)))
        )
        .annotate(
            cited=Case(
                When(Q(pk__in=cited_ids) | (in_codebook & Q(name__in=cited_names)), then=True),
                default=False,
                output_field=BooleanField(),
            )
        )
        .distinct()
        .order_by("position", "pk")
    )
    cited = [t for t in themes if t.cited]
    cited_ids = {t.pk for t in cited}
    children: dict[int, list[int]] = defaultdict(list)
    for theme in themes:
        if theme.pk not in cited_ids and theme.parent_id in cited_ids:
            children[theme.parent_id].append(theme.pk)
    all_ids = [t.pk for t in themes]
    published = Contribution.Status.PUBLISHED
    codings = Coding.objects.filter(
        answer__contribution__status=published, answer__contribution__process=process
    )
    root = (
        Case(
            *(When(theme_id__in=kids, then=Value(parent)) for parent, kids in children.items()),
            default=F("theme_id"),
            output_field=IntegerField(),
        )
        if children
        else F("theme_id")
    )
    per_theme = {
        row["root"]: row["n"]
        for row in codings.filter(theme_id__in=all_ids)
        .annotate(root=root)
        .values("root")
        .annotate(n=Count("answer__contribution_id", distinct=True))
    }
    total = codings.filter(Q(theme_id__in=all_ids) | Q(pk__in=quoted)).aggregate(
        n=Count("answer__contribution_id", distinct=True)
    )["n"]
    quotes = list(
        codings.filter(pk__in=quoted)
        .select_related("answer__contribution", "theme")
        .order_by("pk")[:5]
    )
    themes = cited
    return (
        linked,
        [ThemeCount(theme=t, contributions=per_theme.get(t.pk, 0)) for t in themes],
        total,
        quotes,
    )


def action_page(process: Process, code: str) -> ActionPage:
    """Everything the action's page shows, in at most 15 queries."""
    action = (
        Action.objects.filter(process=process, code=code)
        .select_related("commitment", "parent")
        .first()
    )
    if action is None:
        raise Http404(_("Action introuvable."))
    action.process = process
    if action.parent is not None:
        action.parent.process = process
    children = list(
        Action.objects.filter(parent=action).annotate(
            planned_total=Coalesce(Sum("budget_lines__planned"), ZERO)
        )
    )
    for child in children:
        child.process = process
    children.sort(key=lambda a: code_key(a.code))
    lines = list(BudgetLine.objects.filter(action=action).order_by("year"))
    budget = action_budget(action)
    changes = list(
        ActionChange.objects.filter(action=action).order_by("-created_at", "-pk")[
            : TIMELINE_LIMIT + 1
        ]
    )
    linked, themes, contributions, quotes = _thread(process, action)
    return ActionPage(
        action=action,
        children=children,
        milestones=list(Milestone.objects.filter(action=action).order_by("due_on", "pk")),
        budget_lines=lines,
        budget=budget,
        indicators=list(Indicator.objects.filter(action=action).prefetch_related("measures")),
        changes=changes[:TIMELINE_LIMIT],
        more_changes=len(changes) > TIMELINE_LIMIT,
        neighbourhoods=list(action.neighbourhoods.all()),
        proposals=linked,
        themes=themes,
        contributions=contributions,
        quotes=quotes,
    )
