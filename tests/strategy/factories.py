"""Builders for the strategy tests: a published report with numbered proposals, themes and
codings, answers through the services, commitments and actions. Every person is invented."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from concerto.accounts.models import User
from concerto.contributions.models import Contribution
from concerto.processes.models import Process
from concerto.reports.models import Proposal, Report, ReportVersion, Stake
from concerto.strategy.models import Action, AnswerPublication, Commitment, Decision
from concerto.strategy.services import (
    ActionInput,
    AnswerInput,
    action_create,
    answer_save,
    answers_publish,
    answers_validate_all,
    commitment_create,
)
from concerto.synthesis.models import Codebook, Coding, Theme
from tests.factories import ContributionFactory


def report_with_proposals(process: Process, count: int = 3, *, publisher: User) -> list[Proposal]:
    """A report of ``process`` with one stake and ``count`` numbered proposals, published."""
    report = Report.objects.create(process=process, title=f"Rapport de {process.title}")
    stake = Stake.objects.create(report=report, position=1, title="Vivre dignement")
    proposals = [
        Proposal.objects.create(
            stake=stake,
            report=report,
            number=n,
            position=n,
            title=f"Préconisation numéro {n}",
            text=f"Le texte de la préconisation {n}.",
        )
        for n in range(1, count + 1)
    ]
    report.next_proposal_number = count + 1
    report.save(update_fields=["next_proposal_number"])
    publish_report(report, publisher=publisher)
    return proposals


def publish_report(report: Report, *, publisher: User) -> ReportVersion:
    """A new published version of ``report`` (its content: what the strategy reads)."""
    from concerto.reports.publication import build_content

    number = report.versions.count() + 1
    content = build_content(report, now=timezone.now())
    return ReportVersion.objects.create(
        report=report,
        number=number,
        content=content,
        published_by=publisher,
        published_at=timezone.now(),
    )


def theme(process: Process, name: str, parent: Theme | None = None) -> Theme:
    codebook, _ = Codebook.objects.get_or_create(process=process)
    return Theme.objects.create(codebook=codebook, name=name, parent=parent)


def coded_contribution(
    process: Process, themes: list[Theme], *, coder: User, published: bool = True, text: str = ""
) -> tuple[Contribution, list[Coding]]:
    status = Contribution.Status.PUBLISHED if published else Contribution.Status.PENDING
    contribution = ContributionFactory(
        process=process, status=status, text=text or "Plus de guichets dans les quartiers."
    )
    answer = contribution.answers.get()
    codings = [
        Coding.objects.create(answer=answer, theme=t, coder=coder, is_quote=True) for t in themes
    ]
    return contribution, codings


def answer_input(decision: str = Decision.RETAINED, **changes: object) -> AnswerInput:
    values: dict[str, object] = {
        "decision": decision,
        "justification": "Retenue : trois guichets ouvriront d'ici 2026.",
        "official": "Adjointe aux solidarités",
        "service": "CCAS — accès aux droits",
        "decided_on": dt.date(2023, 6, 30),
    }
    values.update(changes)
    return AnswerInput(**values)  # type: ignore[arg-type]


def publish_answers(
    process: Process,
    proposals: list[Proposal],
    *,
    analyst: User,
    official: User,
    admin: User,
    decisions: list[str] | None = None,
) -> AnswerPublication:
    """Draft, validate and publish an answer to each of ``proposals``."""
    choices = decisions or [Decision.RETAINED] * len(proposals)
    for proposal, decision in zip(proposals, choices, strict=True):
        answer_save(proposal=proposal, data=answer_input(decision), actor=analyst)
    answers_validate_all(process=process, actor=official)
    return answers_publish(process=process, actor=admin)


def commitment(
    process: Process, *, admin: User, title: str = "Renforcer l'accès aux droits"
) -> Commitment:
    return commitment_create(process=process, title=title, actor=admin)


def action(
    parent_commitment: Commitment,
    *,
    admin: User,
    parent: Action | None = None,
    **values: object,
) -> Action:
    data = ActionInput(title=str(values.pop("title", "Ouvrir des guichets de proximité")))
    for name, value in values.items():
        setattr(data, name, value)
    return action_create(commitment=parent_commitment, data=data, parent=parent, actor=admin)


MONEY = Decimal


def scenario(process: Process, *, admin: User, analyst: User, official: User) -> dict[str, object]:
    """A small but complete thread: two themes, three coded contributions (one not
    published), three proposals (P1 on the first theme and quoting a contribution, P2 on
    the second), their published answers, and a flagship action implementing P1 (through
    its answer) with a sub-action, budget, milestones and an indicator."""
    from concerto.strategy.services import (
        action_progress_update,
        budget_line_save,
        indicator_add,
        indicator_measure_add,
        milestone_add,
        milestone_done,
    )

    rights = theme(process, "Accès aux droits")
    non_recours = theme(process, "Non-recours", parent=rights)
    isolation = theme(process, "Isolement des seniors")
    proposals = report_with_proposals(process, 3, publisher=admin)
    c1, codings1 = coded_contribution(
        process, [rights], coder=analyst, text="Les démarches pour la CAF sont trop compliquées."
    )
    c2, _ = coded_contribution(process, [non_recours], coder=analyst)
    c3, _ = coded_contribution(process, [rights], coder=analyst, published=False)
    c4, _ = coded_contribution(process, [isolation], coder=analyst)
    proposals[0].themes.add(rights)
    proposals[0].quotes.add(codings1[0])
    proposals[1].themes.add(isolation)
    publish_report(proposals[0].report, publisher=admin)  # the themes are published
    publish_answers(
        process,
        proposals,
        analyst=analyst,
        official=official,
        admin=admin,
        decisions=[Decision.RETAINED, Decision.PARTLY, Decision.NOT_RETAINED],
    )
    engagement = commitment(process, admin=admin)
    flagship = action(
        engagement,
        admin=admin,
        title="Ouvrir trois guichets CCAS de proximité",
        is_flagship=True,
        answers=[proposals[0].answer],
        neighbourhoods=[process.neighbourhoods.get(slug="q1")],
        start_date=dt.date(2023, 7, 1),
        end_date=dt.date(2026, 12, 31),
    )
    other = action(engagement, admin=admin, title="Plus de professionnels dans les quartiers")
    sub = action(engagement, admin=admin, parent=flagship, title="Guichet des Dervallières")
    budget_line_save(
        action=sub, year=2023, planned=80000, committed=80000, spent=50000, actor=analyst
    )
    action_progress_update(
        action=sub, status=Action.Status.DONE, on=dt.date(2023, 7, 3), actor=analyst
    )
    step = milestone_add(
        action=flagship, title="Premier guichet ouvert", due_on=dt.date(2023, 7, 1), actor=analyst
    )
    milestone_done(milestone=step, done_on=dt.date(2023, 7, 3), actor=analyst)
    milestone_add(
        action=flagship, title="Troisième guichet", due_on=dt.date(2026, 6, 30), actor=analyst
    )
    indicator = indicator_add(
        action=flagship,
        name="Ménages reçus aux guichets",
        unit="ménages",
        baseline=0,
        target=3000,
        actor=analyst,
    )
    for day, value in ((dt.date(2023, 12, 31), 410), (dt.date(2024, 12, 31), 1320)):
        indicator_measure_add(indicator=indicator, measured_on=day, value=value, actor=analyst)
    flagship.refresh_from_db()
    return {
        "proposals": proposals,
        "themes": (rights, non_recours, isolation),
        "contributions": (c1, c2, c3, c4),
        "commitment": engagement,
        "flagship": flagship,
        "other": other,
        "sub": sub,
    }
