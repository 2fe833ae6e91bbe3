"""The PDF of "La réponse de la Ville" (built by a background task) and the API."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from concerto.strategy.models import AnswerPublication
from concerto.strategy.services import answer_save, answer_validate, answers_publish
from tests.strategy.factories import answer_input, publish_answers, scenario

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")


def test_publication_builds_the_pdf_in_background(
    client, process, proposals, analyst, official, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        publication = publish_answers(
            process, proposals, analyst=analyst, official=official, admin=admin_user
        )
    assert callbacks  # the task was enqueued after the commit (immediate backend in tests)
    publication.refresh_from_db()
    assert publication.pdf.name.endswith(".pdf")
    response = client.get(reverse("strategy:answer_pdf", kwargs={"slug": process.slug}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(b"".join(response.streaming_content))
    assert "La réponse de la Ville" in text
    for proposal in proposals:
        assert f"{proposal.code}. {proposal.title}" in text
    assert "Retenue" in text and "Adjointe aux solidarités" in text


def test_the_pdf_of_a_later_publication_shows_both_versions(
    process, proposals, analyst, official, admin_user, django_capture_on_commit_callbacks
):
    publish_answers(process, proposals, analyst=analyst, official=official, admin=admin_user)
    answer = answer_save(
        proposal=proposals[0],
        data=answer_input("not_retained", reason="Le Département porte déjà ce dispositif."),
        actor=analyst,
    )
    answer_validate(answer=answer, actor=official)
    with django_capture_on_commit_callbacks(execute=True):
        answers_publish(process=process, actor=admin_user)
    second = AnswerPublication.objects.get(process=process, number=2)
    text = _pdf_text(second.pdf.read())
    assert "Le Département porte déjà ce dispositif." in text
    assert "Version 1" in text and "Non retenue" in text


def test_api(client, process, admin_user, analyst, official):
    world = scenario(process, admin=admin_user, analyst=analyst, official=official)
    base = f"/api/processes/{process.slug}"
    answers = client.get(f"{base}/answers").json()
    assert [a["proposal"] for a in answers] == ["P1", "P2", "P3"]
    assert answers[0]["decision"] == "retained" and answers[0]["actions"] == ["1.1"]
    assert answers[0]["versions"][0]["official"] == "Adjointe aux solidarités"
    commitments = client.get(f"{base}/commitments").json()
    assert commitments[0]["actions"] == ["1.1", "1.2"]
    actions = client.get(f"{base}/actions").json()
    assert [a["code"] for a in actions] == ["1.1", "1.1.1", "1.2"]
    assert actions[0]["neighbourhoods"] == ["q1"] and actions[1]["budget"]["spent"] == "50000.00"
    detail = client.get(f"{base}/actions/1.1").json()
    assert detail["proposals"] == ["P1"] and len(detail["milestones"]) == 2
    assert detail["indicators"][0]["measures"][1]["value"] == "1320.00"
    assert detail["history"] and "actor" not in detail["history"][0]
    assert world["flagship"].code == "1.1"
    assert client.get(f"{base}/actions/9.9").status_code == 404
    assert client.get("/api/processes/inconnue/actions").status_code == 404
