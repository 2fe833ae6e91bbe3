"""Staff pages of the paper channel: urns, printing, collection rounds, transcription.

Views are thin: each is guarded by ``intake_view`` (see permissions.ACCESS), parses a form,
calls a service and renders or redirects. Everything works without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from concerto.accounts.models import User
from concerto.contributions.services import ContributionError
from concerto.core.uploads import _clean_name
from concerto.intake import selectors
from concerto.intake.forms import (
    CollectionRoundForm,
    IdentifyForm,
    PrintForm,
    TranscriptionForm,
    UploadForm,
    UrnForm,
    initial_from_draft,
    max_scan_bytes,
)
from concerto.intake.layout import LayoutError
from concerto.intake.models import CollectionRound, PrintBatch, ScanBatch, ScanPage
from concerto.intake.permissions import intake_view
from concerto.intake.printing import blank_form_pdf
from concerto.intake.services import (
    FREE_FORM_STATES,
    SYNC_PRINT_LIMIT,
    IntakeError,
    collection_round_record,
    print_batch_create,
    refused_upload_record,
    scan_batch_dismiss,
    scan_batch_store_refused,
    scan_batch_upload,
    scan_page_dismiss,
    scan_page_identify,
    scan_page_retry,
    scan_page_transcribe,
    urn_delete,
    urn_save,
)
from concerto.processes.models import Process, Urn
from concerto.processes.selectors import public_process_or_404


def _staff_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # intake_view let only logged-in staff through
    return user


def _private_file(
    field_file: object, *, content_type: str, filename: str, inline: bool
) -> FileResponse:
    try:
        handle = field_file.open("rb")  # type: ignore[attr-defined]
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Fichier introuvable.")) from exc
    response = FileResponse(
        handle, as_attachment=not inline, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- Urns, printing, collection rounds ------------------------------------------------------


@intake_view("urns")
def urns(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/urns.html", {"groups": selectors.urns_by_process()})


@intake_view("urn_create")
def urn_create(request: HttpRequest) -> HttpResponse:
    form = UrnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        urn = urn_save(urn=form.save(commit=False), actor=_staff_user(request))
        messages.success(request, _("Urne « %(name)s » créée.") % {"name": urn.place_name})
        return redirect("intake:urn_detail", pk=urn.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "intake/urn_form.html", {"form": form}, status=status)


@intake_view("urn_edit")
def urn_edit(request: HttpRequest, pk: int) -> HttpResponse:
    urn = get_object_or_404(Urn, pk=pk)
    form = UrnForm(request.POST or None, instance=urn)
    if request.method == "POST" and form.is_valid():
        urn_save(urn=form.save(commit=False), actor=_staff_user(request))
        messages.success(request, _("Urne enregistrée."))
        return redirect("intake:urn_detail", pk=urn.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "intake/urn_form.html", {"form": form, "urn": urn}, status=status)


@intake_view("urn_delete")
def urn_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    urn = get_object_or_404(Urn, pk=pk)
    try:
        urn_delete(urn=urn, actor=_staff_user(request))
    except IntakeError as exc:
        messages.error(request, str(exc))
        return redirect("intake:urn_detail", pk=pk)
    messages.success(request, _("Urne supprimée."))
    return redirect("intake:urns")


def _render_urn(
    request: HttpRequest,
    urn: Urn,
    *,
    print_form: PrintForm | None = None,
    round_form: CollectionRoundForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "intake/urn_detail.html",
        {
            "urn": urn,
            "batches": list(PrintBatch.objects.filter(urn=urn)),
            "rounds": list(CollectionRound.objects.filter(urn=urn).select_related("recorded_by")),
            "print_form": print_form or PrintForm(),
            "round_form": round_form or CollectionRoundForm(),
            "sync_limit": SYNC_PRINT_LIMIT,
        },
        status=status,
    )


@intake_view("urn_detail")
def urn_detail(request: HttpRequest, pk: int) -> HttpResponse:
    urn = get_object_or_404(Urn.objects.select_related("process", "neighbourhood"), pk=pk)
    return _render_urn(request, urn)


@intake_view("print_batch")
def print_batch(request: HttpRequest, pk: int) -> HttpResponse:
    urn = get_object_or_404(Urn.objects.select_related("process", "neighbourhood"), pk=pk)
    form = PrintForm(request.POST)
    if form.is_valid():
        try:
            batch = print_batch_create(
                urn=urn, count=form.cleaned_data["count"], actor=_staff_user(request)
            )
        except (IntakeError, LayoutError) as exc:
            form.add_error(None, str(exc))
        else:
            if batch.status == PrintBatch.Status.READY:
                messages.success(request, _("Le PDF est prêt : téléchargez-le ci-dessous."))
            else:
                messages.success(
                    request,
                    _("Le PDF est en préparation : actualisez la page dans quelques instants."),
                )
            return redirect("intake:urn_detail", pk=urn.pk)
    return _render_urn(request, urn, print_form=form, status=400)


@intake_view("batch_pdf")
def batch_pdf(request: HttpRequest, pk: int) -> FileResponse:
    batch = get_object_or_404(PrintBatch, pk=pk)
    if batch.status != PrintBatch.Status.READY or not batch.pdf:
        raise Http404(_("Ce PDF n'est pas encore prêt."))
    first = batch.sheets.order_by("number").values_list("number", flat=True).first() or 0
    return _private_file(
        batch.pdf,
        content_type="application/pdf",
        filename=f"formulaires-{batch.urn_id}-{first:06d}.pdf",
        inline=False,
    )


@intake_view("collection_round")
def collection_round(request: HttpRequest, pk: int) -> HttpResponse:
    urn = get_object_or_404(Urn.objects.select_related("process", "neighbourhood"), pk=pk)
    form = CollectionRoundForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        collection_round_record(
            urn=urn,
            collected_on=data["collected_on"],
            sheet_count=data["sheet_count"],
            note=data["note"],
            actor=_staff_user(request),
        )
        messages.success(request, _("Relève enregistrée."))
        return redirect("intake:urn_detail", pk=urn.pk)
    return _render_urn(request, urn, round_form=form, status=400)


# --- Scans and transcription -------------------------------------------------------------------


@intake_view("scans")
def scans(request: HttpRequest) -> HttpResponse:
    form = UploadForm()
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            batch = scan_batch_upload(
                process=form.cleaned_data["process"],
                checked=form.cleaned_data["file"],
                actor=_staff_user(request),
            )
            if batch.error:
                messages.error(request, batch.error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d page déposée : sa lecture est en cours.",
                        "%(count)d pages déposées : leur lecture est en cours.",
                        batch.page_count,
                    )
                    % {"count": batch.page_count},
                )
            return redirect("intake:scan_batch", pk=batch.pk)
        process = form.cleaned_data.get("process")
        upload = request.FILES.get("file")
        if isinstance(process, Process) and upload is not None and "file" in form.errors:
            name = _clean_name(upload.name or "")
            message = " ".join(str(e) for e in form.errors["file"])
            if 0 < (upload.size or 0) <= max_scan_bytes():
                # Encrypted or unreadable PDF, damaged image...: kept as a batch in error,
                # never lost.
                upload.seek(0)
                refused = scan_batch_store_refused(
                    process=process,
                    name=name,
                    data=upload.read(),
                    message=message,
                    actor=_staff_user(request),
                )
                messages.error(request, refused.error)
                return redirect("intake:scan_batch", pk=refused.pk)
            # Empty or over the size limit: nothing to keep, the person is told at once.
            refused_upload_record(
                process=process, name=name, message=message, actor=_staff_user(request)
            )
        status = 400
    return render(
        request,
        "intake/scans.html",
        {"form": form, "batches": selectors.scan_batches()},
        status=status,
    )


@intake_view("scan_batch")
def scan_batch(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(ScanBatch.objects.select_related("process"), pk=pk)
    pages = list(batch.pages.select_related("sheet", "contribution"))
    pending = sum(p.state in (ScanPage.State.QUEUED, ScanPage.State.PROCESSING) for p in pages)
    return render(
        request,
        "intake/scan_batch.html",
        {"batch": batch, "pages": pages, "pending": pending, "identify_form": IdentifyForm()},
    )


@intake_view("batch_file")
def batch_file(request: HttpRequest, pk: int) -> FileResponse:
    """The uploaded file as it was received (a download, never shown inline)."""
    batch = get_object_or_404(ScanBatch, pk=pk)
    if not batch.file:
        raise Http404(_("Fichier introuvable."))
    return _private_file(
        batch.file,
        content_type="application/octet-stream",
        filename=f"lot-{batch.pk}{batch.extension}",
        inline=False,
    )


@intake_view("batch_dismiss")
def batch_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(ScanBatch, pk=pk)
    try:
        scan_batch_dismiss(batch=batch, actor=_staff_user(request))
    except IntakeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Lot classé."))
    return redirect("intake:scan_batch", pk=batch.pk)


@intake_view("page_dismiss")
def page_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    page = _get_page(pk)
    try:
        scan_page_dismiss(page=page, actor=_staff_user(request))
    except IntakeError as exc:
        messages.error(request, str(exc))
        return redirect("intake:page", pk=page.pk)
    messages.success(request, _("Page écartée : ce n'est pas un formulaire."))
    return redirect("intake:scan_batch", pk=page.batch_id)


def _get_page(pk: int) -> ScanPage:
    return get_object_or_404(
        ScanPage.objects.select_related("batch__process", "sheet__urn", "contribution"), pk=pk
    )


def _next_page(page: ScanPage | None, process_id: int | None = None) -> ScanPage | None:
    pages = ScanPage.objects.filter(state=ScanPage.State.READY).order_by("batch_id", "index")
    if process_id is not None:
        pages = pages.filter(batch__process_id=process_id)
    if page is not None:
        pages = pages.exclude(pk=page.pk)
    return pages.first()


@intake_view("page")
def page_view(request: HttpRequest, pk: int) -> HttpResponse:
    page = _get_page(pk)
    cleared = request.GET.get("brouillon") == "vide"
    # "Effacer le brouillon": the ticks read stay, the text area starts empty for typing.
    form = TranscriptionForm(
        page=page, initial={**initial_from_draft(page), "text": ""} if cleared else None
    )
    status = 200
    if request.method == "POST":
        form = TranscriptionForm(request.POST, page=page)
        if form.is_valid():
            data = form.cleaned_data
            try:
                contribution = scan_page_transcribe(
                    page=page,
                    actor=_staff_user(request),
                    kind=data["kind"],
                    questions=list(data["questions"]),
                    text=data["text"],
                    neighbourhood=data["neighbourhood"],
                    profile=data["profile"],
                    age_bracket=data["age_bracket"],
                    consent_publication=data["consent_publication"],
                    consent_processing=data["consent_processing"],
                    followup_contact=data["followup_contact"],
                    free_form=data["free_form"],
                )
            except (IntakeError, ContributionError, ValidationError) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Feuille n° %(number)06d transcrite : contribution %(receipt)s.")
                    % {"number": page.sheet.number, "receipt": contribution}
                    if page.sheet
                    else _("Lettre transcrite : contribution %(receipt)s.")
                    % {"receipt": contribution},
                )
                if "next" in request.POST:
                    following = _next_page(page, page.batch.process_id)
                    if following is not None:
                        return redirect("intake:page", pk=following.pk)
                    messages.info(request, _("Plus aucune page à transcrire."))
                return redirect("intake:scan_batch", pk=page.batch_id)
        status = 400
    return render(
        request,
        "intake/page.html",
        {
            "page": page,
            "form": form,
            "draft_cleared": cleared,
            "identify_form": IdentifyForm(),
            "can_transcribe": page.state == ScanPage.State.READY and page.sheet_id is not None,
            # A letter or a free-form page (no sheet) can be transcribed as a contribution.
            "can_transcribe_free_form": page.sheet_id is None and page.state in FREE_FORM_STATES,
        },
        status=status,
    )


@intake_view("next_page")
def next_page(request: HttpRequest) -> HttpResponse:
    following = _next_page(None)
    if following is None:
        messages.info(request, _("Aucune page à transcrire pour l'instant."))
        return redirect("intake:scans")
    return redirect("intake:page", pk=following.pk)


@intake_view("page_identify")
def page_identify(request: HttpRequest, pk: int) -> HttpResponse:
    page = _get_page(pk)
    form = IdentifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Saisissez le numéro imprimé sur la feuille (un nombre)."))
        return redirect("intake:page", pk=page.pk)
    try:
        scan_page_identify(
            page=page, number=form.cleaned_data["number"], actor=_staff_user(request)
        )
    except IntakeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Feuille identifiée : sa lecture est relancée."))
    return redirect("intake:page", pk=page.pk)


@intake_view("page_retry")
def page_retry(request: HttpRequest, pk: int) -> HttpResponse:
    page = _get_page(pk)
    try:
        scan_page_retry(page=page, actor=_staff_user(request))
    except IntakeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Lecture relancée."))
    return redirect("intake:scan_batch", pk=page.batch_id)


@intake_view("page_image")
def page_image(request: HttpRequest, pk: int) -> FileResponse:
    page = get_object_or_404(ScanPage, pk=pk)
    if not page.image:
        raise Http404(_("Image pas encore prête."))
    return _private_file(
        page.image, content_type="image/png", filename=f"page-{page.pk}.png", inline=True
    )


@intake_view("counts")
def counts(request: HttpRequest) -> HttpResponse:
    processes = list(Process.objects.order_by("-receipt_year", "title"))
    chosen = next((p for p in processes if str(p.pk) == request.GET.get("process")), None)
    return render(
        request,
        "intake/counts.html",
        {"processes": processes, "chosen": chosen, **selectors.counts(chosen)},
    )


BLANK_FORM_SECONDS = 60 * 60 * 24


@require_safe
def blank_form(request: HttpRequest, slug: str) -> HttpResponse:
    """The blank A4 form of a published process, for anyone: the printed sheet without a
    number or a QR code (its stub says the receipt number is given at transcription; a
    page without a QR code waits for identification, or is transcribed as a free-form
    page). Rendered once per layout and kept in the shared cache."""
    process = public_process_or_404(slug)
    try:
        pdf = blank_form_pdf(process)
    except LayoutError as exc:
        return HttpResponse(str(exc), status=409, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="formulaire-{process.slug}.pdf"'
    patch_cache_control(response, public=True, max_age=BLANK_FORM_SECONDS)
    return response
