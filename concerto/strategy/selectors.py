"""Reading the answer and the thread from a contribution to the actions, in a constant
number of queries.

- ``published_proposals(process)``: the numbered proposals of the published report.
- ``answer_page(process)``: "La réponse de la Ville" as published (never a draft).
- ``actions_by_proposal(ids)``: the actions that implement each proposal (directly, or
  through its answer).
- ``thread_for_contribution(contribution)``: contribution → themes → proposals → published
  answers → actions; ``actions_for_contribution`` the actions at the end of it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db.models import F, Prefetch, Q, QuerySet
from django.urls import reverse

from concerto.contributions.models import Contribution
from concerto.processes.models import Process
from concerto.reports.models import Proposal, ReportVersion
from concerto.reports.selectors import shown_proposals
from concerto.strategy.models import (
    Action,
    AnswerPublication,
    Decision,
    ProposalAnswer,
    ProposalAnswerVersion,
)
from concerto.synthesis.models import Coding, Theme


def code_key(code: str) -> tuple[int, ...]:
    """Sort key of an action code: "2.10" after "2.9"."""
    return tuple(int(part) if part.isdigit() else 0 for part in code.split("."))


def report_anchor(process: Process, proposal: Proposal | int) -> str:
    """The proposal's anchor on the published report's page."""
    number = proposal if isinstance(proposal, int) else proposal.number
    return reverse("reports:latest", kwargs={"slug": process.slug}) + f"#P{number}"


def published_numbers(process: Process) -> list[int]:
    """The numbers of the proposals of the latest published version of the report. A
    version never changes: its numbers are kept in this server's memory, so this costs one
    small query (which version is the latest), plus one the first time."""
    version_id = (
        ReportVersion.objects.filter(report__process=process)
        .order_by("-number")
        .values_list("pk", flat=True)
        .first()
    )
    if version_id is None:
        return []
    key = f"strategy:report-numbers:{version_id}"
    memory = caches["pages"]
    numbers: list[int] | None = memory.get(key)
    if numbers is None:
        content = ReportVersion.objects.filter(pk=version_id).values_list("content", flat=True)
        numbers = [p["number"] for p in shown_proposals(content.first())]
        memory.set(key, numbers, None)
    return numbers


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


@dataclass
class PublishedAnswer:
    proposal: Proposal
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
    items = []
    for answer_versions in by_answer.values():
        proposal = answer_versions[0].answer.proposal
        items.append(
            PublishedAnswer(
                proposal=proposal,
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


# --- The thread from a contribution ------------------------------------------------------------


@dataclass
class ThreadProposal:
    proposal: Proposal
    themes: list[Theme]  # the contribution's themes this proposal builds on
    quoted: bool  # the proposal quotes the contribution
    answer: ProposalAnswerVersion | None  # the published answer, if any
    actions: list[Action]
    anchor: str


@dataclass
class ContributionThread:
    contribution: Contribution
    themes: list[Theme]
    proposals: list[ThreadProposal]
    actions: list[Action]


def thread_for_contribution(contribution: Contribution) -> ContributionThread:
    """contribution → themes (its codings) → proposals of the published report that build
    on those themes or quote it → their published answers → the actions implementing them.
    Six queries at most, whatever the volume. Public data only: published answers, numbered
    proposals of a published report."""
    codings = list(
        Coding.objects.filter(answer__contribution=contribution)
        .select_related("theme")
        .order_by("theme__position", "theme_id")
    )
    themes: dict[int, Theme] = {}
    for coding in codings:
        themes.setdefault(coding.theme_id, coding.theme)
    if not codings:
        return ContributionThread(contribution, [], [], [])
    # A proposal citing a theme also builds on what was coded under its sub-themes.
    cited_ids = set(themes) | {t.parent_id for t in themes.values() if t.parent_id}
    coding_ids = [c.pk for c in codings]
    proposals = list(
        published_proposals(contribution.process)
        .filter(Q(themes__in=cited_ids) | Q(quotes__in=coding_ids))
        .distinct()
        .select_related("answer__current_version")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.filter(pk__in=cited_ids), to_attr="hit"),
            Prefetch("quotes", queryset=Coding.objects.filter(pk__in=coding_ids), to_attr="quoted"),
        )
    )
    actions = actions_by_proposal(p.pk for p in proposals)
    by_id = {t.pk: t for t in themes.values()}
    items = []
    for proposal in proposals:
        answer = getattr(proposal, "answer", None)
        matched = [by_id.get(t.pk, t) for t in proposal.hit]
        items.append(
            ThreadProposal(
                proposal=proposal,
                themes=matched,
                quoted=bool(proposal.quoted),
                answer=answer.current_version if answer is not None else None,
                actions=actions.get(proposal.pk, []),
                anchor=report_anchor(contribution.process, proposal),
            )
        )
    distinct: dict[int, Action] = {}
    for item in items:
        for action in item.actions:
            distinct.setdefault(action.pk, action)
    return ContributionThread(
        contribution=contribution,
        themes=list(themes.values()),
        proposals=items,
        actions=sorted(distinct.values(), key=lambda a: code_key(a.code)),
    )


def actions_for_contribution(contribution: Contribution) -> list[Action]:
    """The actions that stem from ``contribution`` (through its themes, the proposals and
    their answers)."""
    return thread_for_contribution(contribution).actions
