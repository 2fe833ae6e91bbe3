"""Pages of the collective channel (cahiers d'acteurs) and of original works.

Public: filing a cahier online (members of an organisation), the published cahier as a page
and as a PDF. Staff (``permissions.ACCESS``): entering a cahier received by mail, its
private original and contact, and the original works.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concerto.accounts.models import User
from concerto.backoffice.permissions import staff_view
from concerto.collective.forms import OnlineCahierForm, StaffCahierForm, WorkForm, WorkTextForm
from concerto.collective.models import CollectiveContribution, OriginalWork
from concerto.collective.permissions import ACCESS
from concerto.collective.printing import cahier_context, render_cahier_pdf
from concerto.collective.services import (
    CahierInput,
    cahier_enter,
    cahier_submit_online,
    collective_channel,
    member_organisations,
    work_create,
    work_publish,
    work_update_text,
)
from concerto.contributions.models import Contribution
from concerto.contributions.services import ContributionError
from concerto.processes.models import Process


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _private_file(field_file: object, *, content_type: str, filename: str) -> FileResponse:
    try:
        handle = field_file.open("rb")  # type: ignore[attr-defined]
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Fichier introuvable.")) from exc
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _input(form: StaffCahierForm | OnlineCahierForm) -> CahierInput:
    data = form.cleaned_data
    return CahierInput(
        organisation_name=data.get("organisation_name", ""),
        organisation_kind=data.get("organisation_kind", ""),
        people_count=data["people_count"],
        production_method=data["production_method"],
        sections=form.sections(),
        proposals=form.proposal_list(),
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        contact_phone=data.get("contact_phone", ""),
        organisation=data.get("organisation"),
        consent_publication=bool(data.get("consent_publication")),
    )


# --- Public ----------------------------------------------------------------------------------


def file_online(request: HttpRequest, slug: str) -> HttpResponse:
    """A member of an organisation files its cahier, while the channel is open."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    process = get_object_or_404(Process, slug=slug, is_published=True)
    user = _user(request)
    channel = collective_channel(process)
    is_open = channel is not None and channel.is_open()
    memberships = member_organisations(user)
    organisations = [o for o in memberships if o.is_approved]
    waiting = [o for o in memberships if not o.is_approved]
    form = None
    status = 200
    if is_open and organisations:
        form = OnlineCahierForm(request.POST or None, process=process, organisations=organisations)
        if request.method == "POST":
            if form.is_valid():
                try:
                    cahier = cahier_submit_online(process=process, data=_input(form), actor=user)
                except ContributionError as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(
                        request,
                        _(
                            "Cahier d'acteurs reçu : son numéro est %(receipt)s. Il sera "
                            "publié après relecture par l'équipe."
                        )
                        % {"receipt": cahier.contribution.receipt_number},
                    )
                    return redirect(process.get_absolute_url())
            status = 400
    elif request.method == "POST":
        status = 403 if is_open else 409
    return render(
        request,
        "collective/file.html",
        {
            "process": process,
            "channel": channel,
            "is_open": is_open,
            "organisations": organisations,
            "waiting": waiting,
            "form": form,
        },
        status=status,
    )


def _published_cahier(slug: str, receipt: str) -> CollectiveContribution:
    return get_object_or_404(
        CollectiveContribution.objects.select_related("contribution__process"),
        contribution__process__slug=slug,
        contribution__process__is_published=True,
        contribution__receipt_number=receipt,
        contribution__status=Contribution.Status.PUBLISHED,
    )


def cahier_detail(request: HttpRequest, slug: str, receipt: str) -> HttpResponse:
    cahier = _published_cahier(slug, receipt)
    return render(request, "collective/cahier_page.html", cahier_context(cahier))


def _published_work(slug: str, receipt: str) -> OriginalWork:
    return get_object_or_404(
        OriginalWork.objects.select_related("contribution__process"),
        contribution__process__slug=slug,
        contribution__process__is_published=True,
        contribution__receipt_number=receipt,
        contribution__status=Contribution.Status.PUBLISHED,
    )


@require_safe
def work_detail(request: HttpRequest, slug: str, receipt: str) -> HttpResponse:
    """The public page of a published original work: its title, authors, description, the
    work itself and its transcript or alternative text (publication requires one)."""
    work = _published_work(slug, receipt)
    return render(
        request,
        "collective/work_page.html",
        {"work": work, "contribution": work.contribution, "process": work.contribution.process},
    )


@require_safe
def work_public_file(request: HttpRequest, slug: str, receipt: str) -> FileResponse:
    """The file of a published original work, never under its uploaded name, in a sandbox."""
    work = _published_work(slug, receipt)
    try:
        handle = work.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, content_type=work.content_type, filename=f"oeuvre-{receipt}{work.extension}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "no-cache"
    return response


def cahier_pdf(request: HttpRequest, slug: str, receipt: str) -> HttpResponse:
    cahier = _published_cahier(slug, receipt)
    response = HttpResponse(render_cahier_pdf(cahier), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="cahier-{receipt}.pdf"'
    return response


# --- Staff: cahiers -----------------------------------------------------------------------------


@staff_view("staff_list", table=ACCESS)
def staff_list(request: HttpRequest) -> HttpResponse:
    cahiers = (
        CollectiveContribution.objects.select_related("contribution__process")
        .prefetch_related("proposals")
        .order_by("-created_at")[:200]
    )
    processes = list(Process.objects.order_by("-receipt_year", "title"))
    return render(
        request, "collective/staff_list.html", {"cahiers": cahiers, "processes": processes}
    )


@staff_view("staff_enter", table=ACCESS)
def staff_enter(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(Process, slug=slug)
    form = StaffCahierForm(request.POST or None, request.FILES or None, process=process)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                cahier = cahier_enter(
                    process=process,
                    data=_input(form),
                    document=form.cleaned_data["document"],
                    actor=_user(request),
                )
            except (ContributionError, ValidationError) as exc:
                form.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
            else:
                message = _("Cahier saisi : contribution %(receipt)s.") % {
                    "receipt": cahier.contribution.receipt_number
                }
                if cahier.is_late:
                    message += " " + _("Reçu après la clôture : il est marqué « hors délai ».")
                messages.success(request, message)
                return redirect("collective:staff_cahier", pk=cahier.pk)
        status = 400
    channel = collective_channel(process)
    return render(
        request,
        "collective/staff_enter.html",
        {
            "process": process,
            "form": form,
            "channel": channel,
            "is_open": channel is not None and channel.is_open(timezone.now()),
        },
        status=status,
    )


@staff_view("staff_cahier", table=ACCESS)
def staff_cahier(request: HttpRequest, pk: int) -> HttpResponse:
    cahier = get_object_or_404(
        CollectiveContribution.objects.select_related("contribution__process", "organisation"),
        pk=pk,
    )
    return render(request, "collective/staff_cahier.html", cahier_context(cahier))


@staff_view("staff_original", table=ACCESS)
def staff_original(request: HttpRequest, pk: int) -> FileResponse:
    cahier = get_object_or_404(CollectiveContribution, pk=pk)
    if not cahier.original:
        raise Http404(_("Ce cahier a été déposé en ligne : il n'a pas de document d'origine."))
    return _private_file(
        cahier.original,
        content_type=cahier.original_content_type,
        filename=f"cahier-{cahier.contribution_id}{cahier.original_extension}",
    )


# --- Staff: original works -----------------------------------------------------------------------


@staff_view("works", table=ACCESS)
def works(request: HttpRequest) -> HttpResponse:
    form = WorkForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                work = work_create(
                    process=data["process"],
                    kind=data["kind"],
                    title=data["title"],
                    authors=data["authors"],
                    description=data["description"],
                    text_alternative=data["text_alternative"],
                    questions=list(data["questions"]),
                    checked=data["file"],
                    actor=_user(request),
                )
            except ContributionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Œuvre enregistrée."))
                return redirect("collective:work", pk=work.pk)
        status = 400
    items = OriginalWork.objects.select_related("process", "contribution")[:200]
    return render(request, "collective/works.html", {"form": form, "works": items}, status=status)


def _get_work(pk: int) -> OriginalWork:
    return get_object_or_404(OriginalWork.objects.select_related("process", "contribution"), pk=pk)


@staff_view("work", table=ACCESS)
def work_view(request: HttpRequest, pk: int) -> HttpResponse:
    work = _get_work(pk)
    form = WorkTextForm(request.POST or None, initial={"text_alternative": work.text_alternative})
    if request.method == "POST" and form.is_valid():
        work_update_text(
            work=work, text_alternative=form.cleaned_data["text_alternative"], actor=_user(request)
        )
        messages.success(request, _("Transcription ou texte alternatif enregistré."))
        return redirect("collective:work", pk=work.pk)
    return render(request, "collective/work.html", {"work": work, "form": form})


@staff_view("work_file", table=ACCESS)
def work_file(request: HttpRequest, pk: int) -> FileResponse:
    work = _get_work(pk)
    return _private_file(
        work.file, content_type=work.content_type, filename=f"oeuvre-{work.pk}{work.extension}"
    )


@staff_view("work_publish", table=ACCESS)
def work_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    work = _get_work(pk)
    try:
        work_publish(work=work, actor=_user(request))
    except ContributionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Œuvre publiée."))
    return redirect("collective:work", pk=work.pk)
