"""Received, analysed and published are three different things (issue 13, §1).

Every contribution received is analysed, whatever its publication; publication needs the
author's consent and a moderator; only a contribution against the charter is set aside
from the analysis, with its reason; the report quotes only published contributions."""

from __future__ import annotations

import html
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from concerto.contributions import workflow
from concerto.contributions.models import Contribution
from concerto.contributions.moderation import contribution_moderate
from concerto.contributions.services import (
    ContributionError,
    ContributionInput,
    contribution_submit,
)
from concerto.reports import services as report_services
from concerto.reports.publication import report_publish
from concerto.reports.services import ReportError
from concerto.synthesis import selectors as synthesis
from concerto.synthesis.coding_services import Target, coding_create
from tests.factories import ContributionFactory
from tests.reports.factories import code, theme

pytestmark = pytest.mark.django_db
S = Contribution.Status


def submit(process, *, consent_publication: bool, email: str = "") -> Contribution:
    question = process.questions.order_by("number").first()
    return contribution_submit(
        process=process,
        data=ContributionInput(
            kind=Contribution.Kind.TESTIMONY,
            neighbourhood=None,
            profile="",
            consent_publication=consent_publication,
            consent_processing=True,
            answers={question: "Les personnes âgées isolées attendent une visite chaque semaine."},
            email=email,
        ),
        submission_token=uuid.uuid4(),
        check_channel=False,
    ).contribution


def test_the_workflow_is_data():
    assert {
        S.PENDING,
        S.PUBLISHED,
        S.REJECTED,
        S.CHANGES_REQUESTED,
        S.PRIVATE,
    } == workflow.ANALYSED
    assert {S.PUBLISHED} == workflow.PUBLIC
    assert set(workflow.STATES) == set(S.values)
    assert workflow.TRANSITIONS["publish"].needs_consent
    assert workflow.TRANSITIONS["set_aside"].reasons == workflow.CHARTER_REASONS
    assert not workflow.TRANSITIONS["reject"].reasons & workflow.CHARTER_REASONS


def test_without_consent_it_is_private_and_analysed_never_waiting_for_moderation(
    process, moderator, analyst, client_for
):
    contribution = submit(process, consent_publication=False)
    assert contribution.status == S.PRIVATE
    # Nothing to moderate: not in the queue that opens on "à modérer", no publish button.
    assert [t.name for t in workflow.available(contribution)] == ["set_aside"]
    with pytest.raises(ContributionError, match="pas accepté la publication"):
        contribution_moderate(contribution=contribution, transition="publish", actor=moderator)
    # In the analysis workspace: listed, opened, coded.
    assert list(synthesis.coding_queue(process, {})) == [contribution]
    url = reverse("synthesis:code", kwargs={"slug": process.slug, "pk": contribution.pk})
    assert client_for("analyst").get(url).status_code == 200
    isolement = theme(process, "Isolement")
    coding_create(answer=contribution.answers.get(), themes=[isolement], actor=analyst)
    assert synthesis.home_counts(process)["coded"] == 1
    # Never public.
    detail = reverse(
        "contributions:detail",
        kwargs={"slug": process.slug, "receipt": contribution.receipt_number},
    )
    assert client_for("anonymous").get(detail).status_code == 404


def test_a_refused_publication_stays_in_the_analysis(
    process, moderator, django_capture_on_commit_callbacks
):
    contribution = submit(process, consent_publication=True, email="a@exemple.test")
    assert contribution.status == S.PENDING
    assert list(synthesis.coding_queue(process, {})) == [contribution]  # before moderation
    with django_capture_on_commit_callbacks(execute=True):
        contribution_moderate(
            contribution=contribution, transition="reject", actor=moderator, reason="off_topic"
        )
    contribution.refresh_from_db()
    assert contribution.status == S.REJECTED
    assert list(synthesis.coding_queue(process, {})) == [contribution]
    assert "reste prise en compte dans l'analyse" in mail.outbox[-1].body
    assert "si elle respecte la charte" not in mail.outbox[-1].body


def test_only_the_charter_sets_aside_with_its_reason(
    process, moderator, django_capture_on_commit_callbacks
):
    contribution = submit(process, consent_publication=True, email="b@exemple.test")
    # Not a charter reason: refused, nothing changed.
    with pytest.raises(ContributionError, match="refusez seulement sa publication"):
        contribution_moderate(
            contribution=contribution, transition="set_aside", actor=moderator, reason="duplicate"
        )
    with pytest.raises(ContributionError, match="écartez la contribution"):
        contribution_moderate(
            contribution=contribution, transition="reject", actor=moderator, reason="offensive"
        )
    with pytest.raises(ContributionError, match="motif"):
        contribution_moderate(contribution=contribution, transition="set_aside", actor=moderator)
    contribution.refresh_from_db()
    assert contribution.status == S.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        contribution_moderate(
            contribution=contribution,
            transition="set_aside",
            actor=moderator,
            reason="offensive",
            note="Insultes.",
        )
    contribution.refresh_from_db()
    assert (contribution.status, contribution.rejection_reason) == (S.SET_ASIDE, "offensive")
    assert list(synthesis.coding_queue(process, {})) == []
    counts = synthesis.home_counts(process)
    assert (counts["received"], counts["analysed"], counts["set_aside"]) == (1, 0, 1)
    assert "n'est pas prise en compte dans l'analyse" in mail.outbox[-1].body
    # A mistake can be undone: back into the analysis, waiting for moderation again.
    contribution_moderate(contribution=contribution, transition="reinstate", actor=moderator)
    contribution.refresh_from_db()
    assert (contribution.status, contribution.rejection_reason) == (S.PENDING, "")


def test_reinstating_a_contribution_without_consent_keeps_it_private(process, moderator):
    contribution = submit(process, consent_publication=False)
    contribution_moderate(
        contribution=contribution, transition="set_aside", actor=moderator, reason="spam"
    )
    contribution_moderate(contribution=contribution, transition="reinstate", actor=moderator)
    contribution.refresh_from_db()
    assert contribution.status == S.PRIVATE


def test_every_channel_is_analysed(process):
    from concerto.processes.models import Channel

    made = [
        ContributionFactory(process=process, channel=kind, status=status, consent_publication=ok)
        for kind in Channel.Kind.values
        for status, ok in ((S.PENDING, True), (S.PRIVATE, False), (S.REJECTED, True))
    ]
    assert set(synthesis.coding_queue(process, {})) == set(made)


def test_the_report_quotes_only_published_contributions(process, analyst, admin_user):
    private = ContributionFactory(
        process=process,
        status=S.PRIVATE,
        consent_publication=False,
        text="Une épicerie solidaire près de chez nous changerait la vie des familles.",
    )
    isolement = theme(process, "Isolement")
    [coding] = coding_create(
        answer=private.answers.get(),
        themes=[isolement],
        target=Target(excerpt="Une épicerie solidaire"),
        is_quote=True,
        actor=analyst,
    )
    report = report_services.report_create(process=process, title="Rapport", actor=admin_user)
    stake = report_services.stake_create(
        report=report, title="Manger à sa faim", summary="", actor=admin_user
    )
    finding = report_services.finding_create(
        stake=stake, text="Les épiceries solidaires manquent.", actor=admin_user
    )
    # Not offered, and refused if asked for all the same.
    assert coding not in report_services_candidates(process)
    with pytest.raises(ReportError, match="n'est pas publiée"):
        report_services.quote_attach(target=finding, coding=coding, actor=admin_user)
    # Attached while published, then its publication refused: the report is not published.
    published = ContributionFactory(
        process=process, status=S.PUBLISHED, text="Il faut des visites aux aînés isolés."
    )
    quote = code(published.answers.get(), isolement, analyst, excerpt="des visites", is_quote=True)
    report_services.quote_attach(target=finding, coding=quote, actor=admin_user)
    Contribution.objects.filter(pk=published.pk).update(status=S.REJECTED)
    with pytest.raises(ReportError, match="n'est plus publiée"):
        report_publish(report=report, actor=admin_user)


def report_services_candidates(process):
    from concerto.reports.selectors import quote_candidates

    return quote_candidates(process=process, theme_ids=None)


def test_the_method_says_how_many_were_received_analysed_published(
    process, analyst, admin_user, client
):
    ContributionFactory(process=process, status=S.PUBLISHED)
    ContributionFactory(process=process, status=S.PUBLISHED)
    ContributionFactory(process=process, status=S.PENDING)
    ContributionFactory(process=process, status=S.PRIVATE, consent_publication=False)
    ContributionFactory(process=process, status=S.SET_ASIDE, rejection_reason="spam")
    report = report_services.report_create(process=process, title="Rapport", actor=admin_user)
    report_services.stake_create(report=report, title="Un enjeu", summary="", actor=admin_user)
    version = report_publish(report=report, actor=admin_user)
    counts = version.content["method"]["counts"]
    assert counts["key"] == "received_analysed_published"
    assert counts["total"] == [5, 4, 2, 1]
    page = html.unescape(
        client.get(reverse("reports:latest", kwargs={"slug": process.slug})).content.decode()
    )
    assert "5 contributions reçues, tous canaux confondus : 4 analysées" in page
    assert "dont 2 publiées" in page
    assert "1 contribution contraire à la charte a été écartée de l'analyse." in page
