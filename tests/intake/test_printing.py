"""Urns, printed batches (a real PDF with decodable QR codes), collection rounds, counts."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from concerto.intake import pipeline
from concerto.intake.layout import Layout, build_layout
from concerto.intake.models import CollectionRound, PaperSheet, PrintBatch
from concerto.intake.qr import QrError, SheetRef, read_sheet, sign_sheet
from concerto.intake.services import SYNC_PRINT_LIMIT, print_batch_create
from tests.factories import ContributionFactory, UrnFactory


@pytest.mark.django_db
def test_batch_pdf_has_one_page_per_sheet_with_a_decodable_qr(process, urn, client_for):
    client = client_for("moderator")
    response = client.post(reverse("intake:print_batch", kwargs={"pk": urn.pk}), {"count": 3})
    assert response.status_code == 302
    batch = PrintBatch.objects.get()
    assert batch.status == PrintBatch.Status.READY
    download = client.get(reverse("intake:batch_pdf", kwargs={"pk": batch.pk}))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    pdf = b"".join(download.streaming_content)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 3
    numbers = []
    for index in range(3):
        found = pipeline.read_qr(pipeline.rasterise_pdf_page(pdf, index, dpi=100))
        assert found is not None
        ref = read_sheet(found.text)
        assert (ref.process_id, ref.urn_id) == (process.pk, urn.pk)
        numbers.append(ref.number)
    assert numbers == [1, 2, 3]
    # Numbers go on from batch to batch, unique in the process.
    second = print_batch_create(urn=UrnFactory(process=process), count=2, actor=None)
    assert list(second.sheets.values_list("number", flat=True)) == [4, 5]


@pytest.mark.django_db
def test_large_batch_is_generated_by_a_background_task(
    urn, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    from concerto.intake import services

    monkeypatch.setattr(services, "SYNC_PRINT_LIMIT", 1)
    calls = []
    real = services.print_batch_generate
    monkeypatch.setattr(
        services, "print_batch_generate", lambda batch, fills=None: calls.append(1) or real(batch)
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch = print_batch_create(urn=urn, count=2, actor=None)
    assert batch.status == PrintBatch.Status.PENDING and not calls
    html = client_for("moderator").get(reverse("intake:urn_detail", kwargs={"pk": urn.pk}))
    assert "en préparation" in html.content.decode()
    for callback in callbacks:
        callback()
    batch.refresh_from_db()
    assert batch.status == PrintBatch.Status.READY and calls == [1]
    assert SYNC_PRINT_LIMIT >= 1


def test_qr_payload_is_signed():
    from django.test import override_settings

    text = sign_sheet(SheetRef(1, 2, 3))
    assert read_sheet(text) == SheetRef(1, 2, 3)
    with pytest.raises(QrError):
        read_sheet(text.replace("C1.1.2.3", "C1.1.2.4"))
    with override_settings(SECRET_KEY="k" * 60), pytest.raises(QrError):
        read_sheet(text)
    assert len(text) < 80  # a small QR code


@pytest.mark.django_db
def test_layout_is_stored_and_reloaded(process):
    layout = build_layout(process)
    again = Layout.from_json(layout.to_json())
    assert again == layout
    keys = {box.key for box in layout.boxes}
    assert {f"question:{q.pk}" for q in process.questions.all()} <= keys
    assert {"consent:processing", "consent:publication", "kind:proposal"} <= keys
    assert layout.writing.h > 60  # a large writing area


@pytest.mark.django_db
def test_urn_crud_and_collection_rounds(process, client_for):
    client = client_for("admin")
    neighbourhood = process.neighbourhoods.first()
    data = {
        "process": process.pk,
        "code": "mq-doulon",
        "place_name": "Maison de quartier du Doulon",
        "place_kind": "maison_quartier",
        "address": "1 rue du Doulon",
        "neighbourhood": neighbourhood.pk,
        "opening_hours": "du lundi au vendredi, 9 h - 18 h",
    }
    response = client.post(reverse("intake:urn_create"), data)
    assert response.status_code == 302
    urn = process.urns.get(code="mq-doulon")
    # Same code twice, or a neighbourhood of another process: refused with a message.
    assert client.post(reverse("intake:urn_create"), data).status_code == 400
    other = UrnFactory().process.neighbourhoods.first()
    response = client.post(
        reverse("intake:urn_create"), {**data, "code": "x", "neighbourhood": other.pk}
    )
    assert response.status_code == 400
    assert "n&#x27;appartient pas à cette démarche" in response.content.decode()

    # Listed on the process page and in the staff list.
    assert "Maison de quartier du Doulon" in client.get(process.get_absolute_url()).content.decode()
    assert "Maison de quartier du Doulon" in client.get(reverse("intake:urns")).content.decode()

    url = reverse("intake:collection_round", kwargs={"pk": urn.pk})
    assert client.post(url, {"collected_on": "2022-05-02", "sheet_count": 17}).status_code == 302
    assert client.post(url, {"collected_on": "", "sheet_count": -1}).status_code == 400
    round_ = CollectionRound.objects.get()
    assert round_.sheet_count == 17 and round_.urn == urn
    assert "17" in client.get(reverse("intake:urn_detail", kwargs={"pk": urn.pk})).content.decode()

    # An urn with printed sheets cannot be deleted; one without can.
    print_batch_create(urn=urn, count=1, actor=None)
    client.post(reverse("intake:urn_delete", kwargs={"pk": urn.pk}))
    assert process.urns.filter(pk=urn.pk).exists()
    spare = UrnFactory(process=process)
    client.post(reverse("intake:urn_delete", kwargs={"pk": spare.pk}))
    assert not process.urns.filter(pk=spare.pk).exists()


@pytest.mark.django_db
def test_counts_by_channel_urn_and_day(process, urn, client_for):
    batch = print_batch_create(urn=urn, count=2, actor=None)
    paper = ContributionFactory(process=process, channel="paper")
    PaperSheet.objects.filter(batch=batch, number=1).update(contribution=paper)
    ContributionFactory(process=process)
    CollectionRound.objects.create(urn=urn, collected_on="2022-05-02", sheet_count=9)
    response = client_for("analyst").get(reverse("intake:counts"), {"process": process.pk})
    assert response.status_code == 200
    context = response.context
    assert dict(context["by_channel"]) == {"formulaire papier": 1, "formulaire en ligne": 1}
    assert context["by_urn"] == [{"urn": urn, "printed": 2, "collected": 9, "transcribed": 1}]
    assert len(context["by_day"]) == 1 and context["by_day"][0][2] == 2
