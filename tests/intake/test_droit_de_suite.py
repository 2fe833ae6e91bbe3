"""Paper in the droit de suite (issue 13, §3): the tear-off stub with the sheet's receipt
number, the follow-up page and the phone; the optional contact; nothing clipped; letters
and free-form pages transcribed as contributions. Every name and text here is invented."""

from __future__ import annotations

import pypdfium2
import pytest
from django.urls import reverse

from concerto.contributions.models import Contribution
from concerto.core.models import AuditEvent
from concerto.intake.layout import PAGE_H, Layout, Rect, build_layout, receipt_for_sheet
from concerto.intake.models import ScanBatch, ScanPage
from concerto.intake.services import IntakeError, scan_page_transcribe
from concerto.processes.models import Neighbourhood
from tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db
MM = 72 / 25.4  # PDF points per millimetre


def pdf_chars(pdf: bytes) -> list[tuple[str, float, float, float, float]]:
    """Every character of page 1 with its box in millimetres from the top-left corner."""
    document = pypdfium2.PdfDocument(pdf)
    text = document[0].get_textpage()
    chars = []
    for index in range(text.count_chars()):
        # pdfium marks a hyphen where a line was broken with U+FFFE
        char = text.get_text_range(index, 1).replace("\ufffe", "-")
        if not char.strip():
            continue
        left, bottom, right, top = text.get_charbox(index)
        chars.append((char, left / MM, PAGE_H - top / MM, right / MM, PAGE_H - bottom / MM))
    return chars


def page_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    return document[0].get_textpage().get_text_range()


def inside(rect: Rect, box: tuple[str, float, float, float, float], slack: float = 0.6) -> bool:
    _c, x0, y0, x1, y1 = box
    return (
        x0 >= rect.x - slack
        and x1 <= rect.x + rect.w + slack
        and y0 >= rect.y - slack
        and y1 <= rect.y + rect.h + slack
    )


def test_the_stub_carries_the_receipt_the_follow_up_page_and_the_phone(printed):
    pdf = printed.pdf.read()
    text = " ".join(page_text(pdf).split())
    receipt = receipt_for_sheet(printed.process, 1)
    assert receipt == f"{printed.process.receipt_prefix}-{printed.process.receipt_year}-P000001"
    assert f"N° de suivi : {receipt}" in text
    assert "/suivi/" in text
    phone = printed.process.phone_number
    if phone:
        assert phone in text
    assert "Coupon à garder" in text
    assert "par courrier ou par téléphone" in text  # the optional contact
    layout = Layout.from_json(printed.layout)
    stub = Rect(**layout.extra["stub"])
    assert stub.y + stub.h <= PAGE_H  # inside the page
    assert layout.writing.y + layout.writing.h < Rect(**layout.extra["contact"]).y


def test_long_neighbourhood_names_and_title_are_not_clipped():
    from concerto.intake.printing import SheetToPrint, render_sheets_pdf

    process = ProcessFactory(
        title=(
            "Assises des nouvelles solidarités : précarité, isolement et accès aux droits "
            "dans tous les quartiers de la ville"
        ),
        phone_number="0800 73 23 35",
    )
    for order, name in enumerate(
        [
            "Bellevue – Chantenay – Sainte-Anne",
            "Malakoff – Saint-Donatien",
            "Hauts-Pavés – Saint-Félix",
        ]
    ):
        Neighbourhood.objects.create(
            process=process, name=name, slug=f"long-{order}", order=100 + order
        )
    layout = build_layout(process)
    pdf = render_sheets_pdf(
        layout, [SheetToPrint(number=7, payload="x", urn_name="Mairie", receipt="T-2022-P000007")]
    )
    chars = pdf_chars(pdf)
    text = "".join(c[0] for c in chars)
    # Every label and text is printed whole, inside its own rectangle.
    for item in [
        *((b.label, b.label_rect) for b in layout.boxes),
        *((t.text, t.rect) for t in layout.texts),
    ]:
        wanted = "".join(item[0].split())
        assert wanted in text, (item[0], text[text.find(wanted[:6]) :][:60])
        start = text.index(wanted)
        boxes = chars[start : start + len(wanted)]
        outside = [b[0] for b in boxes if not inside(item[1], b)]
        assert not outside, (item[0], outside)


def _letter_page(process) -> ScanPage:
    batch = ScanBatch.objects.create(
        process=process,
        extension=".png",
        content_type="image/png",
        original_name="lettre.png",
        page_count=1,
    )
    return ScanPage.objects.create(
        batch=batch,
        index=0,
        state=ScanPage.State.NEEDS_IDENTIFICATION,
        message="Aucun QR code lisible sur cette page.",
    )


def test_a_letter_found_in_an_urn_becomes_a_contribution(process, moderator):
    page = _letter_page(process)
    question = process.questions.order_by("number").first()
    contribution = scan_page_transcribe(
        page=page,
        actor=moderator,
        kind=Contribution.Kind.TESTIMONY,
        questions=[question],
        text="Madame, Monsieur, je vis seule depuis la mort de mon mari et personne ne passe.",
        neighbourhood=None,
        profile="",
        age_bracket="over_75",
        consent_publication=False,
        consent_processing=True,
        followup_contact="12 rue des Exemples, 44000 Nantes (adresse inventée)",
        free_form=True,
    )
    page.refresh_from_db()
    assert page.state == ScanPage.State.TRANSCRIBED and page.contribution == contribution
    assert contribution.channel == "paper"
    assert contribution.status == Contribution.Status.PRIVATE  # analysed, not published
    assert contribution.followup_contact.startswith("12 rue des Exemples")
    assert AuditEvent.objects.filter(action="intake.transcribe_free_form").count() == 1


def test_a_letter_without_text_or_consent_is_refused_and_kept(process, moderator):
    page = _letter_page(process)
    question = process.questions.order_by("number").first()
    common = dict(
        page=page,
        actor=moderator,
        kind=Contribution.Kind.TESTIMONY,
        questions=[question],
        neighbourhood=None,
        profile="",
        age_bracket="",
        consent_publication=False,
        free_form=True,
    )
    with pytest.raises(IntakeError, match="Tapez le texte de la page"):
        scan_page_transcribe(**common, text="   ", consent_processing=True)
    from concerto.contributions.services import ContributionError

    with pytest.raises(ContributionError, match="traitement des données est nécessaire"):
        scan_page_transcribe(**common, text="Une lettre lisible.", consent_processing=False)
    page.refresh_from_db()
    assert page.state == ScanPage.State.NEEDS_IDENTIFICATION
    assert not Contribution.objects.exists()


def test_the_letter_form_is_offered_on_a_page_without_sheet(process, client_for):
    moderator_client = client_for("moderator")
    page = _letter_page(process)
    url = reverse("intake:page", kwargs={"pk": page.pk})
    response = moderator_client.get(url)
    assert "Transcrire comme une lettre ou une page libre" in response.content.decode()
    question = process.questions.order_by("number").first()
    response = moderator_client.post(
        url,
        {
            "free_form": "on",
            "text": "Bonjour, je voudrais des bancs près de l'arrêt de bus.",
            "questions": [question.pk],
            "kind": "proposal",
            "consent_processing": "on",
        },
    )
    assert response.status_code == 302
    assert Contribution.objects.get().channel == "paper"


def test_a_transcribed_sheet_keeps_the_receipt_of_its_stub(process, printed, moderator):
    page = ScanPage.objects.create(
        batch=ScanBatch.objects.create(
            process=process,
            extension=".png",
            content_type="image/png",
            original_name="scan.png",
            page_count=1,
        ),
        index=0,
        state=ScanPage.State.READY,
        sheet=printed.sheets.get(number=2),
    )
    contribution = scan_page_transcribe(
        page=page,
        actor=moderator,
        kind=Contribution.Kind.PROPOSAL,
        questions=[process.questions.order_by("number").first()],
        text="Des visites aux aînés le dimanche.",
        neighbourhood=None,
        profile="",
        age_bracket="",
        consent_publication=True,
        consent_processing=True,
    )
    assert contribution.receipt_number == receipt_for_sheet(process, 2)
    # The receipt path finds it by the number on the stub.
    assert (
        reverse("followup:path", kwargs={"receipt": contribution.receipt_number})
        == f"/suivi/{contribution.receipt_number}/"
    )


def test_a_blank_form_is_downloaded_from_the_process_page(
    client, process, django_assert_num_queries
):
    page = client.get(reverse("processes:detail", kwargs={"slug": process.slug}))
    url = reverse("intake:blank_form", kwargs={"slug": process.slug})
    assert url in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "public" in response["Cache-Control"]
    pdf = response.content
    text = " ".join(page_text(pdf).split())
    assert "Formulaire téléchargé (sans numéro)" in text
    assert "N° de suivi : donné à la saisie" in text
    assert "Feuille n°" not in text  # anonymous: no sheet number, no QR code
    # Cached: the same bytes, without rendering again.
    from concerto.intake import printing

    calls = []
    original = printing.render_sheets_pdf
    printing.render_sheets_pdf = lambda *a, **k: calls.append(1) or original(*a, **k)
    try:
        assert client.get(url).content == pdf
    finally:
        printing.render_sheets_pdf = original
    assert calls == []


def test_no_blank_form_for_an_unpublished_process(client):
    hidden = ProcessFactory(is_published=False)
    response = client.get(reverse("intake:blank_form", kwargs={"slug": hidden.slug}))
    assert response.status_code == 404
