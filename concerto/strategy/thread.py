"""The one thread from a contribution to the actions: its themes → the proposals of the
published report coded with them (or quoting it) → the City's published answers → the
actions implementing them. For many contributions at once, in a fixed number of queries.

The report is read as published (``concerto.reports.published``): its proposals, their
themes and quotes as frozen in the latest version, never the live rows the analysts may
still be editing. Answers are their published versions only. The receipt path
(``concerto.followup``), the follow-up e-mails and the strategy's pages all read this.
The contribution's own text is never read here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from concerto.reports.models import Proposal
from concerto.reports.published import PublishedReport, published_reports
from concerto.strategy.models import Action, Decision, ProposalAnswerVersion
from concerto.synthesis.models import Coding


@dataclass
class ActionStep:
    pk: int
    code: str
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


@dataclass(frozen=True)
class ThemeReason:
    """Why a proposal follows from the contribution: it was coded ``coded``, and the
    proposal cites ``cited`` (the same theme, or the theme above that sub-theme)."""

    coded: str
    cited: str

    @property
    def sentence(self) -> str:
        if self.coded == self.cited:
            return _("codée « %(theme)s »") % {"theme": self.coded}
        return _("codée « %(theme)s », un sous-thème de « %(parent)s »") % {
            "theme": self.coded,
            "parent": self.cited,
        }


@dataclass
class ProposalStep:
    pk: int  # the proposal's row (its identity only: what is shown comes from the version)
    number: int
    code: str
    title: str
    report_title: str
    cited_at: dt.datetime | None  # when the report citing it was first published
    via_quote: bool
    reasons: list[ThemeReason]
    url: str = ""
    answer: AnswerStep | None = None
    actions: list[ActionStep] = field(default_factory=list)

    @property
    def themes(self) -> list[str]:
        return sorted({reason.cited for reason in self.reasons})

    @property
    def why(self) -> str:
        """ "codée « Isolement des seniors », un sous-thème de « Isolement social » → P6"."""
        parts = [reason.sentence for reason in self.reasons]
        if self.via_quote:
            parts.append(_("citée par le rapport"))
        return _("%(reasons)s → %(code)s") % {"reasons": " ; ".join(parts), "code": self.code}


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


@dataclass(frozen=True)
class _Coded:
    coding: int
    theme_id: int
    name: str
    parent_id: int | None
    parent_name: str | None


def _reasons(report: PublishedReport, coded: list[_Coded]) -> dict[int, list[ThemeReason]]:
    """proposal number -> why each shown proposal follows from these codings."""
    reasons: dict[int, list[ThemeReason]] = {}
    for proposal in report.shown:
        found: list[ThemeReason] = []
        for item in coded:
            theme = proposal.cites_theme(item.theme_id, item.name)
            if theme is None and item.parent_id is not None and item.parent_name is not None:
                theme = proposal.cites_theme(item.parent_id, item.parent_name)
            if theme is not None:
                reason = ThemeReason(coded=item.name, cited=theme.name)
                if reason not in found:
                    found.append(reason)
        if found:
            reasons[proposal.number] = sorted(found, key=lambda r: (r.cited, r.coded))
    return reasons


def threads_for(contribution_ids: Iterable[int]) -> dict[int, Thread]:
    """The public thread of each contribution (an empty one when nothing follows yet)."""
    ids = list(dict.fromkeys(contribution_ids))
    threads: dict[int, Thread] = {pk: Thread() for pk in ids}
    if not ids:
        return threads
    rows = Coding.objects.filter(answer__contribution_id__in=ids).values_list(
        "pk",
        "answer__contribution_id",
        "answer__contribution__process__report__id",
        "theme_id",
        "theme__name",
        "theme__parent_id",
        "theme__parent__name",
    )
    coded: dict[int, list[_Coded]] = defaultdict(list)
    report_of: dict[int, int] = {}
    for coding_id, contribution_id, report_id, theme_id, name, parent_id, parent_name in rows:
        coded[contribution_id].append(_Coded(coding_id, theme_id, name, parent_id, parent_name))
        if report_id is not None:
            report_of[contribution_id] = report_id
    if not report_of:
        return threads
    published = published_reports(report_ids=set(report_of.values()))
    if not published:
        return threads
    identities = {
        (report_id, number): pk
        for pk, report_id, number in Proposal.objects.filter(
            report_id__in=list(published)
        ).values_list("pk", "report_id", "number")
    }
    found: dict[int, list[tuple[PublishedReport, int, list[ThemeReason], bool]]] = {}
    wanted: set[int] = set()
    for contribution_id in ids:
        report = published.get(report_of.get(contribution_id, -1))
        if report is None:
            continue
        codings = coded[contribution_id]
        names = {c.name for c in codings} | {c.parent_name for c in codings if c.parent_name}
        # Themes the public can see: those the published report cites; the rest of the
        # codebook is the analysts' working material.
        threads[contribution_id].themes = sorted(names & report.themes)
        reasons = _reasons(report, codings)
        coding_ids = {c.coding for c in codings}
        items = []
        for proposal in report.shown:
            quoted = bool(proposal.quoted_codings & coding_ids)
            pk = identities.get((report.report_id, proposal.number))
            if pk is None or not (quoted or proposal.number in reasons):
                continue
            items.append((report, proposal.number, reasons.get(proposal.number, []), quoted))
            wanted.add(pk)
        found[contribution_id] = items
    answers, actions = _strategy_steps(list(wanted))
    for contribution_id, items in found.items():
        steps = []
        for report, number, why, quoted in items:
            shown = report.proposal(number)
            assert shown is not None  # taken from report.shown above
            pk = identities[(report.report_id, number)]
            steps.append(
                ProposalStep(
                    pk=pk,
                    number=number,
                    code=shown.code,
                    title=shown.title,
                    report_title=report.title,
                    cited_at=report.first_shown.get(number),
                    via_quote=quoted,
                    reasons=why,
                    url=_proposal_url(report.process_slug, shown.code),
                    answer=answers.get(pk),
                    actions=actions.get(pk, []),
                )
            )
        steps.sort(key=lambda step: (step.report_title, step.number))
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
    rows_actions = (
        Action.objects.filter(pk__in=list(links))
        .select_related("process")
        .only("pk", "code", "title", "status", "progress", "started_on", "done_on", "process__slug")
    )
    for action in sorted(rows_actions, key=lambda a: _code_key(a.code)):
        action_step = ActionStep(
            pk=action.pk,
            code=action.code,
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


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in code.split("."))


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
