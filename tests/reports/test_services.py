"""The report's services: writes with audit rows, bad input refused with a French message
and nothing changed, proposal numbers never reused."""

from __future__ import annotations

import pytest

from concerto.contributions.models import Contribution
from concerto.core.models import AuditEvent
from concerto.reports import services
from concerto.reports.models import Figure, Finding, Proposal, Report, Stake
from concerto.reports.services import ReportError
from tests.factories import ProcessFactory
from tests.reports.factories import QUOTE_TEXTS, code, published, quote, report_for, theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(process, analyst) -> Report:
    return report_for(process, analyst)


@pytest.fixture
def stake(report, analyst) -> Stake:
    return services.stake_create(report=report, title="Un enjeu", actor=analyst)


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))


def test_report_create_and_update(process, analyst):
    report = services.report_create(
        process=process, title="  Rapport  ", introduction=" Intro ", actor=analyst
    )
    assert (report.title, report.introduction) == ("Rapport", "Intro")
    services.report_update(
        report=report, title="Rapport final", introduction="", method="Lecture.", actor=analyst
    )
    report.refresh_from_db()
    assert (report.title, report.method) == ("Rapport final", "Lecture.")
    assert actions() == ["reports.report_create", "reports.report_update"]


def test_one_report_per_process(report, analyst):
    with pytest.raises(ReportError, match="déjà un rapport"):
        services.report_create(process=report.process, title="Autre", actor=analyst)
    assert Report.objects.count() == 1


@pytest.mark.parametrize("title", ["", "   ", "\n"])
def test_empty_titles_are_refused(process, report, stake, analyst, title):
    before = actions()
    with pytest.raises(ReportError, match="obligatoire"):
        services.report_create(process=ProcessFactory(), title=title, actor=analyst)
    with pytest.raises(ReportError, match="obligatoire"):
        services.report_update(
            report=report, title=title, introduction="", method="", actor=analyst
        )
    with pytest.raises(ReportError, match="obligatoire"):
        services.stake_create(report=report, title=title, actor=analyst)
    with pytest.raises(ReportError, match="obligatoire"):
        services.finding_create(stake=stake, text=title, actor=analyst)
    with pytest.raises(ReportError, match="obligatoire"):
        services.proposal_create(stake=stake, title=title, actor=analyst)
    report.refresh_from_db()
    assert report.title == "Rapport des Assises de test"
    assert Finding.objects.count() == Proposal.objects.count() == 0
    assert actions() == before


def test_too_long_title_is_refused(report, analyst):
    with pytest.raises(ReportError, match="trop long"):
        services.stake_create(report=report, title="x" * 201, actor=analyst)


def test_themes_of_another_process_are_refused(report, stake, analyst):
    foreign = theme(ProcessFactory(), "Ailleurs")
    with pytest.raises(ReportError, match="grille de cette démarche"):
        services.stake_update(
            stake=stake, title="Un enjeu", summary="", themes=[foreign], actor=analyst
        )
    with pytest.raises(ReportError, match="grille de cette démarche"):
        services.proposal_create(stake=stake, title="P", themes=[foreign], actor=analyst)
    assert not stake.themes.exists()


def test_stable_numbering(report, stake, analyst, admin_user):
    p1 = services.proposal_create(stake=stake, title="Première", actor=analyst)
    p2 = services.proposal_create(stake=stake, title="Deuxième", actor=analyst)
    services.proposal_withdraw(proposal=p2, reason="Doublon de P1.", actor=admin_user)
    p3 = services.proposal_create(stake=stake, title="Troisième", actor=analyst)
    other = services.stake_create(report=report, title="Autre enjeu", actor=analyst)
    p4 = services.proposal_create(stake=other, title="Quatrième", actor=analyst)
    services.proposal_update(
        proposal=p1, title="Première, revue", text="", themes=[], stake=other, actor=analyst
    )
    assert [p.number for p in (p1, p2, p3, p4)] == [1, 2, 3, 4]
    p2.refresh_from_db()
    p1.refresh_from_db()
    assert p2.withdrawn and p2.code == "P2"
    assert (p1.number, p1.stake) == (1, other)
    services.proposal_withdraw(proposal=p2, withdrawn=False, actor=admin_user)
    p2.refresh_from_db()
    assert not p2.withdrawn and p2.number == 2
    report.refresh_from_db()
    assert report.next_proposal_number == 5
    assert "reports.proposal_withdraw" in actions()
    assert "reports.proposal_restore" in actions()


def test_withdrawal_needs_a_reason(stake, analyst):
    proposal = services.proposal_create(stake=stake, title="P", actor=analyst)
    with pytest.raises(ReportError, match="pourquoi"):
        services.proposal_withdraw(proposal=proposal, reason=" ", actor=analyst)
    proposal.refresh_from_db()
    assert not proposal.withdrawn


def test_a_stake_with_proposals_cannot_be_deleted(stake, analyst):
    services.proposal_create(stake=stake, title="P", actor=analyst)
    with pytest.raises(ReportError, match="gardent leur numéro"):
        services.stake_delete(stake=stake, actor=analyst)
    assert Stake.objects.filter(pk=stake.pk).exists()


def test_stake_delete_and_move(report, analyst):
    a = services.stake_create(report=report, title="A", actor=analyst)
    b = services.stake_create(report=report, title="B", actor=analyst)
    c = services.stake_create(report=report, title="C", actor=analyst)
    services.stake_move(stake=c, offset=-1, actor=analyst)
    assert list(report.stakes.values_list("title", flat=True)) == ["A", "C", "B"]
    services.stake_move(stake=a, offset=-1, actor=analyst)  # already first: nothing
    assert list(report.stakes.values_list("title", flat=True)) == ["A", "C", "B"]
    with pytest.raises(ReportError):
        services.stake_move(stake=a, offset=3, actor=analyst)
    services.stake_delete(stake=b, actor=analyst)
    assert list(report.stakes.values_list("title", flat=True)) == ["A", "C"]


def test_findings(stake, analyst):
    finding = services.finding_create(stake=stake, text=" Un constat. ", actor=analyst)
    services.finding_update(finding=finding, text="Constat revu.", themes=[], actor=analyst)
    finding.refresh_from_db()
    assert finding.text == "Constat revu."
    services.finding_delete(finding=finding, actor=analyst)
    assert not Finding.objects.exists()


def test_quotes(process, stake, analyst):
    isolement = theme(process, "Isolement")
    coding = quote(process, isolement, analyst, QUOTE_TEXTS[0], "un lieu d'accueil ouvert le soir")
    finding = services.finding_create(stake=stake, text="Constat.", actor=analyst)
    services.quote_attach(target=finding, coding=coding, actor=analyst)
    assert list(finding.quotes.all()) == [coding]
    services.quote_detach(target=finding, coding=coding, actor=analyst)
    assert not finding.quotes.exists()
    assert actions()[-2:] == ["reports.quote_attach", "reports.quote_detach"]


def test_bad_quotes_are_refused(process, stake, analyst):
    finding = services.finding_create(stake=stake, text="Constat.", actor=analyst)
    isolement = theme(process, "Isolement")
    # From another process.
    other = ProcessFactory()
    foreign = quote(other, theme(other, "Ailleurs"), analyst, QUOTE_TEXTS[1], "trop compliquées")
    with pytest.raises(ReportError, match="autre démarche"):
        services.quote_attach(target=finding, coding=foreign, actor=analyst)
    # Not flagged as a quote.
    contribution = published(process, QUOTE_TEXTS[2])
    plain = code(contribution.answers.get(), isolement, analyst, excerpt="épicerie solidaire")
    with pytest.raises(ReportError, match="pas marqué comme citation"):
        services.quote_attach(target=finding, coding=plain, actor=analyst)
    # A whole-answer coding has no excerpt.
    whole = code(contribution.answers.get(), isolement, analyst, is_quote=True)
    with pytest.raises(ReportError, match="choisissez un extrait"):
        services.quote_attach(target=finding, coding=whole, actor=analyst)
    # The contribution is not published.
    hidden = quote(process, isolement, analyst, QUOTE_TEXTS[3], "à qui s'adresser")
    Contribution.objects.filter(pk=hidden.answer.contribution_id).update(
        status=Contribution.Status.PENDING
    )
    with pytest.raises(ReportError, match="n'est pas publiée"):
        services.quote_attach(target=finding, coding=hidden, actor=analyst)
    # The text changed since the coding.
    changed = quote(process, isolement, analyst, "Il manque des bancs.", "des bancs")
    answer = changed.answer
    answer.public_text = "Il manque des chaises."
    answer.save()
    with pytest.raises(ReportError, match="a changé"):
        services.quote_attach(target=finding, coding=changed, actor=analyst)
    assert not finding.quotes.exists()
    assert "reports.quote_attach" not in actions()


def test_figures(report, stake, analyst):
    figure = services.figure_add(report=report, key="contributions_by_channel", actor=analyst)
    services.figure_add(
        report=report, key="contributions_by_channel", stake=stake, caption="Ici", actor=analyst
    )
    with pytest.raises(ReportError, match="déjà"):
        services.figure_add(report=report, key="contributions_by_channel", actor=analyst)
    with pytest.raises(ReportError, match="n'existe pas"):
        services.figure_add(report=report, key="chiffres_inventes", actor=analyst)
    with pytest.raises(ReportError, match="n'existe pas"):
        services.figure_add(report=report, key="", actor=analyst)
    other = report_for(ProcessFactory(), analyst)
    with pytest.raises(ReportError, match="autre rapport"):
        services.figure_add(report=other, key="overview", stake=stake, actor=analyst)
    assert Figure.objects.count() == 2
    services.figure_remove(figure=figure, actor=analyst)
    assert Figure.objects.count() == 1
