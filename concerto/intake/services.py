"""Writes of the paper channel. Every function owns its transaction and audit row."""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid
from functools import partial
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.contributions.models import Contribution
from concerto.contributions.services import ContributionInput, contribution_submit
from concerto.core.audit import audit
from concerto.core.uploads import CheckedFile
from concerto.intake import pipeline
from concerto.intake.layout import Layout, build_layout, receipt_for_sheet
from concerto.intake.models import CollectionRound, PaperSheet, PrintBatch, ScanBatch, ScanPage
from concerto.intake.printing import Fill, SheetToPrint, render_sheets_pdf
from concerto.intake.qr import QrError, SheetRef, read_sheet, sign_sheet
from concerto.processes.models import Channel, Neighbourhood, Process, Question, Urn

logger = logging.getLogger(__name__)

SYNC_PRINT_LIMIT = 20  # batches up to this size are generated during the request
MAX_PRINT_BATCH = 1000


class IntakeError(Exception):
    """A write was refused; ``str(exc)`` is a French message for the person."""


# --- Urns -------------------------------------------------------------------------------------


def urn_save(*, urn: Urn, actor: User) -> Urn:
    created = urn.pk is None
    with transaction.atomic():
        urn.save()
        audit(actor=actor, action="urn.create" if created else "urn.update", target=urn)
    return urn


def urn_delete(*, urn: Urn, actor: User) -> None:
    if PaperSheet.objects.filter(urn=urn).exists():
        raise IntakeError(
            _(
                "Des feuilles ont été imprimées pour cette urne : elle ne peut plus être "
                "supprimée (modifiez plutôt ses dates de présence)."
            )
        )
    with transaction.atomic():
        audit(actor=actor, action="urn.delete", target=urn)
        CollectionRound.objects.filter(urn=urn).delete()
        urn.delete()


# --- Printing -----------------------------------------------------------------------------


def sheets_to_print(batch: PrintBatch) -> list[SheetToPrint]:
    return [
        SheetToPrint(
            number=sheet.number,
            payload=sign_sheet(SheetRef(batch.process_id, batch.urn_id, sheet.number)),
            urn_name=batch.urn.place_name,
            receipt=receipt_for_sheet(batch.process, sheet.number),
        )
        for sheet in batch.sheets.order_by("number")
    ]


def print_batch_create(
    *, urn: Urn, count: int, actor: User | None, now: dt.datetime | None = None
) -> PrintBatch:
    """Reserve ``count`` sheet numbers for ``urn`` and make their PDF (now if the batch is
    small, else in a background task)."""
    if not 1 <= count <= MAX_PRINT_BATCH:
        raise IntakeError(
            _("Imprimez entre 1 et %(max)d feuilles à la fois.") % {"max": MAX_PRINT_BATCH}
        )
    process = urn.process
    layout = build_layout(process)  # LayoutError (a French message) if it does not fit
    now = now or timezone.now()
    with transaction.atomic():
        # Lock the process row: sheet numbers are allocated one batch at a time.
        Process.objects.select_for_update().filter(pk=process.pk).first()
        last = PaperSheet.objects.filter(process=process).aggregate(m=Max("number"))["m"] or 0
        batch = PrintBatch.objects.create(
            process=process, urn=urn, count=count, layout=layout.to_json(), created_by=actor
        )
        PaperSheet.objects.bulk_create(
            PaperSheet(process=process, urn=urn, batch=batch, number=last + i, printed_at=now)
            for i in range(1, count + 1)
        )
        audit(
            actor=actor,
            action="intake.print",
            target=urn,
            data={"batch": batch.pk, "first": last + 1, "last": last + count},
        )
        if count > SYNC_PRINT_LIMIT:
            from concerto.intake.tasks import generate_print_batch

            transaction.on_commit(partial(generate_print_batch.enqueue, batch.pk), robust=True)
    if count <= SYNC_PRINT_LIMIT:
        print_batch_generate(batch)
    return batch


def print_batch_generate(batch: PrintBatch, fills: list[Fill] | None = None) -> PrintBatch:
    try:
        pdf = render_sheets_pdf(Layout.from_json(batch.layout), sheets_to_print(batch), fills)
    except Exception:
        logger.exception("Impression du lot %s impossible", batch.pk)
        batch.status = PrintBatch.Status.ERROR
        batch.error = _("La génération du PDF a échoué.")
        batch.save(update_fields=["status", "error"])
        return batch
    batch.pdf.save("lot.pdf", ContentFile(pdf), save=False)
    batch.status = PrintBatch.Status.READY
    batch.error = ""
    batch.save(update_fields=["pdf", "status", "error"])
    return batch


# --- Collection rounds ------------------------------------------------------------------------


def collection_round_record(
    *, urn: Urn, collected_on: dt.date, sheet_count: int, note: str, actor: User
) -> CollectionRound:
    with transaction.atomic():
        entry = CollectionRound.objects.create(
            urn=urn,
            collected_on=collected_on,
            sheet_count=sheet_count,
            note=note.strip(),
            recorded_by=actor,
        )
        audit(
            actor=actor,
            action="intake.collect",
            target=urn,
            data={"date": collected_on.isoformat(), "sheets": sheet_count},
        )
    return entry


# --- Scans ---------------------------------------------------------------------------------------


def scan_batch_upload(*, process: Process, checked: CheckedFile, actor: User) -> ScanBatch:
    """Store an upload and queue one reading task per page. A PDF that cannot be split
    into pages is kept with its error message (never lost silently)."""
    page_count, error = 1, ""
    if checked.kind == "pdf":
        try:
            page_count = pipeline.pdf_page_count(checked.content)
        except pipeline.PipelineError:
            page_count, error = 0, _("Le PDF est illisible : aucune page n'a pu en être extraite.")
        if page_count > pipeline.MAX_PDF_PAGES:
            page_count, error = (
                0,
                _("Le PDF a plus de %(max)d pages : découpez-le en plusieurs lots.")
                % {"max": pipeline.MAX_PDF_PAGES},
            )
    with transaction.atomic():
        batch = ScanBatch(
            process=process,
            extension=checked.extension,
            content_type=checked.content_type,
            original_name=checked.original_name,
            page_count=page_count,
            error=error,
            uploaded_by=actor,
        )
        batch.file.save("scan", ContentFile(checked.content), save=False)
        batch.save()
        ScanPage.objects.bulk_create(ScanPage(batch=batch, index=i) for i in range(page_count))
        audit(
            actor=actor,
            action="intake.upload",
            target=batch,
            data={"pages": page_count, "error": error},
        )
        from concerto.intake.tasks import process_scan_page

        for page_id in batch.pages.values_list("pk", flat=True):
            transaction.on_commit(partial(process_scan_page.enqueue, page_id), robust=True)
    return batch


def refused_upload_record(*, process: Process, name: str, message: str, actor: User) -> None:
    """An upload with nothing to keep (empty, over the size limit): written to the audit log
    so the refusal leaves a trace, with the French message shown to the person."""
    with transaction.atomic():
        audit(
            actor=actor,
            action="intake.upload_refused",
            target=process,
            data={"file": name[:120], "message": message},
        )


KEPT_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png"}


def scan_batch_store_refused(
    *, process: Process, name: str, data: bytes, message: str, actor: User
) -> ScanBatch:
    """A file the upload checks refused (encrypted or unreadable PDF, damaged image, not a
    scan at all) is never lost: it is kept privately as a batch without pages, with the
    French message, in the list of batches, until someone closes it."""
    suffix = Path(name).suffix.lower()
    error = _(
        "%(reason)s Le fichier est conservé dans la liste des lots (téléchargez-le pour le "
        "corriger, par exemple retirer le mot de passe, puis déposez-le à nouveau) ; classez "
        "ce lot une fois traité."
    ) % {"reason": message.strip()}
    with transaction.atomic():
        batch = ScanBatch(
            process=process,
            extension=suffix if suffix in KEPT_SUFFIXES else ".bin",
            content_type="application/octet-stream",  # served as a download only
            original_name=name[:120],
            page_count=0,
            error=error,
            uploaded_by=actor,
        )
        batch.file.save("scan", ContentFile(data), save=False)
        batch.save()
        audit(
            actor=actor,
            action="intake.upload_refused",
            target=batch,
            data={"file": name[:120], "message": message, "kept": True},
        )
    return batch


def scan_batch_dismiss(*, batch: ScanBatch, actor: User) -> ScanBatch:
    """Close a batch that could not be read (its error has been dealt with)."""
    if not batch.error:
        raise IntakeError(_("Seul un lot en erreur peut être classé."))
    if batch.dismissed_at is not None:
        raise IntakeError(_("Ce lot est déjà classé."))
    with transaction.atomic():
        batch.dismissed_at = timezone.now()
        batch.dismissed_by = actor
        batch.save(update_fields=["dismissed_at", "dismissed_by"])
        audit(actor=actor, action="intake.batch_dismiss", target=batch)
    return batch


def scan_page_dismiss(*, page: ScanPage, actor: User) -> ScanPage:
    """A page that is not a participation form (a letter, a blank page, a drawing...) leaves
    the identification queue. Audited; the image stays, the page can still be identified."""
    if page.state not in (ScanPage.State.NEEDS_IDENTIFICATION, ScanPage.State.ERROR):
        raise IntakeError(_("Seule une page à identifier ou en erreur peut être écartée."))
    with transaction.atomic():
        page.state = ScanPage.State.DISMISSED
        page.save(update_fields=["state"])
        audit(actor=actor, action="intake.page_dismiss", target=page, data={"was": page.message})
    return page


def _page_image(page: ScanPage) -> Any:
    """The page as a grayscale PIL image, storing its PNG the first time."""
    from PIL import Image

    if page.image:
        with page.image.open("rb") as handle:
            return Image.open(handle).convert("L")
    with page.batch.file.open("rb") as handle:
        data = handle.read()
    if page.batch.extension == ".pdf":
        image = pipeline.rasterise_pdf_page(data, page.index)
    else:
        image = pipeline.open_image(data)
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    page.image.save("page.png", ContentFile(buffer.getvalue()), save=False)
    page.save(update_fields=["image"])
    return image


def _identify(page: ScanPage, ref: SheetRef) -> tuple[PaperSheet | None, str]:
    process = page.batch.process
    if ref.process_id != process.pk:
        other = Process.objects.filter(pk=ref.process_id).first()
        return None, _(
            "Cette feuille appartient à une autre démarche (%(other)s) : elle n'a pas été "
            "lue. Déposez-la dans les numérisations de sa démarche, ou identifiez-la à la main."
        ) % {"other": f"« {other.title} »" if other else _("inconnue")}
    sheet = (
        PaperSheet.objects.select_related("batch")
        .filter(process=process, number=ref.number)
        .first()
    )
    if sheet is None or sheet.urn_id != ref.urn_id:
        return None, _("Le QR code désigne une feuille n° %(number)d qui n'existe pas.") % {
            "number": ref.number
        }
    return sheet, ""


def scan_page_process(page: ScanPage) -> ScanPage:
    """Read one page: QR code, then (if the sheet is known) ticks and text. The page ends
    ``ready``, ``needs_identification`` (with a message) or ``error``; never lost."""
    started = time.monotonic()
    ScanPage.objects.filter(pk=page.pk).update(state=ScanPage.State.PROCESSING)
    page.state = ScanPage.State.PROCESSING
    try:
        image = _page_image(page)
        if page.sheet_id is None:
            qr = pipeline.read_qr(image)
            if qr is None:
                return _finish(
                    page,
                    started,
                    ScanPage.State.NEEDS_IDENTIFICATION,
                    _(
                        "Aucun QR code lisible sur cette page (feuille abîmée, mal numérisée ou "
                        "qui n'est pas un formulaire) : saisissez son numéro de feuille."
                    ),
                )
            page.qr_text = qr.text[:200]
            try:
                sheet, message = _identify(page, read_sheet(qr.text))
            except QrError as exc:
                sheet, message = None, str(exc)
            if sheet is None:
                return _finish(page, started, ScanPage.State.NEEDS_IDENTIFICATION, message)
            page.sheet = sheet
        else:
            qr = pipeline.read_qr(image)
        assert page.sheet is not None
        layout = Layout.from_json(page.sheet.batch.layout)
        reading = pipeline.read_page(image, layout, qr)
        page.draft_ticks = reading.ticks
        page.draft_text = reading.text
        message = ""
        if reading.method == "page":
            message = _("Repères d'alignement introuvables : vérifiez les cases lues sur l'image.")
        return _finish(page, started, ScanPage.State.READY, message)
    except pipeline.SystemDependencyMissing as exc:
        logger.error("%s", exc)
        return _finish(page, started, ScanPage.State.ERROR, str(exc))
    except pipeline.PipelineError as exc:
        return _finish(page, started, ScanPage.State.ERROR, str(exc))
    except Exception:
        logger.exception("Lecture de la page %s impossible", page.pk)
        return _finish(
            page,
            started,
            ScanPage.State.ERROR,
            _("La lecture automatique a échoué : relancez-la ou transcrivez la page à la main."),
        )


def _finish(page: ScanPage, started: float, state: str, message: str) -> ScanPage:
    page.state = state
    page.message = message
    page.processed_at = timezone.now()
    page.seconds = round(time.monotonic() - started, 3)
    page.save(
        update_fields=[
            "state",
            "message",
            "processed_at",
            "seconds",
            "sheet",
            "qr_text",
            "draft_text",
            "draft_ticks",
        ]
    )
    return page


def scan_page_identify(*, page: ScanPage, number: int, actor: User) -> ScanPage:
    """Staff typed the sheet number of a page whose QR code could not be used."""
    if page.state == ScanPage.State.TRANSCRIBED:
        raise IntakeError(_("Cette page est déjà transcrite."))
    sheet = PaperSheet.objects.filter(process=page.batch.process, number=number).first()
    if sheet is None:
        raise IntakeError(
            _("Aucune feuille n° %(number)d n'a été imprimée pour cette démarche.")
            % {"number": number}
        )
    if sheet.contribution_id is not None:
        raise IntakeError(_already_transcribed(sheet))
    with transaction.atomic():
        page.sheet = sheet
        page.state = ScanPage.State.QUEUED
        page.message = ""
        page.save(update_fields=["sheet", "state", "message"])
        audit(actor=actor, action="intake.identify", target=page, data={"sheet": number})
        from concerto.intake.tasks import process_scan_page

        transaction.on_commit(partial(process_scan_page.enqueue, page.pk), robust=True)
    return page


def scan_page_retry(*, page: ScanPage, actor: User) -> ScanPage:
    # A page left "processing" by a worker that stopped can be relaunched too.
    if page.state not in (ScanPage.State.ERROR, ScanPage.State.QUEUED, ScanPage.State.PROCESSING):
        raise IntakeError(_("Seule une page en erreur ou en attente peut être relancée."))
    with transaction.atomic():
        page.state = ScanPage.State.QUEUED
        page.save(update_fields=["state"])
        audit(actor=actor, action="intake.retry", target=page)
        from concerto.intake.tasks import process_scan_page

        transaction.on_commit(partial(process_scan_page.enqueue, page.pk), robust=True)
    return page


FREE_FORM_STATES = (
    ScanPage.State.NEEDS_IDENTIFICATION,
    ScanPage.State.ERROR,
    ScanPage.State.DISMISSED,
)


def _paper_contribution(
    *, page: ScanPage, process: Process, data: ContributionInput, receipt_number: str = ""
) -> Contribution:
    """The contribution of the "paper" channel made from ``page``, which is then done
    (inside the caller's transaction)."""
    contribution = contribution_submit(
        process=process,
        data=data,
        submission_token=uuid.uuid4(),
        channel=Channel.Kind.PAPER,
        user=None,
        check_channel=False,
        receipt_number=receipt_number,
    ).contribution
    page.contribution = contribution
    page.state = ScanPage.State.TRANSCRIBED
    page.message = ""
    page.save(update_fields=["contribution", "state", "message"])
    return contribution


def _transcribe_free_form(
    *, page: ScanPage, actor: User, data: ContributionInput, process: Process
) -> Contribution:
    with transaction.atomic():
        locked = ScanPage.objects.select_for_update().get(pk=page.pk)
        if locked.state == ScanPage.State.TRANSCRIBED:
            raise IntakeError(_("Cette page est déjà transcrite."))
        was = locked.state
        contribution = _paper_contribution(page=locked, process=process, data=data)
        audit(
            actor=actor,
            action="intake.transcribe_free_form",
            target=contribution,
            data={"page": locked.pk, "batch": locked.batch_id, "was": was},
        )
    page.refresh_from_db()
    return contribution


def _already_transcribed(sheet: PaperSheet) -> str:
    receipt = sheet.contribution.receipt_number if sheet.contribution else "?"
    return _(
        "La feuille n° %(number)06d a déjà été transcrite (contribution %(receipt)s) : "
        "une feuille ne peut l'être qu'une fois."
    ) % {"number": sheet.number, "receipt": receipt}


def scan_page_transcribe(
    *,
    page: ScanPage,
    actor: User,
    kind: str,
    questions: list[Question],
    text: str,
    neighbourhood: Neighbourhood | None,
    profile: str,
    age_bracket: str,
    consent_publication: bool,
    consent_processing: bool,
    followup_contact: str = "",
    free_form: bool = False,
) -> Contribution:
    """Validate a transcription: a contribution of the "paper" channel, linked to its
    sheet and scanned page, under the receipt number printed on the sheet's stub. The text
    answers each ticked question.

    ``free_form``: a letter or a free-form page found in an urn (no sheet: it waits for an
    identification, is in error or was set aside) becomes a contribution too, with the next
    receipt number of the process."""
    if page.state == ScanPage.State.TRANSCRIBED:
        raise IntakeError(_("Cette page est déjà transcrite."))
    if free_form:
        if page.sheet_id is not None:
            raise IntakeError(_("Cette page est une feuille identifiée : transcrivez-la."))
        if page.state not in FREE_FORM_STATES:
            raise IntakeError(_("Cette page attend encore sa lecture : réessayez dans un instant."))
    elif page.sheet_id is None:
        raise IntakeError(_("Identifiez d'abord la feuille (son numéro) avant de valider."))
    if not text.strip():
        raise IntakeError(
            _(
                "Tapez le texte de la page : sans texte lisible, elle ne devient pas une "
                "contribution (elle reste dans la file, rien n'est perdu)."
            )
        )
    if not questions:
        raise IntakeError(_("Cochez au moins une question."))
    data = ContributionInput(
        kind=kind,
        neighbourhood=neighbourhood,
        profile=profile,
        age_bracket=age_bracket,
        consent_publication=consent_publication,
        consent_processing=consent_processing,
        answers=dict.fromkeys(questions, text),
        followup_contact=followup_contact,
    )
    process = page.batch.process
    if free_form:
        return _transcribe_free_form(page=page, actor=actor, data=data, process=process)
    sheet_id = page.sheet_id
    assert sheet_id is not None  # checked above
    try:
        with transaction.atomic():
            sheet = PaperSheet.objects.select_for_update().get(pk=sheet_id)
            if sheet.contribution_id is not None:
                raise IntakeError(_already_transcribed(sheet))
            contribution = _paper_contribution(
                page=page,
                process=process,
                data=data,
                receipt_number=receipt_for_sheet(process, sheet.number),
            )
            sheet.contribution = contribution
            sheet.save(update_fields=["contribution"])
            audit(
                actor=actor,
                action="intake.transcribe",
                target=contribution,
                data={"sheet": sheet.number, "urn": sheet.urn_id, "page": page.pk},
            )
    except IntegrityError as exc:
        sheet = PaperSheet.objects.select_related("contribution").get(pk=sheet_id)
        raise IntakeError(_already_transcribed(sheet)) from exc
    except ValidationError as exc:  # pragma: no cover - defensive
        raise IntakeError(" ".join(exc.messages)) from exc
    return contribution
