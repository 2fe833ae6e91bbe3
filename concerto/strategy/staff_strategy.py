"""Staff pages of the strategy: commitments and actions (``strategy.manage``), and the
update page of an action (``strategy.update``: status, progress, milestones, budget,
indicators), whose forms post to small endpoints that redirect back, or show the page
again with the refusal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.backoffice.permissions import staff_view
from concerto.core.roles import can
from concerto.processes.models import Process
from concerto.strategy.errors import StrategyError
from concerto.strategy.forms import (
    ActionForm,
    BudgetForm,
    CommitmentForm,
    IndicatorForm,
    MeasureForm,
    MilestoneDoneForm,
    MilestoneForm,
    ProgressForm,
    show_error,
)
from concerto.strategy.models import Action, ActionChange, Commitment, Milestone
from concerto.strategy.permissions import ACCESS
from concerto.strategy.services import (
    ActionInput,
    action_create,
    action_delete,
    action_progress_update,
    action_update,
    budget_line_save,
    commitment_create,
    commitment_delete,
    commitment_update,
    indicator_add,
    indicator_measure_add,
    milestone_add,
    milestone_done,
)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@staff_view("actions", table=ACCESS)
def actions(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(Process, slug=slug)
    commitments = list(
        Commitment.objects.filter(process=process)
        .prefetch_related("actions")
        .annotate(action_count=Count("actions"))
        .order_by("position", "number")
    )
    return render(
        request,
        "strategy/staff_actions.html",
        {
            "process": process,
            "commitments": commitments,
            "can_manage": can(_user(request), "strategy.manage"),
        },
    )


# --- Commitments --------------------------------------------------------------------------------


@staff_view("commitment_create", table=ACCESS)
def commitment_create_view(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(Process, slug=slug)
    form = CommitmentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                commitment = commitment_create(
                    process=process,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    actor=_user(request),
                )
            except StrategyError as exc:
                show_error(form, exc)
            else:
                messages.success(request, _("Engagement n° %(n)d créé.") % {"n": commitment.number})
                return redirect("strategy:actions", slug=slug)
        status = 400
    return render(
        request,
        "strategy/staff_commitment.html",
        {"process": process, "form": form, "commitment": None},
        status=status,
    )


@staff_view("commitment_edit", table=ACCESS)
def commitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment.objects.select_related("process"), pk=pk)
    form = CommitmentForm(
        request.POST or None,
        initial={"title": commitment.title, "description": commitment.description},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                commitment_update(
                    commitment=commitment,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    actor=_user(request),
                )
            except StrategyError as exc:
                show_error(form, exc)
            else:
                messages.success(request, _("Engagement enregistré."))
                return redirect("strategy:actions", slug=commitment.process.slug)
        status = 400
    return render(
        request,
        "strategy/staff_commitment.html",
        {"process": commitment.process, "form": form, "commitment": commitment},
        status=status,
    )


@staff_view("commitment_delete", table=ACCESS)
def commitment_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment.objects.select_related("process"), pk=pk)
    slug = commitment.process.slug
    try:
        commitment_delete(commitment=commitment, actor=_user(request))
    except StrategyError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Engagement supprimé."))
    return redirect("strategy:actions", slug=slug)


# --- Actions ------------------------------------------------------------------------------------


def _action_input(form: ActionForm) -> ActionInput:
    data = form.cleaned_data
    return ActionInput(
        title=data["title"],
        description=data["description"],
        is_flagship=data["is_flagship"],
        lead_service=data["lead_service"],
        partners=data["partners"],
        start_date=data["start_date"],
        end_date=data["end_date"],
        progress_weighting=data["progress_weighting"],
        neighbourhoods=list(data["neighbourhoods"]),
        proposals=list(data["proposals"]),
        answers=list(data["answers"]),
    )


@staff_view("action_create", table=ACCESS)
def action_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment.objects.select_related("process"), pk=pk)
    process = commitment.process
    form = ActionForm(
        request.POST or None, process=process, commitment=commitment, with_parent=True
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                action = action_create(
                    commitment=commitment,
                    data=_action_input(form),
                    parent=form.cleaned_data.get("parent"),
                    actor=_user(request),
                )
            except StrategyError as exc:
                show_error(form, exc)
            else:
                messages.success(request, _("Action %(code)s créée.") % {"code": action.code})
                return redirect("strategy:action_update", pk=action.pk)
        status = 400
    return render(
        request,
        "strategy/staff_action_form.html",
        {"process": process, "commitment": commitment, "form": form, "action": None},
        status=status,
    )


@staff_view("action_edit", table=ACCESS)
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("process", "commitment"), pk=pk)
    initial: dict[str, Any] = {
        name: getattr(action, name)
        for name in (
            "title",
            "description",
            "is_flagship",
            "lead_service",
            "partners",
            "start_date",
            "end_date",
            "progress_weighting",
        )
    }
    initial["neighbourhoods"] = list(action.neighbourhoods.all())
    initial["proposals"] = list(action.proposals.all())
    initial["answers"] = list(action.answers.all())
    form = ActionForm(request.POST or None, process=action.process, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                action_update(action=action, data=_action_input(form), actor=_user(request))
            except StrategyError as exc:
                show_error(form, exc)
            else:
                messages.success(request, _("Action enregistrée."))
                return redirect("strategy:action_update", pk=action.pk)
        status = 400
    return render(
        request,
        "strategy/staff_action_form.html",
        {
            "process": action.process,
            "commitment": action.commitment,
            "form": form,
            "action": action,
        },
        status=status,
    )


@staff_view("action_delete", table=ACCESS)
def action_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("process"), pk=pk)
    slug = action.process.slug
    try:
        action_delete(action=action, actor=_user(request))
    except StrategyError as exc:
        messages.error(request, str(exc))
        return redirect("strategy:action_update", pk=action.pk)
    messages.success(request, _("Action supprimée."))
    return redirect("strategy:actions", slug=slug)


# --- The update page and its forms --------------------------------------------------------------


def _get_action(pk: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related("process", "commitment", "parent"), pk=pk
    )


def _update_page(
    request: HttpRequest,
    action: Action,
    *,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    forms_by_name: dict[str, forms.Form] = {
        "progress_form": ProgressForm(
            initial={"status": action.status, "progress": action.progress}, prefix="avancement"
        ),
        "milestone_form": MilestoneForm(prefix="jalon"),
        "done_form": MilestoneDoneForm(prefix="atteint"),
        "budget_form": BudgetForm(prefix="budget"),
        "indicator_form": IndicatorForm(prefix="indicateur"),
        "measure_form": MeasureForm(action=action, prefix="mesure"),
    }
    forms_by_name.update(bound)
    return render(
        request,
        "strategy/staff_action_update.html",
        {
            "process": action.process,
            "action": action,
            "children": list(action.children.order_by("number")),
            "milestones": list(action.milestones.order_by("due_on", "pk")),
            "budget_lines": list(action.budget_lines.order_by("year")),
            "indicators": list(action.indicators.prefetch_related("measures")),
            "changes": list(
                ActionChange.objects.filter(action=action)
                .select_related("actor")
                .order_by("-created_at", "-pk")[:100]
            ),
            "can_manage": can(_user(request), "strategy.manage"),
            **forms_by_name,
        },
        status=status,
    )


@staff_view("action_update", table=ACCESS)
def action_update_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _update_page(request, _get_action(pk))


def _submit(
    request: HttpRequest,
    action: Action,
    name: str,
    form: forms.Form,
    call: Any,
    success: str,
) -> HttpResponse:
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except StrategyError as exc:
            show_error(form, exc)
        else:
            messages.success(request, success)
            return redirect("strategy:action_update", pk=action.pk)
    return _update_page(request, action, bound={name: form}, status=400)


@staff_view("action_progress", table=ACCESS)
def action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action(pk)
    user = _user(request)
    return _submit(
        request,
        action,
        "progress_form",
        ProgressForm(request.POST, prefix="avancement"),
        lambda d: action_progress_update(
            action=action,
            status=d["status"],
            progress=d["progress"],
            reason=d["reason"],
            on=d["on"],
            actor=user,
        ),
        _("Statut et avancement enregistrés."),
    )


@staff_view("milestone_add", table=ACCESS)
def milestone_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action(pk)
    user = _user(request)
    return _submit(
        request,
        action,
        "milestone_form",
        MilestoneForm(request.POST, prefix="jalon"),
        lambda d: milestone_add(action=action, title=d["title"], due_on=d["due_on"], actor=user),
        _("Jalon ajouté."),
    )


@staff_view("milestone_done", table=ACCESS)
def milestone_done_view(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone, pk=pk)
    action = _get_action(milestone.action_id)
    user = _user(request)
    return _submit(
        request,
        action,
        "done_form",
        MilestoneDoneForm(request.POST, prefix="atteint"),
        lambda d: milestone_done(milestone=milestone, done_on=d["done_on"], actor=user),
        _("Jalon marqué comme atteint."),
    )


@staff_view("budget_save", table=ACCESS)
def budget_save(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action(pk)
    user = _user(request)
    return _submit(
        request,
        action,
        "budget_form",
        BudgetForm(request.POST, prefix="budget"),
        lambda d: budget_line_save(
            action=action,
            year=d["year"],
            planned=d["planned"],
            committed=d["committed"],
            spent=d["spent"],
            reason=d["reason"],
            actor=user,
        ),
        _("Budget enregistré."),
    )


@staff_view("indicator_add", table=ACCESS)
def indicator_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action(pk)
    user = _user(request)
    return _submit(
        request,
        action,
        "indicator_form",
        IndicatorForm(request.POST, prefix="indicateur"),
        lambda d: indicator_add(
            action=action,
            name=d["name"],
            unit=d["unit"],
            baseline=d["baseline"],
            target=d["target"],
            actor=user,
        ),
        _("Indicateur ajouté."),
    )


@staff_view("measure_add", table=ACCESS)
def measure_add(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action(pk)
    user = _user(request)
    return _submit(
        request,
        action,
        "measure_form",
        MeasureForm(request.POST, action=action, prefix="mesure"),
        lambda d: indicator_measure_add(
            indicator=d["indicator"], measured_on=d["measured_on"], value=d["value"], actor=user
        ),
        _("Mesure enregistrée."),
    )
