"""Staff pages of "La réponse de la Ville": the list of proposals with their answer forms
(``answers.draft``), the official's validation (``answers.validate``) and the publication
(``answers.publish``). Thin: parse, call the service, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concerto.accounts.models import User
from concerto.backoffice.permissions import staff_view
from concerto.core.roles import can
from concerto.processes.models import Process
from concerto.strategy.errors import StrategyError
from concerto.strategy.forms import AnswerForm, SendBackForm, show_error
from concerto.strategy.models import AnswerPublication, ProposalAnswer
from concerto.strategy.permissions import ACCESS
from concerto.strategy.selectors import (
    answer_workspace,
    answers_to_validate,
    answers_waiting,
    latest_report_version,
    published_proposals,
)
from concerto.strategy.services import (
    AnswerInput,
    answer_save,
    answer_validate,
    answers_validate_all,
)
from concerto.strategy.services import answer_send_back as answer_send_back_service
from concerto.strategy.services import answers_publish as publish_answers

State = ProposalAnswer.State


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@staff_view("staff_index", table=ACCESS)
def staff_index(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    processes = list(Process.objects.order_by("-receipt_year", "title"))
    waiting = answers_waiting()
    for process in processes:
        counts = waiting.get(process.pk, {})
        process.waiting_validation = counts.get(State.DRAFT, 0)  # type: ignore[attr-defined]
        process.waiting_redraft = counts.get(State.RETURNED, 0)  # type: ignore[attr-defined]
        process.waiting_publication = counts.get(State.VALIDATED, 0)  # type: ignore[attr-defined]
    return render(
        request,
        "strategy/staff_index.html",
        {
            "processes": processes,
            "can_draft": can(user, "answers.draft"),
            "can_validate": can(user, "answers.validate"),
            "can_publish": can(user, "answers.publish"),
            "can_update": can(user, "strategy.update"),
        },
    )


def _summary(proposals: list) -> dict[str, int]:  # type: ignore[type-arg]
    tally = {"total": len(proposals), "missing": 0, State.DRAFT: 0, State.VALIDATED: 0}
    tally[State.PUBLISHED] = 0
    tally[State.RETURNED] = 0
    for proposal in proposals:
        answer = proposal.staff_answer
        tally["missing" if answer is None else answer.state] += 1
    return tally


@staff_view("answers", table=ACCESS)
def answers(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(Process, slug=slug)
    proposals = answer_workspace(process)
    rows = [
        (proposal, proposal.staff_answer, AnswerForm.for_answer(proposal, proposal.staff_answer))  # type: ignore[attr-defined]
        for proposal in proposals
    ]
    return render(
        request,
        "strategy/staff_answers.html",
        {
            "process": process,
            "rows": rows,
            "summary": _summary(proposals),
            "report_version": latest_report_version(process),
            "publications": AnswerPublication.objects.filter(process=process).order_by("-number"),
            "can_publish": can(_user(request), "answers.publish"),
        },
    )


@staff_view("answer_edit", table=ACCESS)
def answer_edit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    process = get_object_or_404(Process, slug=slug)
    proposal = get_object_or_404(
        published_proposals(process).select_related("report__process", "stake"), number=number
    )
    answer = (
        ProposalAnswer.objects.filter(proposal=proposal)
        .select_related("current_version", "validated_by")
        .first()
    )
    form = AnswerForm.for_answer(proposal, answer, request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                answer_save(
                    proposal=proposal,
                    data=AnswerInput(
                        decision=data["decision"],
                        justification=data["justification"],
                        official=data["official"],
                        service=data["service"],
                        decided_on=data["decided_on"],
                        reason=data.get("reason") or "",
                        actions_note=data.get("actions_note") or "",
                    ),
                    actor=_user(request),
                )
            except StrategyError as exc:
                show_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Réponse à %(code)s enregistrée : elle attend la validation d'un·e élu·e.")
                    % {"code": proposal.code},
                )
                return redirect(reverse("strategy:answers", kwargs={"slug": slug}) + f"#P{number}")
        status = 400
    return render(
        request,
        "strategy/staff_answer_edit.html",
        {"process": process, "proposal": proposal, "answer": answer, "form": form},
        status=status,
    )


@staff_view("answers_validate", table=ACCESS)
def answers_validate(request: HttpRequest, slug: str) -> HttpResponse:
    """The official's view: the drafted answers, to validate one by one or all at once."""
    process = get_object_or_404(Process, slug=slug)
    status = 200
    if request.method == "POST":
        user = _user(request)
        try:
            if request.POST.get("all"):
                count = answers_validate_all(process=process, actor=user)
                messages.success(
                    request,
                    ngettext("%(n)d réponse validée.", "%(n)d réponses validées.", count)
                    % {"n": count},
                )
            else:
                answer = get_object_or_404(
                    ProposalAnswer, process=process, pk=request.POST.get("answer") or 0
                )
                answer_validate(answer=answer, actor=user)
                messages.success(
                    request, _("Réponse à %(code)s validée.") % {"code": answer.proposal.code}
                )
        except StrategyError as exc:
            messages.error(request, str(exc))
            status = 400
        else:
            return redirect("strategy:answers_validate", slug=slug)
    return _validate_page(request, process, status=status)


def _validate_page(
    request: HttpRequest,
    process: Process,
    *,
    status: int = 200,
    send_back_form: SendBackForm | None = None,
) -> HttpResponse:
    by_state = (
        ProposalAnswer.objects.filter(process=process, state__in=[State.VALIDATED, State.RETURNED])
        .select_related("proposal", "validated_by")
        .order_by("proposal__number")
    )
    answers = list(by_state)
    return render(
        request,
        "strategy/staff_validate.html",
        {
            "process": process,
            "drafts": answers_to_validate(process),
            "validated": [a for a in answers if a.state == State.VALIDATED],
            "returned": [a for a in answers if a.state == State.RETURNED],
            "send_back_form": send_back_form or SendBackForm(),
        },
        status=status,
    )


@staff_view("answer_send_back", table=ACCESS)
def answer_send_back(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The official sends a drafted answer back to its authors, with her comment."""
    process = get_object_or_404(Process, slug=slug)
    answer = get_object_or_404(ProposalAnswer, process=process, pk=pk)
    form = SendBackForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.get("comment", [])))
        return _validate_page(request, process, status=400, send_back_form=form)
    try:
        answer_send_back_service(answer=answer, comment=comment, actor=_user(request))
    except StrategyError as exc:
        messages.error(request, str(exc))
        return _validate_page(request, process, status=400, send_back_form=form)
    messages.success(
        request,
        _(
            "La réponse à %(code)s est renvoyée à l'équipe qui la rédige, avec votre "
            "commentaire. Elle reviendra ici une fois modifiée."
        )
        % {"code": answer.proposal.code},
    )
    return redirect("strategy:answers_validate", slug=slug)


@staff_view("answers_publish", table=ACCESS)
def answers_publish(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(Process, slug=slug)
    status = 200
    if request.method == "POST":
        try:
            publication = publish_answers(process=process, actor=_user(request))
        except StrategyError as exc:
            messages.error(request, str(exc))
            status = 400
        else:
            messages.success(
                request,
                ngettext(
                    "La réponse de la Ville est publiée (publication n° %(n)d, %(count)d "
                    "réponse publiée ou modifiée). Le PDF est en préparation.",
                    "La réponse de la Ville est publiée (publication n° %(n)d, %(count)d "
                    "réponses publiées ou modifiées). Le PDF est en préparation.",
                    publication.changed_count,
                )
                % {"n": publication.number, "count": publication.changed_count},
            )
            return redirect("strategy:answers", slug=slug)
    proposals = answer_workspace(process)
    return render(
        request,
        "strategy/staff_publish.html",
        {
            "process": process,
            "proposals": proposals,
            "summary": _summary(proposals),
            "first": not AnswerPublication.objects.filter(process=process).exists(),
        },
        status=status,
    )
