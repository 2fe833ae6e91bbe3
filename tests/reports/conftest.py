"""Fixtures of the report tests: a process with a codebook, quotes and a report."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from concerto.accounts.models import User
from concerto.processes.models import Process
from concerto.reports import services
from concerto.reports.models import Proposal, Report, Stake
from concerto.synthesis.models import Coding, Theme
from tests.reports.factories import QUOTE_TEXTS, quote, report_for, theme


@dataclass
class Built:
    process: Process
    report: Report
    stakes: list[Stake]
    proposals: list[Proposal]
    themes: list[Theme]
    quotes: list[Coding]


def build_report(process: Process, actor: User, *, quotes: int = 4) -> Built:
    """A realistic report: two themes (one with a sub-theme), two stakes with findings and
    proposals, quotes on findings and proposals, key figures and stake figures."""
    isolement = theme(process, "Isolement", position=0)
    seniors = theme(process, "Seniors isolés", parent=isolement)
    droits = theme(process, "Accès aux droits", position=1)
    codings = []
    for index in range(quotes):
        text = QUOTE_TEXTS[index % len(QUOTE_TEXTS)]
        words = text.split()
        excerpt = " ".join(words[2:9])
        chosen = (seniors, droits, isolement)[index % 3]
        codings.append(quote(process, chosen, actor, f"Témoignage {index}. {text}", excerpt))
    report = report_for(process, actor)
    first = services.stake_create(
        report=report,
        title="Vivre dignement et ne pas rester isolé",
        summary="Rompre l'isolement.",
        themes=[isolement],
        actor=actor,
    )
    second = services.stake_create(
        report=report, title="Mieux accéder à ses droits", themes=[droits], actor=actor
    )
    finding = services.finding_create(
        stake=first, text="Beaucoup de personnes âgées vivent seules.", actor=actor
    )
    services.finding_create(
        stake=second, text="Le non-recours aux droits est fréquent.", actor=actor
    )
    proposals = [
        services.proposal_create(stake=first, title="Accompagner les seniors isolés", actor=actor),
        services.proposal_create(
            stake=second,
            title="Ouvrir des guichets de proximité",
            text="Dans chaque quartier.",
            actor=actor,
        ),
        services.proposal_create(stake=second, title="Aller vers les habitants", actor=actor),
    ]
    for index, coding in enumerate(codings):
        target = finding if index % 2 == 0 else proposals[1]
        services.quote_attach(target=target, coding=coding, actor=actor)
    services.figure_add(report=report, key="overview", actor=actor)
    services.figure_add(report=report, key="contributions_by_channel", actor=actor)
    services.figure_add(report=report, key="themes_by_neighbourhood", stake=first, actor=actor)
    services.figure_add(
        report=report, key="contributions_by_neighbourhood", stake=second, actor=actor
    )
    return Built(
        process=process,
        report=report,
        stakes=[first, second],
        proposals=proposals,
        themes=[isolement, seniors, droits],
        quotes=codings,
    )


@pytest.fixture
def built(process, admin_user) -> Built:
    return build_report(process, admin_user)
