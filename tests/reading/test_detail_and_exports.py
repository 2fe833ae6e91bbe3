from __future__ import annotations

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concerto.contributions import exports
from concerto.contributions.models import Answer, Contribution
from tests.factories import ProcessFactory
from tests.reading.conftest import add_image, add_pdf, make_contributions, published

pytestmark = pytest.mark.django_db


def detail_url(contribution) -> str:
    return reverse(
        "contributions:detail",
        kwargs={"slug": contribution.process.slug, "receipt": contribution.receipt_number},
    )


def file_url(attachment) -> str:
    contribution = attachment.contribution
    return reverse(
        "contributions:attachment",
        kwargs={
            "slug": contribution.process.slug,
            "receipt": contribution.receipt_number,
            "pk": attachment.pk,
        },
    )


def export(client, process, fmt: str):
    response = client.get(reverse(f"contributions:export_{fmt}", kwargs={"slug": process.slug}))
    assert response.status_code == 200
    assert response.streaming
    return response, b"".join(response.streaming_content).decode("utf-8")


# --- Detail -----------------------------------------------------------------------------


def test_detail_shows_full_text_metadata_and_files(client, process):
    long_text = " ".join(f"mot{i}" for i in range(120))
    contribution = published(process, text=long_text, author_name="Dominique", age_bracket="26_40")
    q2 = process.questions.get(number=2)
    Answer.objects.create(
        contribution=contribution, question=q2, text="Original avec nom", public_text="Masqué"
    )
    image = add_image(contribution)
    pdf = add_pdf(contribution)
    response = client.get(detail_url(contribution))
    assert response.status_code == 200
    html = response.content.decode()
    assert "mot119" in html
    assert "Question numéro 2 ?" in html
    assert "Masqué" in html
    assert "Original avec nom" not in html
    assert "Dominique" in html
    assert "26 à 40 ans" not in html  # the age bracket is never published
    assert f'src="{file_url(image)}"' in html
    assert f'alt="Pièce jointe 1 de la contribution {contribution.receipt_number}"' in html
    assert f'href="{file_url(pdf)}"' in html
    assert "photo-de-Camille" not in html


def test_unpublished_detail_is_404(client, process, hidden):
    for contribution in hidden:
        assert client.get(detail_url(contribution)).status_code == 404


def test_detail_of_unpublished_process_or_wrong_process_is_404(client, process):
    contribution = published(process)
    other = ProcessFactory()
    url = reverse(
        "contributions:detail", kwargs={"slug": other.slug, "receipt": contribution.receipt_number}
    )
    assert client.get(url).status_code == 404
    process.is_published = False
    process.save()
    assert client.get(detail_url(contribution)).status_code == 404


@pytest.mark.parametrize("receipt", ["inconnu", "A" * 300, "%00", "x%2500"])
def test_unknown_receipts_are_404(client, process, receipt):
    url = f"/demarches/{process.slug}/contributions/{receipt}/"
    assert client.get(url).status_code == 404


def test_detail_queries_do_not_grow(client, process):
    contribution = make_contributions(process, 1)[0]
    url = detail_url(contribution)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(4, 30):
        Answer.objects.create(
            contribution=contribution,
            question=process.questions.create(number=number, title=f"Q{number}"),
            text="Encore.",
        )
        add_image(contribution)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(few.captured_queries) == len(many.captured_queries) <= 5


# --- Files --------------------------------------------------------------------------------


def test_image_is_served_inline_with_safe_headers(client, process):
    contribution = published(process)
    image = add_image(contribution)
    response = client.get(file_url(image))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert "photo" not in response["Content-Disposition"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_pdf_is_a_download(client, process):
    pdf = add_pdf(published(process))
    response = client.get(file_url(pdf))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "mon-cv" not in response["Content-Disposition"]


def test_files_of_unpublished_contributions_are_404(client, process, hidden):
    for contribution in hidden:
        attachment = contribution.attachments.get()
        assert client.get(file_url(attachment)).status_code == 404


def test_file_under_another_contribution_is_404(client, process):
    first = published(process)
    second = published(process)
    attachment = add_image(first)
    url = reverse(
        "contributions:attachment",
        kwargs={"slug": process.slug, "receipt": second.receipt_number, "pk": attachment.pk},
    )
    assert client.get(url).status_code == 404
    huge = f"/demarches/{process.slug}/contributions/{first.receipt_number}/fichiers/{10**30}/"
    assert client.get(huge).status_code == 404


def test_missing_file_on_disk_is_404(client, process):
    attachment = add_image(published(process))
    attachment.file.storage.delete(attachment.file.name)
    assert client.get(file_url(attachment)).status_code == 404


# --- Open data -------------------------------------------------------------------------------


def test_csv_export_is_anonymised_one_row_per_answer(client, process, hidden):
    contribution = published(
        process,
        text='=HYPERLINK("http://evil")',
        author_name="Dominique Secret",
        email="dominique@exemple.test",
        age_bracket="26_40",
    )
    Answer.objects.create(
        contribution=contribution,
        question=process.questions.get(number=2),
        text="Appelez Jean Dupont",
        public_text="Appelez [masqué]",
    )
    response, body = export(client, process, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert not body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [row["question"] for row in rows] == ["1", "2"]
    first = rows[0]
    assert set(first) == {
        "receipt_number",
        "published_on",
        "channel",
        "kind",
        "neighbourhood",
        "profile",
        "question",
        "text",
    }
    assert first["receipt_number"] == contribution.receipt_number
    assert first["neighbourhood"] == "Centre-ville"
    assert first["kind"] == "proposal"
    assert len(first["published_on"]) == 10  # a date, no time
    assert first["text"].startswith("'=")  # no formula for spreadsheets
    assert rows[1]["text"] == "Appelez [masqué]"
    for secret in ("Dominique", "exemple.test", "Jean Dupont", "26_40", "Motsecretinvisible"):
        assert secret not in body
    for hidden_contribution in hidden:
        assert hidden_contribution.receipt_number not in body


def test_json_export_nests_answers(client, process, hidden):
    contribution = published(process, author_name="Dominique Secret", email="d@exemple.test")
    Answer.objects.create(
        contribution=contribution, question=process.questions.get(number=3), text="Trois."
    )
    other = published(process, text="=1+1")
    response, body = export(client, process, "json")
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(body)
    assert [item["receipt_number"] for item in data] == [
        contribution.receipt_number,
        other.receipt_number,
    ]
    assert data[0]["answers"][1] == {"question": 3, "text": "Trois."}
    assert data[1]["answers"] == [{"question": 1, "text": "=1+1"}]
    assert set(data[0]) == {
        "receipt_number",
        "published_on",
        "channel",
        "kind",
        "neighbourhood",
        "profile",
        "answers",
    }
    for secret in ("Dominique", "exemple.test", "Motsecretinvisible"):
        assert secret not in body


def test_exports_of_empty_or_unpublished_process(client, process):
    _, body = export(client, process, "json")
    assert json.loads(body) == []
    _, body = export(client, process, "csv")
    assert body.strip() == ",".join(exports.CSV_HEADER)
    process.is_published = False
    process.save()
    url = reverse("contributions:export_csv", kwargs={"slug": process.slug})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_queries_do_not_grow(client, process, fmt):
    url = reverse(f"contributions:export_{fmt}", kwargs={"slug": process.slug})

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
            b"".join(response.streaming_content)
        return len(ctx.captured_queries)

    make_contributions(process, 3)
    few = count()
    make_contributions(process, 30)
    assert count() == few <= 3


def test_export_streams_many_rows(client, process):
    make_contributions(process, 60)
    _, body = export(client, process, "csv")
    assert len(body.splitlines()) == 1 + 60 * 2
    assert Contribution.objects.filter(status="published").count() == 60
