"""Pages whose number of queries must not grow with the data: the statistics page (3 vs
30 contributions, codings and events) and the public report (3 vs 30 quotes), and the
publication itself."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from concerto.contributions.models import Contribution
from concerto.reports import services
from concerto.reports.publication import report_publish
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ContributionFactory, ProcessFactory
from tests.reports.factories import code, quote, report_for, theme

pytestmark = pytest.mark.django_db


def world(n: int, actor):
    process = ProcessFactory()
    isolement = theme(process, "Isolement")
    seniors = theme(process, "Seniors", parent=isolement)
    report = report_for(process, actor)
    stake = services.stake_create(report=report, title="Enjeu", themes=[isolement], actor=actor)
    finding = services.finding_create(stake=stake, text="Constat.", actor=actor)
    proposal = services.proposal_create(stake=stake, title="Préconisation", actor=actor)
    for index in range(n):
        contribution = ContributionFactory(
            process=process, status=Contribution.Status.PUBLISHED, email=f"p{index}@exemple.test"
        )
        code(contribution.answers.get(), isolement, actor)
        coding = quote(
            process, seniors, actor, f"Contribution {index} : il faut rompre l'isolement.", "rompre"
        )
        services.quote_attach(target=finding if index % 2 else proposal, coding=coding, actor=actor)
        event = EventFactory(process=process, start=timezone.now() - dt.timedelta(days=2))
        RegistrationFactory(event=event, attended=True)
    for key in ("overview", "contributions_by_week", "themes_by_channel"):
        services.figure_add(report=report, key=key, actor=actor)
    return process, report


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_statistics_page(client_for, admin_user):
    client = client_for("analyst")
    counts = []
    for n in (3, 30):
        process, _report = world(n, admin_user)
        url = reverse("reports:statistics", kwargs={"slug": process.slug})
        count(client, url)  # warm the session and the user's roles
        counts.append(count(client, url))
    assert counts[0] == counts[1], counts


def test_public_report_and_publication(client, admin_user):
    pages, publications = [], []
    for n in (3, 30):
        process, report = world(n, admin_user)
        with CaptureQueriesContext(connection) as ctx:
            report_publish(report=report, actor=admin_user)
        publications.append(len(ctx.captured_queries))
        url = reverse("reports:latest", kwargs={"slug": process.slug})
        pages.append(count(client, url))
        assert count(client, reverse("reports:version", kwargs={"slug": process.slug, "number": 1}))
    assert pages[0] == pages[1], pages
    assert pages[0] <= 6
    assert publications[0] == publications[1], publications


def test_editor_pages(client_for, admin_user):
    client = client_for("analyst")
    counts = []
    for n in (3, 30):
        process, report = world(n, admin_user)
        stake = report.stakes.get()
        finding = stake.findings.get()
        urls = [
            reverse("reports:editor", kwargs={"slug": process.slug}),
            reverse("reports:stake", kwargs={"pk": stake.pk}),
            reverse("reports:finding_quotes", kwargs={"pk": finding.pk}),
            reverse("reports:publish", kwargs={"slug": process.slug}),
        ]
        count(client, urls[0])
        counts.append([count(client, url) for url in urls])
    assert counts[0] == counts[1], counts
