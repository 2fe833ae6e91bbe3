"""Reading the answer and the thread from a contribution to the actions, in a constant
number of queries.

- ``published_proposals(process)``: the numbered proposals of the published report.
- ``answer_page(process)``: "La réponse de la Ville" as published (never a draft).
- ``actions_by_proposal(ids)``: the actions that implement each proposal (directly, or
  through its answer).
The thread from a contribution to the actions is ``concerto.strategy.thread``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, QuerySet
from django.urls import reverse

from concerto.processes.models import Process
from concerto.reports.models import Proposal, ReportVersion
from concerto.reports.published import PublishedProposal, published_report
from concerto.strategy.models import (
    Action,
    AnswerPublication,
    Decision,
    ProposalAnswer,
    ProposalAnswerVersion,
)


def code_key(code: str) -> tuple[int, ...]:
    """Sort key of an action code: "2.10" after "2.9"."""
    return tuple(int(part) if part.isdigit() else 0 for part in code.split("."))


def report_anchor(process: Process, proposal: Proposal | AnsweredProposal | int) -> str:
    """The proposal's anchor on the published report's page."""
    number = proposal if isinstance(proposal, int) else proposal.number
    return reverse("reports:latest", kwargs={"slug": process.slug}) + f"#P{number}"


def published_numbers(process: Process) -> list[int]:
    """The numbers of the proposals the latest published version of the report shows
    (read from the frozen version, ``concerto.reports.published``)."""
    report = published_report(process.pk)
    return report.numbers if report is not None else []


def published_proposals(process: Process) -> QuerySet[Proposal]:
    """The numbered proposals of the latest published version of the process's report
    (those it shows withdrawn aside), in number order."""
    return Proposal.objects.filter(
        report__process=process, number__in=published_numbers(process)
    ).order_by("number")


def latest_report_version(process: Process) -> ReportVersion | None:
    return (
        ReportVersion.objects.filter(report__process=process)
        .defer("content")
        .order_by("-number")
        .first()
    )


# --- The back-office workspace -----------------------------------------------------------------


def answer_workspace(process: Process) -> list[Proposal]:
    """Every proposal to answer, with its answer (``proposal.answer`` or None), its stake
    and who validated it: three joins, one query."""
    proposals = list(
        published_proposals(process).select_related(
            "stake", "answer", "answer__validated_by", "answer__current_version"
        )
    )
    for proposal in proposals:
        proposal.staff_answer = getattr(proposal, "answer", None)  # type: ignore[attr-defined]
    return proposals


def answers_waiting() -> dict[int, dict[str, int]]:
    """process id -> how many answers wait, per state: drafts for an official's validation,
    those sent back for a new draft, validated ones for publication (one query)."""
    waiting: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        ProposalAnswer.objects.exclude(state=ProposalAnswer.State.PUBLISHED)
        .values_list("process_id", "state")
        .annotate(n=Count("pk"))
    )
    for process_id, state, count in rows:
        waiting[process_id][state] = count
    return waiting


def answers_to_validate(process: Process) -> list[ProposalAnswer]:
    return list(
        ProposalAnswer.objects.filter(process=process, state=ProposalAnswer.State.DRAFT)
        .select_related("proposal", "current_version", "drafted_by")
        .order_by("proposal__number")
    )


# --- Actions that implement proposals -----------------------------------------------------------


def actions_by_proposal(proposal_ids: Iterable[int]) -> dict[int, list[Action]]:
    """proposal id -> the actions that implement it (cited directly or through its
    answer), in two queries."""
    ids = list(proposal_ids)
    result: dict[int, list[Action]] = defaultdict(list)
    if not ids:
        return result
    seen: set[tuple[int, int]] = set()
    direct = (
        Action.proposals.through.objects.filter(proposal_id__in=ids)
        .select_related("action__process")
        .order_by("action__code")
    )
    through_answer = (
        Action.answers.through.objects.filter(proposalanswer__proposal_id__in=ids)
        .annotate(proposal_id=F("proposalanswer__proposal_id"))
        .select_related("action__process")
        .order_by("action__code")
    )
    for link in [*direct, *through_answer]:
        key = (link.proposal_id, link.action_id)  # type: ignore[attr-defined]
        if key not in seen:
            seen.add(key)
            result[key[0]].append(link.action)  # type: ignore[attr-defined]
    for actions in result.values():
        actions.sort(key=lambda a: code_key(a.code))
    return result


# --- "La réponse de la Ville", as published ----------------------------------------------------


@dataclass(frozen=True)
class AnsweredStake:
    pk: int  # the stake's number in the published report
    title: str


@dataclass(frozen=True)
class AnsweredProposal:
    """The proposal an answer is about, as the published report shows it (its live row is
    only the analysts' draft)."""

    pk: int
    number: int
    code: str
    title: str
    stake: AnsweredStake
    withdrawn: bool


def answered_proposal(proposal: Proposal, frozen: PublishedProposal | None) -> AnsweredProposal:
    if frozen is None:  # not in the latest version any more: shown as withdrawn
        return AnsweredProposal(
            proposal.pk,
            proposal.number,
            proposal.code,
            proposal.title,
            AnsweredStake(0, proposal.stake.title),
            True,
        )
    return AnsweredProposal(
        proposal.pk,
        frozen.number,
        frozen.code,
        frozen.title,
        AnsweredStake(frozen.stake_number, frozen.stake),
        frozen.withdrawn,
    )


@dataclass
class PublishedAnswer:
    proposal: AnsweredProposal
    current: ProposalAnswerVersion
    earlier: list[ProposalAnswerVersion]
    actions: list[Action]
    anchor: str


@dataclass
class AnswerPage:
    process: Process
    publication: AnswerPublication
    publications: list[AnswerPublication]
    items: list[PublishedAnswer]
    counts: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(count for _value, _label, count in self.counts)


def answer_page(process: Process, *, upto: AnswerPublication | None = None) -> AnswerPage | None:
    """The published answer (as of the publication ``upto``, the latest by default), or
    None if none is published. Five queries whatever the number of proposals."""
    publications = list(AnswerPublication.objects.filter(process=process).order_by("-number"))
    if not publications:
        return None
    publication = upto or publications[0]
    versions = (
        ProposalAnswerVersion.objects.filter(
            answer__process=process, publication__number__lte=publication.number
        )
        .select_related("answer__proposal__stake")
        .order_by("answer__proposal__number", "-number")
    )
    by_answer: dict[int, list[ProposalAnswerVersion]] = defaultdict(list)
    for version in versions:
        by_answer[version.answer_id].append(version)
    proposal_ids = [items[0].answer.proposal_id for items in by_answer.values()]
    actions = actions_by_proposal(proposal_ids)
    report = published_report(process.pk)
    frozen = {p.number: p for p in report.proposals} if report is not None else {}
    items = []
    for answer_versions in by_answer.values():
        proposal = answer_versions[0].answer.proposal
        items.append(
            PublishedAnswer(
                proposal=answered_proposal(proposal, frozen.get(proposal.number)),
                current=answer_versions[0],
                earlier=answer_versions[1:],
                actions=actions.get(proposal.pk, []),
                anchor=report_anchor(process, proposal),
            )
        )
    tally: dict[str, int] = defaultdict(int)
    for item in items:
        tally[item.current.decision] += 1
    counts = [(value, str(label), tally.get(value, 0)) for value, label in Decision.choices]
    return AnswerPage(
        process=process,
        publication=publication,
        publications=publications,
        items=items,
        counts=counts,
    )
