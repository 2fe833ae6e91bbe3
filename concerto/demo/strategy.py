"""Demo data: the City's answer and the strategy of the Nantes demo (``manage.py
loaddemo``), from ``strategy_data`` (the seeds).

Everything goes through the services, like real data, at the dates of the story: what has
not happened yet at ``now`` does not happen (a milestone still to come stays open). The
answer is drafted, validated by an official and published only if the demo report is
published; each action then cites the report's proposal of its commitment and the answer
to it. Deterministic, and fast: a few hundred service calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.utils import timezone

from concerto.accounts.models import User
from concerto.core.roles import Role
from concerto.demo.strategy_data import (
    ADOPTED,
    ANSWER_PUBLISHED,
    COMMITMENTS,
    ActionData,
    CommitmentData,
)
from concerto.demo.strategy_more import more_actions
from concerto.processes.models import Process
from concerto.reports.models import Proposal
from concerto.strategy.models import Action, ProposalAnswer
from concerto.strategy.selectors import published_proposals
from concerto.strategy.services import (
    ActionInput,
    AnswerInput,
    action_create,
    action_progress_update,
    answer_save,
    answers_publish,
    answers_validate_all,
    budget_line_save,
    commitment_create,
    indicator_add,
    indicator_measure_add,
    milestone_add,
    milestone_done,
)

PARIS = ZoneInfo("Europe/Paris")
DEMO_DOMAIN = "demo.concerto.test"
STAFF_EMAILS = {
    Role.ADMIN: (f"admin@{DEMO_DOMAIN}", f"strategie-automatique@{DEMO_DOMAIN}"),
    Role.OFFICIAL: (f"elue@{DEMO_DOMAIN}", f"elu-automatique@{DEMO_DOMAIN}"),
}
LAST_YEAR = 2026


class _Clock:
    """The demo's dates, and only what happened by ``now``."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.today = timezone.localdate(now)

    def day(self, value: dt.date) -> dt.date:
        return value

    def at(self, value: dt.date, hour: int = 10) -> dt.datetime:
        moment = dt.datetime.combine(value, dt.time(hour), tzinfo=PARIS)
        return min(moment, self.now)

    def happened(self, value: dt.date) -> bool:
        return value <= self.today


def _staff(role: Role) -> User:
    """The demo account of ``role`` if the demo has accounts, else a system account that
    cannot log in."""
    demo, system = STAFF_EMAILS[role]
    user = User.objects.filter(email=demo).first()
    if user is not None and role.value in user.groups.values_list("name", flat=True):
        return user
    user = User.objects.filter(email=system).first()
    if user is None:
        label = "Stratégie (démo)" if role is Role.ADMIN else "Élu·e (démo)"
        user = User(email=system, display_name=label)
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return User.objects.get(pk=user.pk)  # fresh: no cached roles


def _answers(
    process: Process, clock: _Clock, admin: User, official: User
) -> dict[str, tuple[Proposal, ProposalAnswer | None]]:
    """The report's proposals by title, answered point by point if the report is published
    and the answer's date has come."""
    proposals = {p.title: p for p in published_proposals(process)}
    if not proposals or not clock.happened(ANSWER_PUBLISHED.date()):
        return {title: (p, None) for title, p in proposals.items()}
    data = {c.title: c for c in COMMITMENTS}
    for title, proposal in proposals.items():
        commitment = data.get(title)
        answer_save(
            proposal=proposal,
            data=AnswerInput(
                decision=commitment.decision if commitment else "under_study",
                justification=commitment.justification
                if commitment
                else "À l'étude : les services instruisent cette préconisation.",
                official=commitment.official if commitment else COMMITMENTS[0].official,
                service=commitment.service if commitment else COMMITMENTS[0].service,
                decided_on=clock.day(ADOPTED),
            ),
            actor=admin,
            now=clock.at(ADOPTED - dt.timedelta(days=10)),
        )
    answers_validate_all(process=process, actor=official, now=clock.at(ADOPTED, 18))
    answers_publish(
        process=process, actor=admin, now=clock.at(ANSWER_PUBLISHED.date(), ANSWER_PUBLISHED.hour)
    )
    by_proposal = {a.proposal_id: a for a in ProposalAnswer.objects.filter(process=process)}
    return {title: (p, by_proposal.get(p.pk)) for title, p in proposals.items()}


def _years(data: ActionData) -> list[int]:
    first = data.start.year if data.start else ADOPTED.year
    last = data.end.year if data.end else LAST_YEAR
    return list(range(first, min(last, LAST_YEAR) + 1))


Event = tuple[dt.datetime, int, Callable[[], object]]


def _budget(action: Action, data: ActionData, clock: _Clock, actor: User) -> list[Event]:
    """The planned budget, spread over the action's years and voted with the strategy
    (now); then, as events, what was committed and spent by ``now`` (all of a past year at
    its end, part of the current one today)."""
    if not data.budget:
        return []
    events: list[Event] = []
    years = _years(data)
    share = (Decimal(data.budget) / len(years)).quantize(Decimal(1000), rounding=ROUND_HALF_UP)
    for index, year in enumerate(years):
        planned = share if index < len(years) - 1 else Decimal(data.budget) - share * index
        label = clock.day(dt.date(year, 7, 1)).year
        budget_line_save(
            action=action,
            year=label,
            planned=planned,
            committed=0,
            spent=0,
            actor=actor,
            now=clock.at(ADOPTED, 12),
        )
        end_of_year, start_of_year = dt.date(year, 12, 31), dt.date(year, 1, 1)
        if clock.happened(end_of_year):
            committed, spent = planned, (planned * Decimal("0.94")).quantize(Decimal(1))
            when = clock.at(end_of_year, 17)
        elif clock.happened(start_of_year) and clock.happened(ADOPTED):
            elapsed = Decimal((clock.today - clock.day(start_of_year)).days) / 365
            committed = (planned * Decimal("0.8")).quantize(Decimal(1))
            spent = (committed * elapsed).quantize(Decimal(1))
            when = clock.now
        else:
            continue
        events.append(
            (
                when,
                3,
                partial(
                    budget_line_save,
                    action=action,
                    year=label,
                    planned=planned,
                    committed=committed,
                    spent=spent,
                    actor=actor,
                    now=when,
                ),
            )
        )
    return events


def _follow(action: Action, data: ActionData, clock: _Clock, actor: User) -> list[Event]:
    """Milestones and indicator, set up now; what happened to them and the story of the
    action, as dated events up to ``now``."""
    events: list[Event] = []
    for title, due, done_on in data.milestones:
        milestone = milestone_add(
            action=action,
            title=title,
            due_on=clock.day(due),
            actor=actor,
            now=clock.at(ADOPTED, 12),
        )
        if done_on is not None and clock.happened(done_on):
            when = clock.at(done_on, 17)
            events.append(
                (
                    when,
                    1,
                    partial(
                        milestone_done,
                        milestone=milestone,
                        done_on=clock.day(done_on),
                        actor=actor,
                        now=when,
                    ),
                )
            )
    if data.indicator is not None:
        spec = data.indicator
        indicator = indicator_add(
            action=action,
            name=spec.name,
            unit=spec.unit,
            baseline=spec.baseline,
            target=spec.target,
            actor=actor,
            now=clock.at(ADOPTED, 12),
        )
        for on, value in spec.measures:
            if clock.happened(on):
                when = clock.at(on, 16)
                events.append(
                    (
                        when,
                        2,
                        partial(
                            indicator_measure_add,
                            indicator=indicator,
                            measured_on=clock.day(on),
                            value=value,
                            actor=actor,
                            now=when,
                        ),
                    )
                )
    for step in data.story:
        if not clock.happened(step.on):
            break
        when = clock.at(step.on, 11)
        events.append(
            (
                when,
                0,
                partial(
                    action_progress_update,
                    action=action,
                    status=step.status,
                    progress=step.progress,
                    reason=step.reason,
                    on=clock.day(step.on),
                    actor=actor,
                    now=when,
                ),
            )
        )
    return events


def _input(
    process: Process,
    data: ActionData,
    clock: _Clock,
    link: tuple[Proposal, ProposalAnswer | None] | None,
) -> ActionInput:
    places = {n.slug: n for n in process.neighbourhoods.all()}
    proposals, answers = [], []
    if link is not None:
        proposals = [link[0]]
        answers = [link[1]] if link[1] is not None and link[1].version else []
    return ActionInput(
        title=data.title,
        description=data.description,
        is_flagship=data.flagship,
        lead_service=data.service,
        partners=data.partners,
        start_date=clock.day(data.start) if data.start else None,
        end_date=clock.day(data.end) if data.end else None,
        neighbourhoods=[places[s] for s in data.neighbourhoods if s in places],
        proposals=proposals,
        answers=answers,
    )


def _commitment(
    process: Process,
    number: int,
    data: CommitmentData,
    clock: _Clock,
    admin: User,
    link: tuple[Proposal, ProposalAnswer | None] | None,
) -> list[Event]:
    """The commitment and its actions as voted (now); what followed, as dated events."""
    commitment = commitment_create(
        process=process, number=number, title=data.title, description=data.description, actor=admin
    )
    events: list[Event] = []
    for spec in (*data.actions, *more_actions(number, data.service)):
        action = action_create(
            commitment=commitment,
            data=_input(process, spec, clock, link),
            actor=admin,
            now=clock.at(ADOPTED, 12),
        )
        family = [(action, spec)]
        for child_spec in spec.children:
            child = action_create(
                commitment=commitment,
                data=_input(process, child_spec, clock, None),
                parent=action,
                actor=admin,
                now=clock.at(ADOPTED, 12),
            )
            family.append((child, child_spec))
        for member, member_spec in family:
            events += _budget(member, member_spec, clock, admin)
            events += _follow(member, member_spec, clock, admin)
    return events


def load_demo(*, process: Process, now: dt.datetime) -> None:
    """Create the demo answer and strategy for the demo ``process``."""
    clock = _Clock(now)
    admin = _staff(Role.ADMIN)
    official = _staff(Role.OFFICIAL)
    links = _answers(process, clock, admin, official)
    events: list[Event] = []
    for number, data in enumerate(COMMITMENTS, start=1):
        events += _commitment(process, number, data, clock, admin, links.get(data.title))
    # What followed, in the order it happened, so that every history reads in date order.
    for _when, _order, apply in sorted(events, key=lambda e: (e[0], e[1])):
        apply()
