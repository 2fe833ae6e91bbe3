"""From a filled, scanned sheet to a paper contribution, and every kind of bad input."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfWriter

from concerto.contributions.models import Contribution
from concerto.core.models import AuditEvent
from concerto.intake.models import PaperSheet, ScanBatch, ScanPage
from concerto.intake.pipeline import ticked
from concerto.intake.printing import Fill
from concerto.intake.services import (
    IntakeError,
    print_batch_create,
    scan_page_transcribe,
)
from tests.factories import UrnFactory
from tests.intake.helpers import char_accuracy, filled_pdf, images_to_pdf, scanned_png, upload

TEXT = (
    "Il faudrait plus de bancs dans le parc et des toilettes ouvertes le soir.\n"
    "Les horaires de la mairie annexe ne conviennent pas aux personnes qui travaillent."
)


def _fill(process, *, question=1, kind="proposal", consent=True, text=TEXT) -> Fill:
    q = process.questions.get(number=question)
    keys = {f"question:{q.pk}", f"kind:{kind}", "profile:resident"}
    keys.add(f"neighbourhood:{process.neighbourhoods.order_by('order').last().pk}")
    if consent:
        keys |= {"consent:processing", "consent:publication"}
    return Fill(frozenset(keys), text)


def _upload(client, process, name, content, content_type, callbacks):
    with callbacks(execute=True):
        response = client.post(
            reverse("intake:scans"),
            {"process": process.pk, "file": upload(name, content, content_type)},
        )
    return response


@pytest.fixture
def moderator_client(client_for):
    return client_for("moderator")


@pytest.mark.django_db
def test_filled_sheet_is_read_and_transcribed(
    process, printed, moderator_client, django_capture_on_commit_callbacks
):
    sheet = printed.sheets.get(number=2)
    fill = _fill(process, question=3)
    png = scanned_png(filled_pdf(printed, [(sheet, fill)]), dpi=150, angle=2.0, noise=0.04)
    response = _upload(
        moderator_client, process, "scan.png", png, "image/png", django_capture_on_commit_callbacks
    )
    batch = ScanBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:scan_batch", kwargs={"pk": batch.pk})
    page = batch.pages.get()
    assert page.state == ScanPage.State.READY, page.message
    assert page.sheet == sheet
    assert ticked(page.draft_ticks) == set(fill.ticked)
    assert char_accuracy(TEXT, page.draft_text) > 0.85, page.draft_text

    # The status list and the workspace show it; the image is served to staff.
    assert "à transcrire" in moderator_client.get(response["Location"]).content.decode()
    workspace = moderator_client.get(reverse("intake:page", kwargs={"pk": page.pk}))
    html = workspace.content.decode()
    assert workspace.status_code == 200
    assert "Valider et page suivante" in html
    image = moderator_client.get(reverse("intake:page_image", kwargs={"pk": page.pk}))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"

    # The form starts from the draft; the transcriber corrects and validates.
    form = workspace.context["form"]
    assert form.initial["kind"] == "proposal"
    assert form.initial["consent_processing"] is True
    assert form.initial["text"] == page.draft_text
    # One action discards the draft text (a link, works without JavaScript; intake.js
    # empties the field in place), the ticks read stay.
    assert 'href="?brouillon=vide#id_text"' in html and "js/intake.js" in html
    cleared = moderator_client.get(
        reverse("intake:page", kwargs={"pk": page.pk}), {"brouillon": "vide"}
    )
    assert cleared.context["form"].initial["text"] == ""
    assert cleared.context["form"].initial["kind"] == "proposal"
    assert "?brouillon=vide" not in cleared.content.decode()
    q3 = process.questions.get(number=3)
    data = {
        "text": TEXT,
        "questions": [q3.pk],
        "kind": "proposal",
        "neighbourhood": form.initial["neighbourhood"],
        "profile": "resident",
        "age_bracket": "",
        "consent_processing": "on",
        "consent_publication": "on",
        "next": "1",
    }
    response = moderator_client.post(reverse("intake:page", kwargs={"pk": page.pk}), data)
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.channel == "paper"
    assert contribution.answers.get().question == q3
    assert contribution.answers.get().text == TEXT
    sheet.refresh_from_db()
    page.refresh_from_db()
    assert sheet.contribution == contribution and sheet.urn == printed.urn
    assert page.contribution == contribution and page.state == ScanPage.State.TRANSCRIBED
    assert AuditEvent.objects.filter(action="intake.transcribe").count() == 1

    # The same sheet scanned again cannot be transcribed a second time.
    _upload(
        moderator_client,
        process,
        "encore.png",
        png,
        "image/png",
        django_capture_on_commit_callbacks,
    )
    again = ScanPage.objects.exclude(pk=page.pk).get()
    assert again.state == ScanPage.State.READY and again.sheet == sheet
    response = moderator_client.post(reverse("intake:page", kwargs={"pk": again.pk}), data)
    assert response.status_code == 400
    assert "déjà été transcrite" in response.content.decode()
    assert Contribution.objects.count() == 1


@pytest.mark.django_db
def test_database_refuses_a_second_transcription_of_a_sheet(process, printed, moderator):
    sheet = printed.sheets.first()
    batch = ScanBatch.objects.create(process=process, extension=".png", original_name="a.png")
    first = ScanPage.objects.create(batch=batch, index=0, sheet=sheet, state="ready")
    second = ScanPage.objects.create(batch=batch, index=1, sheet=sheet, state="ready")
    kwargs = {
        "actor": moderator,
        "kind": "testimony",
        "questions": [process.questions.first()],
        "text": "Un texte.",
        "neighbourhood": None,
        "profile": "",
        "age_bracket": "",
        "consent_publication": False,
        "consent_processing": True,
    }
    scan_page_transcribe(page=first, **kwargs)
    with pytest.raises(IntakeError, match="déjà été transcrite"):
        scan_page_transcribe(page=second, **kwargs)
    # Even bypassing the service, the database keeps one transcribed page per sheet.
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ScanPage.objects.filter(pk=second.pk).update(state="transcribed")


@pytest.mark.django_db
def test_page_without_qr_is_queued_then_identified_by_hand(
    process, printed, moderator_client, django_capture_on_commit_callbacks
):
    from PIL import Image, ImageDraw

    image = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(image).text((100, 100), "Une lettre, pas un formulaire", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    _upload(
        moderator_client,
        process,
        "lettre.jpg",
        buffer.getvalue(),
        "image/jpeg",
        django_capture_on_commit_callbacks,
    )
    page = ScanPage.objects.get()
    assert page.state == ScanPage.State.NEEDS_IDENTIFICATION
    assert "Aucun QR code lisible" in page.message
    html = moderator_client.get(reverse("intake:page", kwargs={"pk": page.pk})).content.decode()
    assert "Identifier la feuille" in html and "Écarter cette page" in html
    # An image that is not a form can leave the queue (audited), and still be identified.
    moderator_client.post(reverse("intake:page_dismiss", kwargs={"pk": page.pk}))
    page.refresh_from_db()
    assert page.state == ScanPage.State.DISMISSED
    assert AuditEvent.objects.get(action="intake.page_dismiss").data["was"] == page.message
    again = moderator_client.post(
        reverse("intake:page_dismiss", kwargs={"pk": page.pk}), follow=True
    )
    assert "Seule une page à identifier" in again.content.decode()

    url = reverse("intake:page_identify", kwargs={"pk": page.pk})
    response = moderator_client.post(url, {"number": "999"}, follow=True)
    assert "Aucune feuille n° 999" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(url, {"number": "1"})
    page.refresh_from_db()
    assert page.sheet == printed.sheets.get(number=1)
    assert page.state == ScanPage.State.READY  # read with the layout, without QR code


@pytest.mark.django_db
def test_sheet_of_another_process_is_detected(
    process, other_process, moderator_client, django_capture_on_commit_callbacks
):
    other_batch = print_batch_create(urn=UrnFactory(process=other_process), count=1, actor=None)
    pdf = filled_pdf(other_batch, [(other_batch.sheets.get(), _fill(other_process))])
    _upload(
        moderator_client,
        process,
        "autre.png",
        scanned_png(pdf, dpi=150),
        "image/png",
        django_capture_on_commit_callbacks,
    )
    page = ScanPage.objects.get()
    assert page.state == ScanPage.State.NEEDS_IDENTIFICATION
    assert page.sheet is None
    assert "autre démarche" in page.message and "Une autre démarche" in page.message


@pytest.mark.django_db
def test_forged_qr_code_is_detected(
    process, printed, moderator_client, django_capture_on_commit_callbacks, settings
):
    sheet = printed.sheets.first()
    real_key = settings.SECRET_KEY
    settings.SECRET_KEY = "une-autre-cle-secrete-" + "y" * 40  # signs a forged code
    pdf = filled_pdf(printed, [(sheet, _fill(process))])
    settings.SECRET_KEY = real_key
    png = scanned_png(pdf, dpi=150)
    _upload(
        moderator_client, process, "faux.png", png, "image/png", django_capture_on_commit_callbacks
    )
    page = ScanPage.objects.get()
    assert page.state == ScanPage.State.NEEDS_IDENTIFICATION
    assert "QR code non reconnu" in page.message


@pytest.mark.django_db
def test_multi_page_pdf_each_page_read(
    process, printed, moderator_client, django_capture_on_commit_callbacks
):
    sheets = list(printed.sheets.order_by("number")[:2])
    pdf = filled_pdf(printed, [(s, _fill(process, text="Bonjour.")) for s in sheets])
    scan = images_to_pdf([scanned_png(pdf, 0, dpi=100), scanned_png(pdf, 1, dpi=100)])
    _upload(
        moderator_client,
        process,
        "lot.pdf",
        scan,
        "application/pdf",
        django_capture_on_commit_callbacks,
    )
    batch = ScanBatch.objects.get()
    assert batch.page_count == 2
    assert [p.sheet for p in batch.pages.order_by("index")] == sheets
    assert set(batch.pages.values_list("state", flat=True)) == {ScanPage.State.READY}


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("protege.pdf", _encrypted_pdf(), "protégé par un mot de passe"),
        ("casse.pdf", b"%PDF-1.4\n1 0 obj garbage\n%%EOF\n", "illisible"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "illisible"),
        ("texte.pdf", b"bonjour", "pas une image"),
    ],
)
def test_bad_files_become_a_batch_in_error_never_lost(
    process, moderator_client, name, content, message
):
    response = moderator_client.post(
        reverse("intake:scans"),
        {"process": process.pk, "file": upload(name, content, "application/octet-stream")},
        follow=True,
    )
    batch = ScanBatch.objects.get()
    assert response.redirect_chain[-1][0] == reverse("intake:scan_batch", kwargs={"pk": batch.pk})
    html = response.content.decode()
    assert message in html and "Le fichier est conservé" in html
    assert batch.error.startswith(response.context["batch"].error[:20])
    assert message in batch.error and batch.page_count == 0
    assert batch.file.name.startswith("private/scans/") and not batch.pages.exists()
    with batch.file.open("rb") as handle:
        assert handle.read() == content
    event = AuditEvent.objects.get(action="intake.upload_refused")
    assert event.data["kept"] is True
    # In the list of batches with its error, downloadable, then closed by hand (audited).
    listing = moderator_client.get(reverse("intake:scans")).content.decode()
    assert name in listing and message in listing
    download = moderator_client.get(reverse("intake:batch_file", kwargs={"pk": batch.pk}))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Type"] == "application/octet-stream"
    assert b"".join(download.streaming_content) == content
    moderator_client.post(reverse("intake:batch_dismiss", kwargs={"pk": batch.pk}))
    batch.refresh_from_db()
    assert batch.dismissed_at is not None
    assert AuditEvent.objects.filter(action="intake.batch_dismiss").count() == 1
    listing = moderator_client.get(reverse("intake:scans")).content.decode()
    assert "Lot en erreur, classé." in listing


@pytest.mark.django_db
@pytest.mark.parametrize(("size_mb", "content", "message"), [(60, b"", "vide"), (0, b"%PDF", "")])
def test_empty_or_oversized_upload_is_refused_at_once(
    process, moderator_client, settings, size_mb, content, message
):
    """Nothing to keep: the person is told at once (400) and the refusal is audited."""
    settings.CONCERTO_MAX_SCAN_MB = size_mb
    response = moderator_client.post(
        reverse("intake:scans"),
        {"process": process.pk, "file": upload("scan.pdf", content, "application/pdf")},
    )
    assert response.status_code == 400
    assert (message or "taille maximale") in response.content.decode()
    assert not ScanBatch.objects.exists()
    assert AuditEvent.objects.filter(action="intake.upload_refused").count() == 1


@pytest.mark.django_db
def test_pdf_that_pdfium_cannot_split_is_kept_with_its_error(
    process, moderator, django_capture_on_commit_callbacks, monkeypatch
):
    from concerto.core.uploads import CheckedFile
    from concerto.intake import pipeline
    from concerto.intake.services import scan_batch_upload

    def broken(data):
        raise pipeline.PipelineError("PDF illisible.")

    monkeypatch.setattr(pipeline, "pdf_page_count", broken)
    checked = CheckedFile(b"%PDF-1.4 ...", "pdf", "application/pdf", ".pdf", "x.pdf")
    batch = scan_batch_upload(process=process, checked=checked, actor=moderator)
    assert batch.error and batch.page_count == 0 and batch.file


@pytest.mark.django_db
def test_a_crash_while_reading_leaves_the_page_in_error(
    process, printed, moderator_client, django_capture_on_commit_callbacks, monkeypatch
):
    from concerto.intake import pipeline

    def boom(*args, **kwargs):
        raise RuntimeError("boum")

    monkeypatch.setattr(pipeline, "read_qr", boom)
    pdf = filled_pdf(printed, [(printed.sheets.first(), _fill(process))])
    _upload(
        moderator_client,
        process,
        "a.png",
        scanned_png(pdf, dpi=100),
        "image/png",
        django_capture_on_commit_callbacks,
    )
    page = ScanPage.objects.get()
    assert page.state == ScanPage.State.ERROR and "relancez" in page.message
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(reverse("intake:page_retry", kwargs={"pk": page.pk}))
    page.refresh_from_db()
    assert page.state == ScanPage.State.READY


@pytest.mark.django_db
def test_unticked_processing_consent_refuses_validation(process, printed, moderator):
    batch = ScanBatch.objects.create(process=process, extension=".png", original_name="a.png")
    page = ScanPage.objects.create(
        batch=batch, index=0, sheet=printed.sheets.first(), state="ready"
    )
    from concerto.contributions.services import ContributionError

    with pytest.raises(ContributionError, match="traitement des données"):
        scan_page_transcribe(
            page=page,
            actor=moderator,
            kind="testimony",
            questions=[process.questions.first()],
            text="Un texte.",
            neighbourhood=None,
            profile="",
            age_bracket="",
            consent_publication=False,
            consent_processing=False,
        )
    assert not PaperSheet.objects.filter(contribution__isnull=False).exists()
