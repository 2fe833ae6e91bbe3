"""The public thread of contributions: themes → report proposals → the city's answers →
actions, for many contributions at once in a fixed number of queries.

Only what the public may see is followed: themes cited by a published report, proposals of a
published report (not withdrawn), published answers, actions of the strategy. The
contribution's own text is never read here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import caches
from django.urls import NoReverseMatch, reverse

from concerto.reports.models import Proposal, ReportVersion
from concerto.reports.selectors import shown_proposals
from concerto.strategy.models import Action, Decision, ProposalAnswerVersion
from concerto.synthesis.models import Coding


@dataclass
class ActionStep:
    pk: int
    title: str
    status: str
    status_label: str
    progress: int
    started_on: dt.date | None
    done_on: dt.date | None
    url: str = ""


@dataclass
class AnswerStep:
    pk: int
    decision: str
    decision_label: str
    published_at: dt.datetime | None
    version: int
    # (version number, published at) of every published version, oldest first.
    versions: list[tuple[int, dt.datetime]] = field(default_factory=list)
    url: str = ""


@dataclass
class ProposalStep:
    pk: int
    code: str
    title: str
    report_title: str
    cited_at: dt.datetime | None  # when the report citing it was first published
    via_quote: bool
    themes: list[str]
    url: str = ""
    answer: AnswerStep | None = None
    actions: list[ActionStep] = field(default_factory=list)


@dataclass
class Thread:
    themes: list[str] = field(default_factory=list)
    proposals: list[ProposalStep] = field(default_factory=list)

    @property
    def actions(self) -> list[ActionStep]:
        seen: dict[int, ActionStep] = {}
        for proposal in self.proposals:
            for action in proposal.actions:
                seen.setdefault(action.pk, action)
        return list(seen.values())


@dataclass
class _Published:
    """What the published versions of one report show."""

    title: str
    slug: str
    numbers: set[int]  # proposals shown by the latest version (withdrawn ones aside)
    themes: set[str]  # theme names cited by the latest version (stakes, findings, proposals)
    first_shown: dict[int, dt.datetime]  # proposal number -> first version showing it


def _shown(content: Any) -> tuple[list[int], list[str]]:
    numbers: list[int] = []
    themes: set[str] = set()
    for stake in (content or {}).get("stakes", []):
        themes.update(stake.get("themes", []))
        for finding in stake.get("findings", []):
            themes.update(finding.get("themes", []))
    for proposal in shown_proposals(content):
        numbers.append(proposal["number"])
        themes.update(proposal.get("themes", []))
    return numbers, sorted(themes)


def _version_shows(version_ids: list[int]) -> dict[int, tuple[list[int], list[str]]]:
    """Proposal numbers and theme names shown by each report version. A version never
    changes: what it shows is kept in this server's memory (one query the first time)."""
    memory = caches["pages"]
    keys = {pk: f"followup:report-version:{pk}" for pk in version_ids}
    found = memory.get_many(list(keys.values()))
    shows = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in version_ids if pk not in shows]
    if missing:
        for pk, content in ReportVersion.objects.filter(pk__in=missing).values_list(
            "pk", "content"
        ):
            shows[pk] = _shown(content)
            memory.set(keys[pk], shows[pk], None)
    return shows


def _published(report_ids: set[int]) -> dict[int, _Published]:
    """The published state of each report (reports never published are left out)."""
    versions = list(
        ReportVersion.objects.filter(report_id__in=report_ids)
        .order_by("report_id", "number")
        .values_list("pk", "report_id", "published_at", "report__title", "report__process__slug")
    )
    shows = _version_shows([row[0] for row in versions])
    result: dict[int, _Published] = {}
    for pk, report_id, published_at, title, slug in versions:
        numbers, themes = shows[pk]
        state = result.setdefault(report_id, _Published(title, slug, set(), set(), {}))
        state.numbers, state.themes = set(numbers), set(themes)  # the latest wins
        for number in numbers:
            state.first_shown.setdefault(number, published_at)
    return result


def threads_for(contribution_ids: Iterable[int]) -> dict[int, Thread]:
    """The public thread of each contribution (an empty one when nothing follows yet)."""
    ids = list(dict.fromkeys(contribution_ids))
    threads: dict[int, Thread] = {pk: Thread() for pk in ids}
    if not ids:
        return threads
    codings = list(
        Coding.objects.filter(answer__contribution_id__in=ids).values_list(
            "pk",
            "answer__contribution_id",
            "theme_id",
            "theme__name",
            "theme__parent_id",
            "theme__parent__name",
            "theme__codebook__process__report__id",
        )
    )
    if not codings:
        return threads
    themes_of: dict[int, dict[int, str]] = defaultdict(dict)  # contribution -> its themes
    codings_of: dict[int, set[int]] = defaultdict(set)
    report_ids: set[int] = set()
    for coding_id, contribution_id, theme_id, name, parent_id, parent_name, report_id in codings:
        codings_of[contribution_id].add(coding_id)
        themes_of[contribution_id][theme_id] = name
        if parent_id is not None:  # coded into a sub-theme: it also feeds its theme
            themes_of[contribution_id][parent_id] = parent_name
        if report_id is not None:
            report_ids.add(report_id)
    published = _published(report_ids)
    if not published:
        return threads
    theme_ids = {pk for themes in themes_of.values() for pk in themes}
    coding_ids = set().union(*codings_of.values())
    shown = Proposal.objects.filter(report_id__in=list(published))
    by_theme: dict[int, set[int]] = defaultdict(set)  # theme -> proposals citing it
    for proposal_id, theme_id in Proposal.themes.through.objects.filter(
        theme_id__in=theme_ids, proposal__in=shown
    ).values_list("proposal_id", "theme_id"):
        by_theme[theme_id].add(proposal_id)
    by_coding: dict[int, set[int]] = defaultdict(set)  # quote -> proposals citing it
    for proposal_id, coding_id in Proposal.quotes.through.objects.filter(
        coding_id__in=coding_ids, proposal__in=shown
    ).values_list("proposal_id", "coding_id"):
        by_coding[coding_id].add(proposal_id)
    proposal_ids = set().union(set(), *by_theme.values(), *by_coding.values())
    proposals = {
        p.pk: p
        for p in Proposal.objects.filter(pk__in=proposal_ids).only(
            "pk", "number", "title", "report_id"
        )
        # Only what the latest published version shows (not a later draft, not withdrawn).
        if p.number in published[p.report_id].numbers
    }
    cited_names = set().union(*(state.themes for state in published.values()))
    answers, actions = _strategy_steps(list(proposals))

    for contribution_id in ids:
        own_themes = themes_of.get(contribution_id, {})
        # Themes the public can see: those the published report cites; the rest of the
        # codebook is the analysts' working material.
        threads[contribution_id].themes = sorted(
            {name for name in own_themes.values() if name in cited_names}
        )
        via_theme: dict[int, set[str]] = defaultdict(set)
        for theme_id, name in own_themes.items():
            for proposal_id in by_theme.get(theme_id, ()):
                via_theme[proposal_id].add(name)
        via_quote = {
            proposal_id
            for coding_id in codings_of.get(contribution_id, ())
            for proposal_id in by_coding.get(coding_id, ())
        }
        steps = []
        for proposal_id in set(via_theme) | via_quote:
            proposal = proposals.get(proposal_id)
            if proposal is None:
                continue
            state = published[proposal.report_id]
            steps.append(
                ProposalStep(
                    pk=proposal.pk,
                    code=proposal.code,
                    title=proposal.title,
                    report_title=state.title,
                    cited_at=state.first_shown.get(proposal.number),
                    via_quote=proposal_id in via_quote,
                    themes=sorted(via_theme.get(proposal_id, set())),
                    url=_proposal_url(state.slug, proposal.code),
                    answer=answers.get(proposal.pk),
                    actions=actions.get(proposal.pk, []),
                )
            )
        steps.sort(key=lambda step: (step.report_title, int(step.code[1:] or 0)))
        threads[contribution_id].proposals = steps
    return threads


def thread_for(contribution_id: int) -> Thread:
    return threads_for([contribution_id])[contribution_id]


def _proposal_url(process_slug: str, code: str) -> str:
    """The proposal's anchor on the public report page."""
    try:
        base = reverse("reports:latest", kwargs={"slug": process_slug})
    except NoReverseMatch:
        return ""
    return f"{base}#{code}"


def _strategy_steps(
    proposal_ids: list[int],
) -> tuple[dict[int, AnswerStep], dict[int, list[ActionStep]]]:
    """The published answer to each proposal (its published versions only: the working
    copy may be a draft) and the actions implementing it (linked to the proposal or to its
    answer)."""
    answers: dict[int, AnswerStep] = {}
    actions: dict[int, list[ActionStep]] = {}
    if not proposal_ids:
        return answers, actions
    versions = ProposalAnswerVersion.objects.filter(answer__proposal_id__in=proposal_ids).order_by(
        "answer_id", "number"
    )
    answer_of: dict[int, int] = {}  # answer -> proposal
    rows = versions.values_list(
        "answer_id",
        "answer__proposal_id",
        "answer__proposal__number",
        "number",
        "decision",
        "published_at",
        "answer__process__slug",
    )
    for answer_id, proposal_id, proposal_number, number, decision, published_at, slug in rows:
        answer_of[answer_id] = proposal_id
        step = answers.get(proposal_id)
        if step is None:
            step = answers[proposal_id] = AnswerStep(
                pk=answer_id,
                decision=decision,
                decision_label="",
                published_at=published_at,
                version=number,
                url=_answer_url(slug, proposal_number),
            )
        step.decision, step.published_at, step.version = decision, published_at, number
        step.versions.append((number, published_at))
    for step in answers.values():
        step.decision_label = str(Decision(step.decision).label)

    links: dict[int, set[int]] = defaultdict(set)  # action -> proposals
    for action_id, proposal_id in Action.proposals.through.objects.filter(
        proposal_id__in=proposal_ids
    ).values_list("action_id", "proposal_id"):
        links[action_id].add(proposal_id)
    if answer_of:
        for action_id, answer_id in Action.answers.through.objects.filter(
            proposalanswer_id__in=list(answer_of)
        ).values_list("action_id", "proposalanswer_id"):
            links[action_id].add(answer_of[answer_id])
    if not links:
        return answers, actions
    for action in (
        Action.objects.filter(pk__in=list(links))
        .select_related("process")
        .only(
            "pk",
            "code",
            "title",
            "status",
            "progress",
            "started_on",
            "done_on",
            "process__slug",
        )
    ):
        action_step = ActionStep(
            pk=action.pk,
            title=f"{action.code}. {action.title}",
            status=action.status,
            status_label=str(action.get_status_display()),
            progress=action.progress,
            started_on=action.started_on,
            done_on=action.done_on,
            url=_action_url(action),
        )
        for proposal_id in links[action.pk]:
            actions.setdefault(proposal_id, []).append(action_step)
    return answers, actions


def _answer_url(process_slug: str, proposal_number: int) -> str:
    """The answer's anchor on "La réponse de la Ville"."""
    try:
        base = reverse("strategy:answer", kwargs={"slug": process_slug})
    except NoReverseMatch:
        return ""
    return f"{base}#R{proposal_number}"


def _action_url(action: Action) -> str:
    try:
        return action.get_absolute_url()
    except NoReverseMatch:
        return ""
