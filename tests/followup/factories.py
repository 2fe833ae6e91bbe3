"""Building the thread downstream of a contribution, for the droit de suite tests: a coded
contribution, a published report citing its theme, the City's answer and actions.
Every person here is invented."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from concerto.accounts.models import User
from concerto.contributions.models import Contribution
from concerto.processes.models import Process
from concerto.reports.models import Proposal, Report, ReportVersion, Stake
from concerto.strategy.models import (
    Action,
    AnswerPublication,
    Commitment,
    Decision,
    ProposalAnswer,
    ProposalAnswerVersion,
)
from concerto.synthesis.models import Codebook, Coding, Theme
from tests.factories import ContributionFactory, UserFactory

AUTHOR_EMAIL = "dominique.exemple@exemple.test"
AUTHOR_NAME = "Dominique Exemple"


def aware(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour))


def staff(role: str = "admin") -> User:
    return UserFactory(roles=[role])


def contribution(process: Process, **kwargs: Any) -> Contribution:
    values: dict[str, Any] = {
        "email": AUTHOR_EMAIL,
        "author_name": AUTHOR_NAME,
        "followup_opt_in": True,
        "status": Contribution.Status.PUBLISHED,
        "text": "Un texte très reconnaissable sur les guichets de quartier.",
    }
    values.update(kwargs)
    return ContributionFactory(process=process, **values)


def theme(process: Process, name: str, parent: Theme | None = None) -> Theme:
    codebook, _ = Codebook.objects.get_or_create(process=process)
    return Theme.objects.create(codebook=codebook, name=name, parent=parent)


def code(contribution: Contribution, theme: Theme, *, quote: bool = False) -> Coding:
    answer = contribution.answers.first()
    coder = UserFactory(roles=["analyst"])
    if quote:
        return Coding.objects.create(
            answer=answer,
            theme=theme,
            coder=coder,
            start=0,
            end=5,
            excerpt=answer.shown_text[:5],
            is_quote=True,
        )
    return Coding.objects.create(answer=answer, theme=theme, coder=coder)


def report(process: Process) -> Report:
    return Report.objects.create(process=process, title="Rapport des Assises")


def publish_report(report: Report, published_at: dt.datetime) -> ReportVersion:
    """A published version, its content built by the reports app as on publication."""
    from concerto.reports.publication import build_content

    number = report.versions.count() + 1
    return ReportVersion.objects.create(
        report=report,
        number=number,
        content=build_content(report, now=published_at),
        published_by=staff(),
        published_at=published_at,
    )


def proposal(
    report: Report, number: int, *, themes: list[Theme] = (), quotes: list[Coding] = ()
) -> Proposal:
    stake, _ = Stake.objects.get_or_create(report=report, position=0, defaults={"title": "Enjeu"})
    proposal = Proposal.objects.create(
        stake=stake, report=report, number=number, title=f"Préconisation numéro {number}"
    )
    proposal.themes.set(themes)
    proposal.quotes.set(quotes)
    return proposal


def answer(
    proposal: Proposal,
    *,
    published_at: dt.datetime,
    decision: str = Decision.RETAINED,
) -> ProposalAnswer:
    """A published answer (version 1)."""
    process = proposal.report.process
    answer = ProposalAnswer.objects.create(
        proposal=proposal,
        process=process,
        decision=decision,
        justification="Parce que.",
        official="Élue aux solidarités",
        service="CCAS",
        decided_on=published_at.date(),
        state=ProposalAnswer.State.PUBLISHED,
    )
    new_answer_version(answer, published_at=published_at, decision=decision)
    return answer


def new_answer_version(
    answer: ProposalAnswer, *, published_at: dt.datetime, decision: str, reason: str = ""
) -> ProposalAnswerVersion:
    process = answer.process
    admin = staff()
    publication = AnswerPublication.objects.create(
        process=process,
        number=AnswerPublication.objects.filter(process=process).count() + 1,
        published_at=published_at,
        published_by=admin,
    )
    number = answer.version + 1
    version = ProposalAnswerVersion.objects.create(
        answer=answer,
        publication=publication,
        number=number,
        decision=decision,
        justification="Parce que.",
        official="Élue aux solidarités",
        service="CCAS",
        decided_on=published_at.date(),
        reason=reason or ("" if number == 1 else "Nouvelle décision du conseil."),
        validated_by=staff("official"),
        validated_at=published_at,
        published_at=published_at,
        published_by=admin,
    )
    ProposalAnswer.objects.filter(pk=answer.pk).update(
        version=number, published_at=published_at, decision=decision, current_version=version
    )
    answer.refresh_from_db()
    return version


def commitment(process: Process, number: int = 1) -> Commitment:
    return Commitment.objects.get_or_create(
        process=process, number=number, defaults={"title": f"Engagement {number}"}
    )[0]


def action(
    process: Process,
    number: int,
    *,
    commitment_number: int = 1,
    proposals: list[Proposal] = (),
    answers: list[ProposalAnswer] = (),
    **kwargs: Any,
) -> Action:
    values: dict[str, Any] = {"title": f"Action numéro {number}", "status": Action.Status.PLANNED}
    values.update(kwargs)
    action = Action.objects.create(
        process=process,
        commitment=commitment(process, commitment_number),
        number=number,
        code=f"{commitment_number}.{number}",
        **values,
    )
    action.proposals.set(proposals)
    action.answers.set(answers)
    return action


@dataclass
class Chain:
    contribution: Contribution
    theme: Theme
    report: Report
    proposal: Proposal
    answer: ProposalAnswer
    action: Action


def full_chain(process: Process, **contribution_kwargs: Any) -> Chain:
    """contribution → theme → published report's P1 → answer (retained) → action 1.1."""
    item = contribution(process, **contribution_kwargs)
    guichets = theme(process, "Accès aux droits")
    code(item, guichets)
    rep = report(process)
    p1 = proposal(rep, 1, themes=[guichets])
    publish_report(rep, aware(2023, 1, 10))
    ans = answer(p1, published_at=aware(2023, 3, 1))
    act = action(
        process,
        1,
        proposals=[p1],
        status=Action.Status.IN_PROGRESS,
        progress=40,
        started_on=dt.date(2023, 4, 3),
    )
    return Chain(item, guichets, rep, p1, ans, act)


MONEY = Decimal
