"""Staff pages of the droit de suite: the annual follow-up report (``permissions.ACCESS``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.backoffice.permissions import staff_view
from concerto.core.roles import can
from concerto.followup import annual
from concerto.followup.forms import AnnualReportForm
from concerto.followup.models import AnnualReport
from concerto.followup.permissions import ACCESS


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@staff_view("annual_reports", table=ACCESS)
def annual_reports(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = AnnualReportForm(request.POST)
        if form.is_valid():
            try:
                report = annual.annual_report_request(
                    process=form.cleaned_data["process"],
                    start=form.cleaned_data["start"],
                    end=form.cleaned_data["end"],
                    actor=_user(request),
                )
            except annual.AnnualReportError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Le rapport est en préparation."))
                return redirect("followup:annual_report", pk=report.pk)
        status = 400
    else:
        start, end = annual.default_period()
        form = AnnualReportForm(initial={"start": start, "end": end})
        status = 200
    reports = AnnualReport.objects.select_related("process", "created_by")[:50]
    return render(
        request,
        "followup/staff_reports.html",
        {"form": form, "reports": reports, "bo_section": "followup"},
        status=status,
    )


@staff_view("annual_report", table=ACCESS)
def annual_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(AnnualReport.objects.select_related("process"), pk=pk)
    data = annual.AnnualData.from_json(report.content) if report.is_ready else None
    return render(
        request,
        "followup/staff_report.html",
        {
            "report": report,
            "data": data,
            "process": report.process,
            "may_publish": can(request.user, annual.PUBLISH_PERMISSION),
            "bo_section": "followup",
        },
    )


@staff_view("annual_report_pdf", table=ACCESS)
def annual_report_pdf(request: HttpRequest, pk: int) -> FileResponse:
    report = get_object_or_404(AnnualReport.objects.select_related("process"), pk=pk)
    if not report.is_ready or not report.pdf:
        raise Http404(_("Le PDF n'est pas encore prêt."))
    try:
        handle = report.pdf.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Fichier introuvable.")) from exc
    response = FileResponse(
        handle,
        content_type="application/pdf",
        filename=f"suivi-annuel-{report.process.slug}-{report.period_start}-{report.period_end}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@staff_view("annual_report_publish", table=ACCESS)
def annual_report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(AnnualReport, pk=pk)
    try:
        annual.annual_report_publish(report=report, actor=_user(request))
    except annual.AnnualReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Le rapport est publié sur la page de la démarche."))
    return redirect("followup:annual_report", pk=report.pk)
