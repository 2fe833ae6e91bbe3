"""The issue's traceability test: build a realistic report, publish it, walk the public
page and check that every quote is a substring of its source contribution's published
text (found through its link) and every figure value equals the value recomputed from the
database. The negative tests tamper with a quote or a figure: the walk must then fail."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from concerto.contributions.models import Contribution
from concerto.processes.models import Channel
from concerto.reports import services
from concerto.reports.publication import report_publish
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ContributionFactory
from tests.reports.conftest import build_report
from tests.reports.traceability import ReportParser, check_report_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_report(process, admin_user):
    hoods = list(process.neighbourhoods.all())
    channels = [Channel.Kind.ONLINE, Channel.Kind.PAPER, Channel.Kind.PHONE]
    for index in range(12):
        ContributionFactory(
            process=process,
            status=Contribution.Status.PUBLISHED,
            channel=channels[index % 3],
            neighbourhood=hoods[index % len(hoods)] if index % 5 else None,
            email=f"personne{index % 7}@exemple.test" if index % 4 else "",
            age_bracket=["18_25", "41_60", ""][index % 3],
        )
    ContributionFactory(process=process, status=Contribution.Status.PENDING)
    past = timezone.now() - dt.timedelta(days=20)
    event = EventFactory(process=process, start=past)
    RegistrationFactory(event=event, attended=True)
    RegistrationFactory(event=event, attended=False)
    built = build_report(process, admin_user, quotes=6)
    third = services.stake_create(
        report=built.report, title="Renforcer les solidarités de proximité", actor=admin_user
    )
    finding = services.finding_create(
        stake=third, text="L'entraide de voisinage est vivante.", actor=admin_user
    )
    services.quote_attach(target=finding, coding=built.quotes[-1], actor=admin_user)
    for key in ("contributions_by_age", "contributions_by_week", "events_by_kind"):
        services.figure_add(report=built.report, key=key, stake=third, actor=admin_user)
    services.figure_add(report=built.report, key="themes_by_channel", actor=admin_user)
    version = report_publish(report=built.report, note="Première publication", actor=admin_user)
    return built, version


def page_url(process) -> str:
    return reverse("reports:latest", kwargs={"slug": process.slug})


def test_every_quote_and_figure_is_traceable(client, published_report):
    built, _version = published_report
    url = page_url(built.process)
    assert check_report_page(client, url, built.process) == []
    # The walk did see everything: every quote and every figure of the report.
    parser = ReportParser()
    parser.feed(client.get(url).content.decode())
    assert len(parser.quotes) == 7  # 6 quotes, one of them quoted twice
    keys = [t.key for t in parser.tables]
    # 8 figures, the method's counts (received, analysed, published) and its channels
    assert len(keys) == 10 and len(parser.charts) == 10
    assert {"overview", "themes_by_neighbourhood", "events_by_kind"} <= set(keys)
    assert "received_analysed_published" in keys
    # An earlier version's page is walked the same way.
    version_url = reverse("reports:version", kwargs={"slug": built.process.slug, "number": 1})
    assert check_report_page(client, version_url, built.process) == []


def _tamper(version, change) -> None:
    content = copy.deepcopy(version.content)
    change(content)
    version.content = content
    version.save(update_fields=["content"])
    caches["pages"].clear()


def test_a_tampered_quote_is_caught(client, published_report):
    built, version = published_report

    def change(content):
        quote = content["stakes"][0]["findings"][0]["quotes"][0]
        quote["excerpt"] = quote["excerpt"].replace("un", "deux", 1) + " (sic)"

    _tamper(version, change)
    problems = check_report_page(client, page_url(built.process), built.process)
    assert len(problems) == 2  # absent from the contribution's page and from its text
    assert all("Citation" in p for p in problems)


def test_a_quote_linking_to_another_contribution_is_caught(client, published_report):
    built, version = published_report
    other = built.quotes[1].answer.contribution

    def change(content):
        quote = content["stakes"][0]["findings"][0]["quotes"][0]
        quote["path"] = other.get_absolute_url()

    _tamper(version, change)
    assert check_report_page(client, page_url(built.process), built.process)


def test_a_tampered_figure_is_caught(client, published_report):
    built, version = published_report

    def change(content):
        figure = content["figures"][0]  # the key figures
        figure["values"][1][0] += 1

    _tamper(version, change)
    problems = check_report_page(client, page_url(built.process), built.process)
    assert any(p.startswith("Figure overview") for p in problems)
    assert any(p.startswith("Graphique overview") for p in problems)


def test_a_figure_the_database_no_longer_supports_is_caught(client, published_report):
    built, _version = published_report
    ContributionFactory(process=built.process, status=Contribution.Status.PUBLISHED)
    problems = check_report_page(client, page_url(built.process), built.process)
    assert any("contributions_by_channel" in p for p in problems)
