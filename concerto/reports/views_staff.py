"""Staff pages of the report: the statistics of a process and the report editor. Every view
is guarded by ``staff_view(name, table=ACCESS)``; every write goes through a service."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.backoffice.permissions import staff_view
from concerto.core.roles import can
from concerto.processes.models import Process
from concerto.reports import selectors, services
from concerto.reports.forms import (
    FigureForm,
    FindingForm,
    ProposalForm,
    PublishForm,
    ReportForm,
    StakeForm,
    WithdrawForm,
)
from concerto.reports.models import Figure, Finding, Proposal, Report, Stake
from concerto.reports.permissions import ACCESS
from concerto.reports.publication import publication_problems, report_publish
from concerto.reports.services import ReportError
from concerto.reports.statistics import KEYS, UNWEIGHTED_KEYS, compute
from concerto.synthesis.models import Coding


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _refused(request: HttpRequest, exc: ReportError) -> None:
    messages.error(request, str(exc))


def _editor_url(report: Report) -> str:
    return reverse("reports:editor", kwargs={"slug": report.process.slug})


def _stake_url(stake: Stake) -> str:
    return reverse("reports:stake", kwargs={"pk": stake.pk})


# --- Index and statistics -----------------------------------------------------------------


@staff_view("index", table=ACCESS)
def index(request: HttpRequest) -> HttpResponse:
    processes = list(Process.objects.order_by("-receipt_year", "title"))
    return render(request, "reports/staff_index.html", {"processes": processes})


@staff_view("statistics", table=ACCESS)
def statistics(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(Process, slug=slug)
    weighted = request.GET.get("ponderation") == "1"
    figures = []
    for stat in compute(process, KEYS if weighted else UNWEIGHTED_KEYS):
        figure = stat.as_dict()
        figure["anchor"] = f"stat-{stat.key}"
        figures.append(figure)
    return render(
        request,
        "reports/staff_statistics.html",
        {"process": process, "figures": figures, "weighted": weighted},
    )


# --- The report -------------------------------------------------------------------------------


@staff_view("editor", table=ACCESS)
def editor(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(Process, slug=slug)
    report = selectors.report_of(process)
    form = ReportForm.for_report(report, request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                if report is None:
                    report = services.report_create(
                        process=process,
                        title=data["title"],
                        introduction=data["introduction"],
                        method=data["method"],
                        actor=_user(request),
                    )
                    messages.success(request, _("Rapport créé."))
                else:
                    services.report_update(
                        report=report,
                        title=data["title"],
                        introduction=data["introduction"],
                        method=data["method"],
                        actor=_user(request),
                    )
                    messages.success(request, _("Rapport enregistré."))
            except ReportError as exc:
                form.add_error(None, str(exc))
            else:
                return redirect("reports:editor", slug=process.slug)
        status = 400
    context: dict[str, object] = {"process": process, "report": report, "form": form}
    if report is not None:
        themes = selectors.process_themes(process)
        context.update(
            stakes=selectors.editor_stakes(report),
            figures=selectors.general_figures(report),
            figure_form=FigureForm(),
            stake_form=StakeForm(themes=themes, auto_id="id_stake_%s"),
            versions=selectors.version_items(report.pk),
        )
    return render(request, "reports/staff_editor.html", context, status=status)


def _report_or_404(slug: str) -> Report:
    return get_object_or_404(Report.objects.select_related("process"), process__slug=slug)


@staff_view("stake_create", table=ACCESS)
def stake_create(request: HttpRequest, slug: str) -> HttpResponseBase:
    report = _report_or_404(slug)
    form = StakeForm(request.POST, themes=selectors.process_themes(report.process))
    if not form.is_valid():
        messages.error(request, _("L'enjeu n'a pas été créé : son titre est obligatoire."))
        return redirect(_editor_url(report))
    try:
        stake = services.stake_create(
            report=report,
            title=form.cleaned_data["title"],
            summary=form.cleaned_data["summary"],
            themes=form.chosen_themes(),
            actor=_user(request),
        )
    except ReportError as exc:
        _refused(request, exc)
        return redirect(_editor_url(report))
    messages.success(request, _("Enjeu ajouté."))
    return redirect(_stake_url(stake))


@staff_view("stake", table=ACCESS)
def stake_view(request: HttpRequest, pk: int) -> HttpResponse:
    stake = selectors.stake_for_editor(pk)
    report = stake.report
    themes = selectors.process_themes(report.process)
    initial = {"title": stake.title, "summary": stake.summary, "themes": stake.themes.all()}
    form = StakeForm(request.POST or None, initial=initial, themes=themes)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.stake_update(
                    stake=stake,
                    title=form.cleaned_data["title"],
                    summary=form.cleaned_data["summary"],
                    themes=form.chosen_themes(),
                    actor=_user(request),
                )
            except ReportError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Enjeu enregistré."))
                return redirect(_stake_url(stake))
        status = 400
    return render(
        request,
        "reports/staff_stake.html",
        {
            "stake": stake,
            "report": report,
            "process": report.process,
            "form": form,
            "finding_form": FindingForm(themes=themes, auto_id="id_finding_%s"),
            "proposal_form": ProposalForm(themes=themes, auto_id="id_proposal_%s"),
            "figure_form": FigureForm(initial={"stake": stake.pk}),
        },
        status=status,
    )


@staff_view("stake_action", table=ACCESS)
def stake_action(request: HttpRequest, pk: int) -> HttpResponseBase:
    stake = get_object_or_404(Stake.objects.select_related("report__process"), pk=pk)
    action = request.POST.get("action", "")
    try:
        if action in ("up", "down"):
            services.stake_move(
                stake=stake, offset=-1 if action == "up" else 1, actor=_user(request)
            )
            return redirect(_editor_url(stake.report))
        if action == "delete":
            services.stake_delete(stake=stake, actor=_user(request))
            messages.success(request, _("Enjeu supprimé."))
            return redirect(_editor_url(stake.report))
    except ReportError as exc:
        _refused(request, exc)
        return redirect(_stake_url(stake))
    messages.error(request, _("Action inconnue."))
    return redirect(_stake_url(stake))


# --- Findings ----------------------------------------------------------------------------------


@staff_view("finding_create", table=ACCESS)
def finding_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    stake = get_object_or_404(Stake.objects.select_related("report__process"), pk=pk)
    form = FindingForm(request.POST, themes=selectors.process_themes(stake.report.process))
    if not form.is_valid():
        messages.error(request, _("Le constat n'a pas été ajouté : son texte est obligatoire."))
        return redirect(_stake_url(stake))
    try:
        services.finding_create(
            stake=stake,
            text=form.cleaned_data["text"],
            themes=form.chosen_themes(),
            actor=_user(request),
        )
    except ReportError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Constat ajouté."))
    return redirect(_stake_url(stake))


@staff_view("finding", table=ACCESS)
def finding_view(request: HttpRequest, pk: int) -> HttpResponse:
    finding = selectors.finding_for_editor(pk)
    process = finding.stake.report.process
    initial = {"text": finding.text, "themes": finding.themes.all()}
    form = FindingForm(
        request.POST or None, initial=initial, themes=selectors.process_themes(process)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.finding_update(
                    finding=finding,
                    text=form.cleaned_data["text"],
                    themes=form.chosen_themes(),
                    actor=_user(request),
                )
            except ReportError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Constat enregistré."))
                return redirect(_stake_url(finding.stake))
        status = 400
    return render(
        request,
        "reports/staff_finding.html",
        {"finding": finding, "stake": finding.stake, "process": process, "form": form},
        status=status,
    )


@staff_view("finding_delete", table=ACCESS)
def finding_delete(request: HttpRequest, pk: int) -> HttpResponseBase:
    finding = get_object_or_404(Finding.objects.select_related("stake"), pk=pk)
    services.finding_delete(finding=finding, actor=_user(request))
    messages.success(request, _("Constat supprimé."))
    return redirect(_stake_url(finding.stake))


# --- Proposals ---------------------------------------------------------------------------------


@staff_view("proposal_create", table=ACCESS)
def proposal_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    stake = get_object_or_404(Stake.objects.select_related("report__process"), pk=pk)
    form = ProposalForm(request.POST, themes=selectors.process_themes(stake.report.process))
    if not form.is_valid():
        messages.error(
            request, _("La préconisation n'a pas été ajoutée : son titre est obligatoire.")
        )
        return redirect(_stake_url(stake))
    try:
        proposal = services.proposal_create(
            stake=stake,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            themes=form.chosen_themes(),
            actor=_user(request),
        )
    except ReportError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Préconisation %(code)s ajoutée.") % {"code": proposal.code})
    return redirect(_stake_url(stake))


@staff_view("proposal", table=ACCESS)
def proposal_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_for_editor(pk)
    report = proposal.report
    stakes = list(report.stakes.order_by("position", "pk"))
    initial = {
        "title": proposal.title,
        "text": proposal.text,
        "themes": proposal.themes.all(),
        "stake": proposal.stake_id,
    }
    form = ProposalForm(
        request.POST or None,
        initial=initial,
        themes=selectors.process_themes(report.process),
        stakes=stakes,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.proposal_update(
                    proposal=proposal,
                    title=form.cleaned_data["title"],
                    text=form.cleaned_data["text"],
                    themes=form.chosen_themes(),
                    stake=form.cleaned_data.get("stake"),
                    actor=_user(request),
                )
            except ReportError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Préconisation enregistrée."))
                return redirect(_stake_url(proposal.stake))
        status = 400
    return render(
        request,
        "reports/staff_proposal.html",
        {
            "proposal": proposal,
            "stake": proposal.stake,
            "process": report.process,
            "form": form,
            "withdraw_form": WithdrawForm(),
        },
        status=status,
    )


@staff_view("proposal_withdraw", table=ACCESS)
def proposal_withdraw(request: HttpRequest, pk: int) -> HttpResponseBase:
    proposal = get_object_or_404(Proposal.objects.select_related("stake"), pk=pk)
    restore = request.POST.get("action") == "restore"
    try:
        services.proposal_withdraw(
            proposal=proposal,
            withdrawn=not restore,
            reason=request.POST.get("reason", ""),
            actor=_user(request),
        )
    except ReportError as exc:
        _refused(request, exc)
        return redirect("reports:proposal", pk=proposal.pk)
    if restore:
        messages.success(request, _("%(code)s est de nouveau active.") % {"code": proposal.code})
    else:
        messages.success(
            request, _("%(code)s est retirée ; elle garde son numéro.") % {"code": proposal.code}
        )
    return redirect(_stake_url(proposal.stake))


# --- Quotes --------------------------------------------------------------------------------------


def _quotes(request: HttpRequest, item: Finding | Proposal, stake: Stake) -> HttpResponse:
    process = stake.report.process
    status = 200
    if request.method == "POST":
        raw = request.POST.get("coding", "")
        coding = (
            Coding.objects.filter(pk=int(raw)).select_related("answer__contribution").first()
            if raw.isdigit() and len(raw) < 12
            else None
        )
        if coding is None:
            messages.error(request, _("Citation introuvable."))
            status = 400
        else:
            try:
                if request.POST.get("action") == "detach":
                    services.quote_detach(target=item, coding=coding, actor=_user(request))
                    messages.success(request, _("Citation retirée."))
                else:
                    services.quote_attach(target=item, coding=coding, actor=_user(request))
                    messages.success(request, _("Citation ajoutée."))
                return redirect(request.get_full_path())
            except ReportError as exc:
                _refused(request, exc)
                status = 400
    all_themes = request.GET.get("tous") == "1"
    theme_ids = None if all_themes else [t.pk for t in stake.themes.all()] or None
    search = request.GET.get("q", "").strip()[:200]
    attached = selectors.attached_quotes(item)
    attached_ids = {c.pk for c in attached}
    candidates = [
        c
        for c in selectors.quote_candidates(process=process, theme_ids=theme_ids, search=search)
        if c.pk not in attached_ids
    ]
    return render(
        request,
        "reports/staff_quotes.html",
        {
            "item": item,
            "is_finding": isinstance(item, Finding),
            "stake": stake,
            "process": process,
            "attached": attached,
            "candidates": candidates,
            "all_themes": all_themes,
            "filtered": theme_ids is not None,
            "search": search,
        },
        status=status,
    )


@staff_view("finding_quotes", table=ACCESS)
def finding_quotes(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_object_or_404(
        Finding.objects.select_related("stake__report__process").prefetch_related("stake__themes"),
        pk=pk,
    )
    return _quotes(request, finding, finding.stake)


@staff_view("proposal_quotes", table=ACCESS)
def proposal_quotes(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(
        Proposal.objects.select_related("stake__report__process", "report").prefetch_related(
            "stake__themes"
        ),
        pk=pk,
    )
    return _quotes(request, proposal, proposal.stake)


# --- Figures -------------------------------------------------------------------------------------


@staff_view("figure_add", table=ACCESS)
def figure_add(request: HttpRequest, slug: str) -> HttpResponseBase:
    report = _report_or_404(slug)
    form = FigureForm(request.POST)
    stake: Stake | None = None
    raw_stake = request.POST.get("stake", "")
    if raw_stake:
        stake = Stake.objects.filter(pk=int(raw_stake) if raw_stake.isdigit() else 0).first()
        if stake is None:
            messages.error(request, _("Enjeu introuvable."))
            return redirect(_editor_url(report))
    back = _stake_url(stake) if stake is not None else _editor_url(report)
    if not form.is_valid():
        messages.error(request, _("Cette statistique n'existe pas."))
        return redirect(back)
    try:
        services.figure_add(
            report=report,
            stake=stake,
            key=form.cleaned_data["key"],
            caption=form.cleaned_data["caption"],
            actor=_user(request),
        )
    except ReportError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Figure ajoutée."))
    return redirect(back)


@staff_view("figure_remove", table=ACCESS)
def figure_remove(request: HttpRequest, pk: int) -> HttpResponseBase:
    figure = get_object_or_404(Figure.objects.select_related("report__process", "stake"), pk=pk)
    back = _stake_url(figure.stake) if figure.stake is not None else _editor_url(figure.report)
    services.figure_remove(figure=figure, actor=_user(request))
    messages.success(request, _("Figure retirée."))
    return redirect(back)


# --- Publication -----------------------------------------------------------------------------


@staff_view("publish", table=ACCESS)
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(Process, slug=slug)
    report = selectors.report_of(process)
    form = PublishForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if report is None:
            form.add_error(None, _("Créez d'abord le rapport."))
        elif form.is_valid():
            try:
                version = report_publish(
                    report=report, note=form.cleaned_data["note"], actor=_user(request)
                )
            except ReportError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Version %(number)s publiée. Le PDF est en préparation.")
                    % {"number": version.number},
                )
                return redirect("reports:editor", slug=process.slug)
        status = 400
    return render(
        request,
        "reports/staff_publish.html",
        {
            "process": process,
            "report": report,
            "form": form,
            "problems": publication_problems(report) if report is not None else [],
            "may_publish": can(request.user, "reports.publish"),
            "versions": selectors.version_items(report.pk) if report is not None else [],
        },
        status=status,
    )
