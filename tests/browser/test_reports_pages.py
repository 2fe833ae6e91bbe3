"""The synthesis report in a real browser: axe-core finds no serious or critical WCAG 2.1
AA violation on the public report (latest and earlier version), the statistics page and
the editor; and one journey: an analyst drafts a proposal, an administrator publishes,
a reader follows a quote to its contribution."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from concerto.contributions.models import Contribution
from concerto.processes.models import Channel
from concerto.reports.publication import report_publish
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import PASSWORD, ContributionFactory, ProcessFactory, UserFactory
from tests.reports.conftest import build_report
from tests.reports.factories import code

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def report_site():
    process = ProcessFactory()
    admin = UserFactory(email="admin-rapport@exemple.test", roles=["admin"])
    analyst = UserFactory(email="analyse-rapport@exemple.test", roles=["analyst"])
    hoods = list(process.neighbourhoods.all())
    built = build_report(process, admin)
    channels = [Channel.Kind.ONLINE, Channel.Kind.PAPER, Channel.Kind.PHONE]
    for index in range(9):
        contribution = ContributionFactory(
            process=process,
            status=Contribution.Status.PUBLISHED,
            channel=channels[index % 3],
            neighbourhood=hoods[index % len(hoods)],
            age_bracket="26_40",
        )
        code(contribution.answers.get(), built.themes[index % 3], analyst)
    event = EventFactory(process=process, start=timezone.now() - dt.timedelta(days=5))
    RegistrationFactory(event=event, attended=True)
    report_publish(report=built.report, note="Première publication", actor=admin)
    report_publish(report=built.report, note="Deuxième publication", actor=admin)
    return {"process": process, "built": built, "admin": admin, "analyst": analyst}


def login(browser, live_server, email: str):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/backoffice/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    return context, page


def test_report_pages_have_no_serious_axe_violation(
    page, axe_audit, browser, live_server, report_site
):
    slug = report_site["process"].slug
    for url in (f"/demarches/{slug}/synthese/", f"/demarches/{slug}/synthese/v1/"):
        page.goto(url)
        assert page.locator("svg[role=img]").count() >= 4
        assert axe_audit(page) == [], url
    context, staff = login(browser, live_server, report_site["analyst"].email)
    stake = report_site["built"].stakes[0]
    finding = stake.findings.first()
    for url in (
        f"/backoffice/synthese/{slug}/statistiques/",
        f"/backoffice/synthese/{slug}/statistiques/?ponderation=1",
        f"/backoffice/synthese/{slug}/rapport/",
        f"/backoffice/rapport/enjeux/{stake.pk}/",
        f"/backoffice/rapport/constats/{finding.pk}/citations/",
        f"/backoffice/synthese/{slug}/rapport/publier/",
    ):
        staff.goto(url)
        assert staff.locator("h1").count() == 1, url
        assert axe_audit(staff) == [], url
    context.close()


def test_draft_publish_and_follow_a_quote(browser, live_server, report_site):
    slug = report_site["process"].slug
    stake = report_site["built"].stakes[1]
    # An analyst adds a proposal: it gets the next stable number.
    context, page = login(browser, live_server, report_site["analyst"].email)
    page.goto(f"/backoffice/synthese/{slug}/rapport/")
    page.get_by_role("link", name=stake.title).click()
    page.locator("#id_proposal_title").fill("Former les bénévoles à l'accueil")
    page.get_by_role("button", name="Ajouter la préconisation").click()
    assert "Préconisation P4 ajoutée." in page.content()
    page.goto(f"/backoffice/synthese/{slug}/rapport/publier/")
    assert "Seul·e un·e administrateur·rice peut publier" in page.content()
    context.close()
    # An administrator publishes version 3.
    context, page = login(browser, live_server, report_site["admin"].email)
    page.goto(f"/backoffice/synthese/{slug}/rapport/publier/")
    page.get_by_label("Motif de cette version").fill("Ajout de P4")
    page.get_by_role("button", name="Publier une nouvelle version").click()
    assert "Version 3 publiée" in page.content()
    context.close()
    # A reader finds it from the process page, and follows a quote to its contribution.
    reader = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = reader.new_page()
    page.goto(report_site["process"].get_absolute_url())
    page.get_by_role("link", name="Lire le rapport de synthèse").click()
    assert page.locator("#P4").inner_text().startswith("P4")
    assert "Ajout de P4" in page.content()
    quote = page.locator(".report-quote").first
    excerpt = quote.locator(".quote-text").inner_text()
    quote.locator("a.quote-source").click()
    assert excerpt in " ".join(page.locator("main").inner_text().split())
    reader.close()
