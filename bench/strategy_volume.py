"""Bulk data for the strategy's speed checks (tests/strategy/test_query_counts.py and
bench/strategy_bench.py): a published report whose proposals cite themes under which
``contributions`` published contributions are coded, their published answers, and a
strategy of ``actions`` actions (a tenth of them sub-actions) with ``milestones``
milestones, budget lines over four years, an indicator with measures and a history.
Written in bulk (no services: this is volume, not behaviour). Every person is invented.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from concerto.accounts.models import User
from concerto.contributions.models import Answer, Contribution
from concerto.processes.models import Process
from concerto.reports.models import Proposal, Report, ReportVersion, Stake
from concerto.strategy.models import (
    Action,
    ActionChange,
    AnswerPublication,
    BudgetLine,
    Commitment,
    Decision,
    Indicator,
    IndicatorMeasure,
    Milestone,
    ProposalAnswer,
    ProposalAnswerVersion,
)
from concerto.synthesis.models import Codebook, Coding, Theme

THEMES = 10
PROPOSALS = 20
COMMITMENTS = 7
YEARS = (2023, 2024, 2025, 2026)


@transaction.atomic
def populate(
    process: Process,
    *,
    actions: int,
    milestones: int,
    contributions: int,
    staff: User,
    seed: int = 7,
) -> None:
    rng = random.Random(seed)
    now = timezone.now()
    question = process.questions.order_by("number").first()
    assert question is not None
    neighbourhoods = list(process.neighbourhoods.all())
    codebook, _ = Codebook.objects.get_or_create(process=process)
    themes = Theme.objects.bulk_create(
        Theme(codebook=codebook, name=f"Thème {i + 1}", position=i) for i in range(THEMES)
    )
    # The report, published.
    report = Report.objects.create(
        process=process, title="Rapport", next_proposal_number=PROPOSALS + 1
    )
    stake = Stake.objects.create(report=report, position=1, title="Enjeu")
    proposals = Proposal.objects.bulk_create(
        Proposal(stake=stake, report=report, number=n, position=n, title=f"Préconisation {n}")
        for n in range(1, PROPOSALS + 1)
    )
    ProposalThemes = Proposal.themes.through
    ProposalThemes.objects.bulk_create(
        ProposalThemes(proposal_id=p.pk, theme_id=themes[i % THEMES].pk)
        for i, p in enumerate(proposals)
    )
    ReportVersion.objects.create(
        report=report,
        number=1,
        content={
            "stakes": [
                {
                    "number": 1,
                    "title": stake.title,
                    "proposals": [
                        {
                            "number": p.number,
                            "code": p.code,
                            "title": p.title,
                            "themes": [themes[i % THEMES].name],
                            "theme_ids": [themes[i % THEMES].pk],
                            "quotes": [],
                            "withdrawn": False,
                        }
                        for i, p in enumerate(proposals)
                    ],
                }
            ]
        },
        published_by=staff,
        published_at=now,
    )
    # The contributions behind them, each coded under one theme.
    prefix = f"V{uuid.uuid4().hex[:6].upper()}"
    created = Contribution.objects.bulk_create(
        (
            Contribution(
                process=process,
                receipt_number=f"{prefix}-{i:06d}",
                kind=Contribution.Kind.PROPOSAL,
                status=Contribution.Status.PUBLISHED,
                neighbourhood=neighbourhoods[i % len(neighbourhoods)] if neighbourhoods else None,
                consent_publication=True,
                consent_processing=True,
                submission_token=uuid.uuid4(),
                submitted_at=now,
                published_at=now,
                search_document="Plus de lieux d'accueil.",
            )
            for i in range(contributions)
        ),
        batch_size=2000,
    )
    answers = Answer.objects.bulk_create(
        (
            Answer(contribution=c, question=question, text=f"Contribution {i} : plus d'accueil.")
            for i, c in enumerate(created)
        ),
        batch_size=2000,
    )
    codings = Coding.objects.bulk_create(
        (
            Coding(answer=a, theme=themes[i % THEMES], coder=staff, is_quote=i < 40)
            for i, a in enumerate(answers)
        ),
        batch_size=2000,
    )
    Quotes = Proposal.quotes.through
    Quotes.objects.bulk_create(
        Quotes(proposal_id=proposals[i % PROPOSALS].pk, coding_id=c.pk)
        for i, c in enumerate(codings[:40])
    )
    # Their published answers.
    publication = AnswerPublication.objects.create(
        process=process, number=1, published_at=now, published_by=staff
    )
    decisions = list(Decision.values)
    answer_rows = ProposalAnswer.objects.bulk_create(
        ProposalAnswer(
            proposal=p,
            process=process,
            decision=decisions[i % 4],
            justification="Parce que.",
            official="Adjointe",
            service="CCAS",
            decided_on=dt.date(2023, 6, 30),
            state=ProposalAnswer.State.PUBLISHED,
            validated_by=staff,
            validated_at=now,
            published_at=now,
            version=1,
        )
        for i, p in enumerate(proposals)
    )
    versions = ProposalAnswerVersion.objects.bulk_create(
        ProposalAnswerVersion(
            answer=a,
            publication=publication,
            number=1,
            decision=a.decision,
            justification=a.justification,
            official=a.official,
            service=a.service,
            decided_on=a.decided_on,
            validated_by=staff,
            validated_at=now,
            published_at=now,
            published_by=staff,
        )
        for a in answer_rows
    )
    for answer, version in zip(answer_rows, versions, strict=True):
        answer.current_version = version
    ProposalAnswer.objects.bulk_update(answer_rows, ["current_version"])
    # The strategy.
    commitments = Commitment.objects.bulk_create(
        Commitment(process=process, number=n, title=f"Engagement {n}", position=n)
        for n in range(1, COMMITMENTS + 1)
    )
    subs = actions // 10
    tops = actions - subs
    statuses = list(Action.Status.values)
    top_rows = Action.objects.bulk_create(
        Action(
            process=process,
            commitment=commitments[i % COMMITMENTS],
            number=i // COMMITMENTS + 1,
            code=f"{i % COMMITMENTS + 1}.{i // COMMITMENTS + 1}",
            position=i,
            title=f"Action {i + 1}",
            is_flagship=i % 7 == 0,
            lead_service="CCAS",
            status=statuses[i % 3],
            progress=rng.randint(0, 100),
            start_date=dt.date(2023, 7, 1),
            end_date=dt.date(2026, 12, 31),
        )
        for i in range(tops)
    )
    sub_rows = Action.objects.bulk_create(
        Action(
            process=process,
            commitment=top_rows[i % tops].commitment,
            parent=top_rows[i % tops],
            number=i // tops + 1,
            code=f"{top_rows[i % tops].code}.{i // tops + 1}",
            position=i,
            title=f"Sous-action {i + 1}",
            progress=rng.randint(0, 100),
        )
        for i in range(subs)
    )
    all_actions = top_rows + sub_rows
    Places = Action.neighbourhoods.through
    if neighbourhoods:
        Places.objects.bulk_create(
            Places(action_id=a.pk, neighbourhood_id=neighbourhoods[i % len(neighbourhoods)].pk)
            for i, a in enumerate(all_actions)
        )
    Links = Action.proposals.through
    AnswerLinks = Action.answers.through
    Links.objects.bulk_create(
        Links(action_id=a.pk, proposal_id=proposals[(i + k) % PROPOSALS].pk)
        for i, a in enumerate(all_actions)
        for k in range(2)
    )
    AnswerLinks.objects.bulk_create(
        AnswerLinks(action_id=a.pk, proposalanswer_id=answer_rows[(i + 5) % PROPOSALS].pk)
        for i, a in enumerate(all_actions)
    )
    Milestone.objects.bulk_create(
        (
            Milestone(
                action=all_actions[i % len(all_actions)],
                title=f"Jalon {i + 1}",
                due_on=dt.date(2023, 7, 1) + dt.timedelta(days=(i * 7) % 1200),
                done=i % 2 == 0,
                done_on=dt.date(2023, 8, 1) if i % 2 == 0 else None,
            )
            for i in range(milestones)
        ),
        batch_size=2000,
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            action=a,
            year=year,
            planned=Decimal(rng.randint(1, 50) * 1000),
            committed=Decimal(rng.randint(0, 20) * 1000),
            spent=Decimal(0),
        )
        for a in all_actions
        for year in YEARS
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(action=a, name="Personnes accompagnées", unit="personnes", baseline=0, target=500)
        for a in all_actions
    )
    IndicatorMeasure.objects.bulk_create(
        IndicatorMeasure(
            indicator=ind, measured_on=dt.date(year, 12, 31), value=rng.randint(0, 500)
        )
        for ind in indicators
        for year in YEARS[:3]
    )
    ActionChange.objects.bulk_create(
        (
            ActionChange(
                action=a,
                field=ActionChange.Field.PROGRESS,
                old_value=f"{k * 10} %",
                new_value=f"{k * 10 + 10} %",
                actor=staff,
                created_at=now - dt.timedelta(days=30 * (5 - k)),
            )
            for a in all_actions
            for k in range(5)
        ),
        batch_size=2000,
    )
