"""The annual follow-up report: figures from the database, page, PDF, publication."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from concerto.followup.annual import (
    annual_figures,
    annual_report_generate,
    default_period,
    euros,
)
from concerto.followup.models import AnnualReport
from concerto.strategy.models import (
    Action,
    BudgetLine,
    Decision,
    Indicator,
    IndicatorMeasure,
)
from concerto.strategy.services.progress import action_progress_update
from tests.followup import factories as f

pytestmark = pytest.mark.django_db
START, END = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
HEADINGS = (
    "Rapport annuel de suivi",
    "En bref",
    "Actions commencées",
    "Actions réalisées",
    "Budget",
    "Indicateurs qui ont évolué",
    "Réponses de la Ville publiées ou modifiées",
    "Ce qui a changé depuis l'an dernier",
)


def page(response) -> str:
    return html_lib.unescape(response.content.decode())


@pytest.fixture
def strategy(process):
    """A small strategy whose 2023 figures are computed by hand in the tests."""
    a1 = f.action(
        process,
        1,
        commitment_number=1,
        is_flagship=True,
        title="Guichets CCAS",
    )
    a2 = f.action(
        process,
        2,
        commitment_number=1,
        title="Aides 18-25 ans",
        status=Action.Status.IN_PROGRESS,
        progress=40,
        started_on=dt.date(2022, 6, 1),
    )
    a3 = f.action(
        process,
        1,
        commitment_number=2,
        title="Épicerie solidaire",
    )
    f.action(
        process,
        2,
        commitment_number=2,
        title="Équipe mobile",
        status=Action.Status.DONE,
        progress=100,
        started_on=dt.date(2021, 3, 1),
        done_on=dt.date(2024, 1, 5),
    )
    money = Decimal
    BudgetLine.objects.create(
        action=a1, year=2023, planned=money(100000), committed=money(80000), spent=money(60000)
    )
    BudgetLine.objects.create(
        action=a1, year=2022, planned=money(50000), committed=money(50000), spent=money(50000)
    )
    BudgetLine.objects.create(
        action=a3,
        year=2023,
        planned=money(20000),
        committed=money(10000),
        spent=money("12500.50"),
        reason="Hausse des prix.",
    )
    BudgetLine.objects.create(action=a2, year=2024, planned=money(999))
    moved = Indicator.objects.create(
        action=a1, name="Personnes reçues", unit="personnes", baseline=money(8), target=money(30)
    )
    for on, value in (
        (dt.date(2022, 12, 1), 10),
        (dt.date(2023, 3, 1), 12),
        (dt.date(2023, 9, 1), 20),
    ):
        IndicatorMeasure.objects.create(indicator=moved, measured_on=on, value=money(value))
    flat = Indicator.objects.create(
        action=a3, name="Paniers", unit="paniers", baseline=money(0), target=money(100)
    )
    for on in (dt.date(2023, 4, 1), dt.date(2023, 10, 1)):
        IndicatorMeasure.objects.create(indicator=flat, measured_on=on, value=money(5))
    single = Indicator.objects.create(
        action=a2, name="Dossiers", unit="dossiers", baseline=money(0), target=money(10)
    )
    IndicatorMeasure.objects.create(
        indicator=single, measured_on=dt.date(2023, 7, 1), value=money(3)
    )

    report = f.report(process)
    p1, p2 = f.proposal(report, 1), f.proposal(report, 2)
    f.publish_report(report, f.aware(2022, 10, 1))
    answer1 = f.answer(p1, published_at=f.aware(2023, 3, 1))
    f.new_answer_version(answer1, published_at=f.aware(2024, 2, 1), decision=Decision.PARTLY)
    answer2 = f.answer(p2, published_at=f.aware(2022, 11, 1), decision=Decision.UNDER_STUDY)
    f.new_answer_version(
        answer2,
        published_at=f.aware(2023, 6, 15),
        decision=Decision.NOT_RETAINED,
        reason="Hors des compétences de la Ville.",
    )

    # The history, written by the strategy's own service as staff would.
    admin = f.staff()

    def update(action, on, **changes):
        action_progress_update(
            action=action, actor=admin, on=on, now=f.aware(on.year, on.month, on.day), **changes
        )

    update(a1, dt.date(2023, 2, 1), status=Action.Status.IN_PROGRESS)
    update(a1, dt.date(2023, 5, 1), progress=30)
    update(a1, dt.date(2023, 11, 15), status=Action.Status.DONE)  # and progress 30 → 100
    update(a3, dt.date(2023, 5, 10), status=Action.Status.IN_PROGRESS, reason="Local trouvé.")
    update(a2, dt.date(2022, 12, 30), progress=50)  # before the range
    a1.refresh_from_db()
    a3.refresh_from_db()
    assert (a1.started_on, a1.done_on, a3.started_on) == (
        dt.date(2023, 2, 1),
        dt.date(2023, 11, 15),
        dt.date(2023, 5, 10),
    )
    return {"a1": a1, "a2": a2, "a3": a3}


def test_figures_match_the_hand_computed_ones(process, strategy):
    data = annual_figures(process, START, END)
    assert data.summary == {
        "actions_started": 2,  # 1.1 (1 Feb) and 2.1 (10 May); 1.2 started in 2022
        "actions_done": 1,  # 1.1; 2.2 was done in January 2024
        "flagship_done": 1,
        "planned": "120000.00",  # 2023 lines only: 100,000 + 20,000
        "committed": "90000.00",
        "spent": "72500.50",
        "indicators_moved": 1,  # "Paniers" stayed at 5, "Dossiers" has one measure
        "answers_published": 1,  # P1 v1 (March 2023)
        "answers_changed": 1,  # P2 v2 (June 2023); P1 v2 is in 2024
        "changes": 5,
    }
    assert [row["code"] for row in data.actions_started] == ["1.1", "2.1"]
    assert [row["code"] for row in data.actions_done] == ["1.1"]
    assert data.budget["years"] == [2023]
    assert data.budget["by_commitment"] == [
        {
            "commitment": "1. Engagement 1",
            "planned": "100000.00",
            "committed": "80000.00",
            "spent": "60000.00",
        },
        {
            "commitment": "2. Engagement 2",
            "planned": "20000.00",
            "committed": "10000.00",
            "spent": "12500.50",
        },
    ]
    [indicator] = data.indicators
    assert (indicator["first"], indicator["last"], indicator["delta"]) == ("12.00", "20.00", "8.00")
    assert (indicator["first_on"], indicator["last_on"]) == ("2023-03-01", "2023-09-01")
    assert [(a["code"], a["version"], a["decision"]) for a in data.answers] == [
        ("P1", 1, "retenue"),
        ("P2", 2, "non retenue"),
    ]
    assert data.answers[1]["reason"] == "Hors des compétences de la Ville."
    changes = data.changes
    assert (changes["total"], changes["actions"]) == (5, 2)
    assert changes["by_field"] == [
        {"field": "statut", "count": 3},
        {"field": "avancement", "count": 2},
    ]
    assert [(s["action"][:3], s["old"], s["new"]) for s in changes["statuses"]] == [
        ("1.1", "prévue", "en cours"),
        ("2.1", "prévue", "en cours"),
        ("1.1", "en cours", "réalisée"),
    ]
    assert changes["progress"] == [
        {"action": "1.1. Guichets CCAS", "old": "0", "new": "100", "on": "2023-11-15"}
    ]


def test_a_range_over_two_years_takes_both_years_budget(process, strategy):
    data = annual_figures(process, dt.date(2022, 7, 1), dt.date(2023, 6, 30))
    assert data.budget["years"] == [2022, 2023]
    assert data.summary["spent"] == "122500.50"
    assert data.summary["actions_started"] == 2  # 1.1 and 2.1; 1.2 started 1 June 2022


def test_euros_are_written_the_french_way():
    assert euros("72500.50") == "72\u202f501\u00a0€"
    assert euros("0") == "0\u00a0€"
    assert euros(Decimal("2350000")) == "2\u202f350\u202f000\u00a0€"


def test_default_period_is_the_last_twelve_months():
    assert default_period(dt.date(2024, 6, 30)) == (dt.date(2023, 7, 1), dt.date(2024, 6, 30))
    assert default_period(dt.date(2024, 2, 29)) == (dt.date(2023, 3, 1), dt.date(2024, 2, 29))


def test_staff_page_generates_the_report_and_its_pdf(
    client_for, process, strategy, django_capture_on_commit_callbacks
):
    client = client_for("analyst")
    url = reverse("followup:annual_reports")
    form = client.get(url)
    assert form.status_code == 200
    start, _end = default_period()
    assert f'value="{start:%Y-%m-%d}"' in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"process": process.pk, "start": "2023-01-01", "end": "2023-12-31"}
        )
    assert response.status_code == 302
    report = AnnualReport.objects.get()
    assert report.status == AnnualReport.Status.READY
    assert report.content["summary"]["spent"] == "72500.50"

    html = page(client.get(response["Location"]))
    for heading in HEADINGS:
        assert heading in html
    assert "72\u202f501\u00a0€" in html
    assert "Guichets CCAS" in html
    assert "Publier ce rapport" not in html  # analysts do not publish

    pdf = client.get(reverse("followup:annual_report_pdf", kwargs={"pk": report.pk}))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages
    )
    normalised = " ".join(text.split())
    for heading in HEADINGS:
        assert heading in normalised, heading
    assert "Guichets CCAS" in normalised


def test_bad_period_is_refused_with_a_clear_message(client_for, process):
    client = client_for("official")
    response = client.post(
        reverse("followup:annual_reports"),
        {"process": process.pk, "start": "2023-12-31", "end": "2023-01-01"},
    )
    assert response.status_code == 400
    assert "La fin de la période doit suivre son début." in page(response)
    assert not AnnualReport.objects.exists()


def test_publication_by_an_admin_makes_the_public_page(
    client_for, client, process, strategy, admin_user
):
    report = AnnualReport.objects.create(
        process=process, period_start=START, period_end=END, created_by=admin_user
    )
    annual_report_generate(report)
    public = reverse("followup:annual_public", kwargs={"slug": process.slug})
    assert client.get(public).status_code == 404
    publish = reverse("followup:annual_report_publish", kwargs={"pk": report.pk})
    assert client_for("analyst").post(publish).status_code == 403
    assert client_for("official").post(publish).status_code == 403
    admin = client_for("admin")
    assert "Publier ce rapport" in page(
        admin.get(reverse("followup:annual_report", kwargs={"pk": report.pk}))
    )
    assert admin.post(publish).status_code == 302
    report.refresh_from_db()
    assert report.published_at is not None
    response = client.get(public)
    assert response.status_code == 200
    html = page(response)
    assert "Rapport annuel de suivi" in html and "Guichets CCAS" in html
    pdf = client.get(reverse("followup:annual_public_pdf", kwargs={"slug": process.slug}))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_report_not_ready_cannot_be_published(client_for, process, admin_user):
    report = AnnualReport.objects.create(process=process, period_start=START, period_end=END)
    response = client_for("admin").post(
        reverse("followup:annual_report_publish", kwargs={"pk": report.pk}), follow=True
    )
    assert "n'est pas prêt" in page(response)
    report.refresh_from_db()
    assert report.published_at is None
