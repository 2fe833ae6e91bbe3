"""Publishing: a frozen version with everything rendered, versions kept, quotes checked,
the PDF built by the background task, the public pages reading the frozen content."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from concerto.contributions.models import Contribution
from concerto.core.models import AuditEvent
from concerto.core.pagecache import public_version
from concerto.reports import services
from concerto.reports.models import ReportVersion
from concerto.reports.publication import report_publish
from concerto.reports.services import ReportError
from concerto.reports.tasks import build_report_pdf

pytestmark = pytest.mark.django_db


def publish(built, actor, note="Première publication", capture=None) -> ReportVersion:
    if capture is None:
        return report_publish(report=built.report, note=note, actor=actor)
    with capture(execute=True):
        return report_publish(report=built.report, note=note, actor=actor)


def test_publish_freezes_everything(built, admin_user):
    version = publish(built, admin_user)
    content = version.content
    assert version.number == 1
    assert version.note == "Première publication"
    assert content["title"] == built.report.title
    assert [s["title"] for s in content["stakes"]] == [s.title for s in built.stakes]
    codes = [p["code"] for s in content["stakes"] for p in s["proposals"]]
    assert codes == ["P1", "P2", "P3"]
    quotes = [q for s in content["stakes"] for f in s["findings"] for q in f["quotes"]]
    quotes += [q for s in content["stakes"] for p in s["proposals"] for q in p["quotes"]]
    assert len(quotes) == len(built.quotes)
    for item in quotes:
        coding = next(c for c in built.quotes if c.pk == item["coding"])
        assert item["excerpt"] == coding.excerpt
        assert item["answer"] == coding.answer_id
        assert (item["start"], item["end"]) == (coding.start, coding.end)
        assert item["receipt"] == coding.answer.contribution.receipt_number
        assert item["path"].startswith(coding.answer.contribution.get_absolute_url())
    assert [f["key"] for f in content["figures"]] == ["overview", "contributions_by_channel"]
    assert content["stakes"][0]["figures"][0]["key"] == "themes_by_neighbourhood"
    method = content["method"]
    assert method["text"] == built.report.method
    assert method["channels"]["key"] == "contributions_by_channel"
    assert method["coding"]["quotes"] == len(built.quotes)
    assert method["coding"]["codebook_version"] == 1
    assert method["agreement"] is None  # no double-coded sample
    assert AuditEvent.objects.filter(action="reports.publish").count() == 1


def test_versions_are_kept_and_numbered(built, admin_user):
    first = publish(built, admin_user)
    services.proposal_withdraw(
        proposal=built.proposals[2], reason="Redondante avec P2.", actor=admin_user
    )
    second = publish(built, admin_user, note="Retrait de P3")
    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    withdrawn = [p for s in first.content["stakes"] for p in s["proposals"] if p["code"] == "P3"]
    assert withdrawn[0]["withdrawn"] is False  # the old version did not change
    withdrawn = [p for s in second.content["stakes"] for p in s["proposals"] if p["code"] == "P3"]
    assert withdrawn[0]["withdrawn"] is True


def test_changed_text_blocks_publication(built, admin_user):
    coding = built.quotes[0]
    answer = coding.answer
    answer.public_text = answer.text.replace("Témoignage", "Témoin")
    answer.save()
    with pytest.raises(ReportError) as exc:
        publish(built, admin_user)
    message = str(exc.value)
    assert coding.answer.contribution.receipt_number in message
    assert "a changé depuis le codage" in message
    assert not ReportVersion.objects.exists()


def test_unpublished_contribution_blocks_publication(built, admin_user):
    contribution = built.quotes[1].answer.contribution
    Contribution.objects.filter(pk=contribution.pk).update(status=Contribution.Status.REJECTED)
    with pytest.raises(ReportError, match="n'est plus publiée"):
        publish(built, admin_user)
    assert not ReportVersion.objects.exists()


def test_empty_report_cannot_be_published(process, admin_user):
    from tests.reports.factories import report_for

    report = report_for(process, admin_user)
    with pytest.raises(ReportError, match="aucun enjeu"):
        report_publish(report=report, actor=admin_user)


def test_publication_bumps_the_public_version(
    built, admin_user, django_capture_on_commit_callbacks
):
    before = public_version()
    publish(built, admin_user, capture=django_capture_on_commit_callbacks)
    assert public_version() != before


def test_pdf_task_builds_a_pdf_with_the_proposals(built, admin_user, client):
    version = publish(built, admin_user)
    page = client.get(reverse("reports:latest", kwargs={"slug": built.process.slug}))
    assert "PDF en préparation" in page.content.decode()
    build_report_pdf.call(version.pk)
    version.refresh_from_db()
    assert version.pdf and not version.pdf_error
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(version.pdf.read())).pages)
    flat = " ".join(text.split())
    for proposal in built.proposals:
        assert proposal.title in flat
        assert proposal.code in flat
    assert built.report.title in flat
    response = client.get(
        reverse("reports:pdf", kwargs={"slug": built.process.slug, "number": version.number})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_publish_enqueues_the_pdf_after_commit(
    built, admin_user, django_capture_on_commit_callbacks
):
    version = publish(built, admin_user, capture=django_capture_on_commit_callbacks)
    version.refresh_from_db()
    assert version.pdf.name.endswith(".pdf")


def test_note_too_long_is_refused(built, admin_user):
    with pytest.raises(ReportError, match="Motif trop long"):
        report_publish(report=built.report, note="x" * 301, actor=admin_user)


def test_method_section_reports_the_agreement(built, admin_user, analyst, client):
    from django.utils import timezone

    from concerto.synthesis.agreement import overall_kappa
    from concerto.synthesis.models import CodingSample, SampleReview

    isolement, _seniors, droits = built.themes
    answers = [c.answer for c in built.quotes]
    sample = CodingSample.objects.create(
        process=built.process, size=4, seed=7, coder_a=admin_user, coder_b=analyst
    )
    chosen = {
        admin_user: [[isolement], [isolement], [droits], []],
        analyst: [[isolement], [], [droits], []],
    }
    for coder, themes in chosen.items():
        for answer, picked in zip(answers, themes, strict=True):
            review = SampleReview.objects.create(
                sample=sample, answer=answer, coder=coder, reviewed_at=timezone.now()
            )
            review.themes.set(picked)
    version = publish(built, admin_user)
    agreement = version.content["method"]["agreement"]
    assert agreement["units"] == 4
    assert agreement["per_theme"] == [
        {"theme": "Isolement", "kappa": 0.5},
        {"theme": "Seniors isolés", "kappa": None},
        {"theme": "Accès aux droits", "kappa": 1.0},
    ]
    assert agreement["overall"] == round(overall_kappa(sample), 3)
    page = client.get(reverse("reports:latest", kwargs={"slug": built.process.slug}))
    body = page.content.decode()
    assert "kappa de Cohen" in body and "non calculable" in body and "0,5" in body
