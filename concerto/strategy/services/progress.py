"""Updating an action (``strategy.update``): status and progress, milestones, budget lines,
indicators and their measures. Each change is one ``ActionChange`` row (who, when, old and
new value, reason) and one audit row; a parent's progress is recomputed from its
sub-actions after every change that moves it.

The rules, each refused with a French message and nothing changed: progress within
0..100; progress going backwards needs a reason; postponed or abandoned needs a reason;
the progress of an action with sub-actions is computed, not typed; amounts never
negative; spent above committed needs a reason; dates not in the future where they say
something happened.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.core.audit import audit
from concerto.strategy.errors import StrategyError
from concerto.strategy.models import (
    Action,
    ActionChange,
    BudgetLine,
    Indicator,
    IndicatorMeasure,
    Milestone,
)
from concerto.strategy.rollup import weighted_progress
from concerto.strategy.services._common import (
    clean_text,
    day,
    euros,
    money,
    public_changed,
    record,
    require,
)

F = ActionChange.Field
S = Action.Status
NEEDS_REASON = (S.POSTPONED, S.ABANDONED)
ZERO = Decimal(0)


def _not_future(value: dt.date, *, label: str, field: str, now: dt.datetime) -> dt.date:
    if value > timezone.localdate(now):
        raise StrategyError(
            _("%(label)s : la date (%(date)s) est dans le futur.")
            % {"label": label, "date": day(value)},
            field,
        )
    return value


def rollup(parent: Action, *, actor: User | None, now: dt.datetime) -> None:
    """Recompute ``parent``'s progress from its sub-actions (two queries), and write the
    change to its history if it moved. Called inside the caller's transaction."""
    children = list(
        Action.objects.filter(parent=parent).annotate(
            planned_total=Coalesce(Sum("budget_lines__planned"), ZERO)
        )
    )
    if not children:
        return
    value = weighted_progress(
        ((c.progress, c.status, c.planned_total) for c in children),
        parent.progress_weighting,
    )
    if value == parent.progress:
        return
    old = parent.progress
    Action.objects.filter(pk=parent.pk).update(progress=value, updated_at=now)
    parent.progress = value
    record(
        action=parent,
        field=F.PROGRESS,
        old=f"{old} %",
        new=f"{value} %",
        reason=_("Calculé à partir de l'avancement des sous-actions."),
        actor=actor,
        now=now,
    )


def _rollup_parent(action: Action, actor: User, now: dt.datetime) -> None:
    if action.parent_id is not None:
        parent = Action.objects.select_for_update().get(pk=action.parent_id)
        rollup(parent, actor=actor, now=now)


def action_progress_update(
    *,
    action: Action,
    status: str | None = None,
    progress: int | None = None,
    reason: str = "",
    on: dt.date | None = None,
    actor: User,
    now: dt.datetime | None = None,
) -> Action:
    """Change the status and/or the progress of an action. ``on``: the day the new status
    took effect (today by default), kept as ``started_on`` / ``done_on``."""
    require(actor, "strategy.update")
    now = now or timezone.now()
    reason = (reason or "").strip()
    on = _not_future(on, label=_("Date"), field="on", now=now) if on else timezone.localdate(now)
    if status is not None and status not in S.values:
        raise StrategyError(_("Statut inconnu."), "status")
    if progress is not None and not (isinstance(progress, int) and 0 <= progress <= 100):
        raise StrategyError(_("L'avancement est un pourcentage entier entre 0 et 100."), "progress")
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        has_children = action.children.exists()
        new_status = status if status is not None else action.status
        new_progress = progress if progress is not None else action.progress
        if new_status == S.DONE and not has_children:
            new_progress = 100  # a done action is done
        if has_children and new_progress != action.progress:
            raise StrategyError(
                _(
                    "L'avancement de cette action est calculé à partir de ses sous-actions : "
                    "mettez à jour les sous-actions."
                ),
                "progress",
            )
        if new_status != action.status and new_status in NEEDS_REASON and not reason:
            raise StrategyError(
                _("Une action reportée ou abandonnée doit avoir un motif, publié avec elle."),
                "reason",
            )
        if new_progress < action.progress and not reason:
            raise StrategyError(
                _("L'avancement recule (de %(old)d %% à %(new)d %%) : indiquez le motif.")
                % {"old": action.progress, "new": new_progress},
                "reason",
            )
        if new_status == action.status and new_progress == action.progress:
            raise StrategyError(_("Rien n'a changé : ni le statut ni l'avancement."))
        changes = []
        if new_status != action.status:
            record(
                action=action,
                field=F.STATUS,
                old=str(action.get_status_display()),
                new=str(S(new_status).label),
                reason=reason,
                actor=actor,
                now=now,
            )
            changes.append("status")
            action.status = new_status
            action.status_reason = reason if new_status in NEEDS_REASON else ""
            if new_status == S.IN_PROGRESS and action.started_on is None:
                action.started_on = on
            if new_status == S.DONE:
                action.done_on = on
                action.started_on = action.started_on or on
            elif action.done_on is not None:
                action.done_on = None
        if new_progress != action.progress:
            record(
                action=action,
                field=F.PROGRESS,
                old=f"{action.progress} %",
                new=f"{new_progress} %",
                reason=reason,
                actor=actor,
                now=now,
            )
            changes.append("progress")
            action.progress = new_progress
        action.save()
        audit(
            actor=actor,
            action="strategy.action_progress",
            target=action,
            reason=reason,
            data={"changed": changes, "status": action.status, "progress": action.progress},
        )
        _rollup_parent(action, actor, now)
        public_changed()
    return action


# --- Milestones --------------------------------------------------------------------------------


def milestone_add(
    *,
    action: Action,
    title: str,
    due_on: dt.date | None,
    actor: User,
    now: dt.datetime | None = None,
) -> Milestone:
    require(actor, "strategy.update")
    now = now or timezone.now()
    title = clean_text(title, label=_("Jalon"), field="title", max_length=300)
    if due_on is None:
        raise StrategyError(_("Indiquez l'échéance du jalon."), "due_on")
    with transaction.atomic():
        milestone = Milestone.objects.create(action=action, title=title, due_on=due_on)
        record(
            action=action,
            field=F.MILESTONE,
            new=f"{title} ({_('échéance')} : {day(due_on)})",
            actor=actor,
            now=now,
        )
        audit(actor=actor, action="strategy.milestone_add", target=milestone)
        public_changed()
    return milestone


def milestone_done(
    *,
    milestone: Milestone,
    done_on: dt.date | None = None,
    actor: User,
    now: dt.datetime | None = None,
) -> Milestone:
    require(actor, "strategy.update")
    now = now or timezone.now()
    done_on = (
        _not_future(done_on, label=_("Jalon atteint le"), field="done_on", now=now)
        if done_on
        else timezone.localdate(now)
    )
    with transaction.atomic():
        milestone = (
            Milestone.objects.select_for_update().select_related("action").get(pk=milestone.pk)
        )
        if milestone.done:
            raise StrategyError(
                _("Ce jalon est déjà atteint (le %(date)s).") % {"date": day(milestone.done_on)}
            )
        milestone.done, milestone.done_on = True, done_on
        milestone.save(update_fields=["done", "done_on"])
        record(
            action=milestone.action,
            field=F.MILESTONE_DONE,
            old=_("à venir"),
            new=f"{milestone.title} — {_('atteint le')} {day(done_on)}",
            actor=actor,
            now=now,
        )
        audit(actor=actor, action="strategy.milestone_done", target=milestone)
        public_changed()
    return milestone


# --- Budget -----------------------------------------------------------------------------------


def _budget_text(line: BudgetLine | None) -> str:
    if line is None:
        return ""
    return _("prévu %(planned)s, engagé %(committed)s, dépensé %(spent)s") % {
        "planned": euros(line.planned),
        "committed": euros(line.committed),
        "spent": euros(line.spent),
    }


def budget_line_save(
    *,
    action: Action,
    year: int | None,
    planned: Decimal | int | str | None,
    committed: Decimal | int | str | None,
    spent: Decimal | int | str | None,
    reason: str = "",
    actor: User,
    now: dt.datetime | None = None,
) -> BudgetLine:
    """The budget of ``action`` for ``year`` (created or replaced)."""
    require(actor, "strategy.update")
    now = now or timezone.now()
    if year is None or not 2000 <= year <= 2100:
        raise StrategyError(_("Indiquez une année entre 2000 et 2100."), "year")
    planned_amount = money(planned, label=_("Prévu"), field="planned")
    committed_amount = money(committed, label=_("Engagé"), field="committed")
    spent_amount = money(spent, label=_("Dépensé"), field="spent")
    reason = (reason or "").strip()
    if spent_amount > committed_amount and not reason:
        raise StrategyError(
            _(
                "Le dépensé (%(spent)s) dépasse l'engagé (%(committed)s) : indiquez le motif "
                "du dépassement."
            )
            % {"spent": euros(spent_amount), "committed": euros(committed_amount)},
            "reason",
        )
    with transaction.atomic():
        line = BudgetLine.objects.select_for_update().filter(action=action, year=year).first()
        old_text = _budget_text(line)
        if line is None:
            line = BudgetLine(action=action, year=year)
        elif (line.planned, line.committed, line.spent, line.reason) == (
            planned_amount,
            committed_amount,
            spent_amount,
            reason,
        ):
            return line
        planned_moved = line.planned != planned_amount or line.pk is None
        line.planned, line.committed, line.spent = planned_amount, committed_amount, spent_amount
        line.reason = reason
        line.save()
        record(
            action=action,
            field=F.BUDGET,
            old=f"{year} : {old_text}" if old_text else "",
            new=f"{year} : {_budget_text(line)}",
            reason=reason,
            actor=actor,
            now=now,
        )
        audit(
            actor=actor,
            action="strategy.budget_save",
            target=action,
            reason=reason,
            data={
                "year": year,
                "planned": str(planned_amount),
                "committed": str(committed_amount),
                "spent": str(spent_amount),
            },
        )
        if planned_moved:
            _rollup_parent(action, actor, now)
        public_changed()
    return line


# --- Indicators --------------------------------------------------------------------------------


def _number(value: Decimal | int | str | None, *, label: str, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (ArithmeticError, ValueError) as exc:
        raise StrategyError(_("%(label)s : nombre invalide.") % {"label": label}, field) from exc
    if not number.is_finite() or abs(number) >= Decimal("1e12"):
        raise StrategyError(_("%(label)s : nombre invalide.") % {"label": label}, field)
    return number.quantize(Decimal("0.01"))


def indicator_add(
    *,
    action: Action,
    name: str,
    unit: str,
    baseline: Decimal | int | str | None,
    target: Decimal | int | str | None,
    actor: User,
    now: dt.datetime | None = None,
) -> Indicator:
    require(actor, "strategy.update")
    now = now or timezone.now()
    name = clean_text(name, label=_("Indicateur"), field="name", max_length=200)
    unit = clean_text(unit, label=_("Unité"), field="unit", max_length=40)
    baseline_value = _number(baseline, label=_("Valeur de départ"), field="baseline")
    target_value = _number(target, label=_("Cible"), field="target")
    with transaction.atomic():
        position = action.indicators.count() + 1
        indicator = Indicator.objects.create(
            action=action,
            name=name,
            unit=unit,
            baseline=baseline_value,
            target=target_value,
            position=position,
        )
        record(
            action=action,
            field=F.INDICATOR,
            new=_("%(name)s : de %(baseline)s à %(target)s %(unit)s")
            % {
                "name": name,
                "baseline": _plain(baseline_value),
                "target": _plain(target_value),
                "unit": unit,
            },
            actor=actor,
            now=now,
        )
        audit(actor=actor, action="strategy.indicator_add", target=indicator)
        public_changed()
    return indicator


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def indicator_measure_add(
    *,
    indicator: Indicator,
    measured_on: dt.date | None,
    value: Decimal | int | str | None,
    actor: User,
    now: dt.datetime | None = None,
) -> IndicatorMeasure:
    """A measured value of ``indicator`` (replaces the one of the same day, if any)."""
    require(actor, "strategy.update")
    now = now or timezone.now()
    if measured_on is None:
        raise StrategyError(_("Indiquez la date de la mesure."), "measured_on")
    _not_future(measured_on, label=_("Mesure"), field="measured_on", now=now)
    amount = _number(value, label=_("Valeur"), field="value")
    with transaction.atomic():
        indicator = Indicator.objects.select_related("action").get(pk=indicator.pk)
        measure = (
            IndicatorMeasure.objects.select_for_update()
            .filter(indicator=indicator, measured_on=measured_on)
            .first()
        )
        old = ""
        if measure is None:
            measure = IndicatorMeasure(indicator=indicator, measured_on=measured_on)
        else:
            if measure.value == amount:
                return measure
            old = f"{_plain(measure.value)} {indicator.unit}"
        measure.value = amount
        measure.save()
        record(
            action=indicator.action,
            field=F.MEASURE,
            old=old,
            new=f"{indicator.name} ({day(measured_on)}) : {_plain(amount)} {indicator.unit}",
            actor=actor,
            now=now,
        )
        audit(
            actor=actor,
            action="strategy.measure_add",
            target=indicator,
            data={"on": measured_on.isoformat(), "value": str(amount)},
        )
        public_changed()
    return measure
