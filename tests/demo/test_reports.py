"""The demo report: the Nantes stakes from the seeds, quotes from the demo codings when
there are some, computed figures, a published version."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from concerto.contributions.models import Contribution
from concerto.demo import reports as demo
from concerto.demo.loader import load_demo as load_everything
from concerto.reports.models import Report, ReportVersion
from concerto.reports.tasks import build_report_pdf
from concerto.strategy.thread import thread_for
from concerto.synthesis.models import Coding
from tests.factories import ContributionFactory, UserFactory
from tests.reports.factories import code, theme
from tests.reports.traceability import check_report_page

pytestmark = pytest.mark.django_db


def test_demo_report(client):
    result = load_everything(contributions=60)
    report = Report.objects.get(process=result.process)
    version = ReportVersion.objects.get(report=report)
    assert [s["title"] for s in version.content["stakes"]] == [s[0] for s in demo.STAKES]
    codes = [p["code"] for s in version.content["stakes"] for p in s["proposals"]]
    assert codes == [f"P{n}" for n in range(1, 8)]
    # Each proposal has its own themes (13.2): the isolation of the elderly feeds P6, not
    # the CCAS aid to the 18–25 (P3) of the same stake.
    themes = {p["code"]: p["themes"] for s in version.content["stakes"] for p in s["proposals"]}
    assert themes["P6"] == ["Isolement social"]
    assert "Isolement social" not in themes["P3"] and "Jeunesse (18-25 ans)" in themes["P3"]
    assert all(themes.values())
    seniors = Coding.objects.filter(
        answer__contribution__process=result.process, theme__name="Isolement des seniors"
    ).first()
    if seniors is not None:
        thread = thread_for(seniors.answer.contribution_id)
        six = next(p for p in thread.proposals if p.code == "P6")
        assert "codée « Isolement des seniors », un sous-thème de « Isolement social »" in six.why
        reasons = {r.cited for p in thread.proposals for r in p.reasons}
        assert "Isolement social" in reasons
    # The public page works before the PDF exists, and every figure is traceable.
    url = reverse("reports:latest", kwargs={"slug": result.process.slug})
    page = client.get(url)
    assert "PDF en préparation" in page.content.decode()
    # Its figures are those of its publication (December 2022), before the yearly meetings.
    assert check_report_page(client, url, result.process, now=version.published_at) == []
    build_report_pdf.call(version.pk)
    version.refresh_from_db()
    assert version.pdf


def test_demo_quotes_and_speed(process):
    """With quotes flagged by the analysts, the demo cites them; it runs in well under 3 s."""
    isolement = theme(process, "Isolement social")
    engagement = theme(process, "Engagement bénévole")
    analyst = UserFactory(roles=["analyst"])
    for index in range(40):
        contribution = ContributionFactory(
            process=process,
            status=Contribution.Status.PUBLISHED,
            text=f"Témoignage {index} : je me sens seule depuis que mon mari est parti.",
        )
        code(
            contribution.answers.get(),
            isolement if index % 2 else engagement,
            analyst,
            excerpt="je me sens seule",
            is_quote=True,
        )
    demo.load_demo(process=process, now=timezone.now())
    content = ReportVersion.objects.get(report__process=process).content
    quotes = [q for s in content["stakes"] for f in s["findings"] for q in f["quotes"]]
    quotes += [q for s in content["stakes"] for p in s["proposals"] for q in p["quotes"]]
    assert quotes and all(q["excerpt"] == "je me sens seule" for q in quotes)
    assert len({q["coding"] for q in quotes}) == len(quotes)  # never the same quote twice
