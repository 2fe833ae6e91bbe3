"""Reading the workspace for its pages, in a constant number of queries, and the answer
weights for statistics (``answer_weights``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from concerto.contributions.models import Answer, Contribution
from concerto.contributions.workflow import ANALYSED, analysed
from concerto.processes.models import Process, Question
from concerto.synthesis.models import (
    AnalysisRun,
    Codebook,
    Coding,
    CodingSample,
    DuplicateGroup,
    DuplicateMember,
    Suggestion,
    Theme,
)
from concerto.synthesis.passages import Segment, segments

# --- People and weights -----------------------------------------------------------------------


def person_keys(contributions: Iterable[Contribution]) -> dict[int, str]:
    """A key per contribution naming its author: contributions of the same account or of
    the same e-mail address (compared in memory, never stored) share a key; anonymous
    contributions are each their own author."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_of: dict[tuple[str, object], int] = {}
    for contribution in contributions:
        parent.setdefault(contribution.pk, contribution.pk)
        email = (contribution.email or "").strip().lower()
        for key in (("u", contribution.user_id), ("e", email)):
            if not key[1]:
                continue
            if key in first_of:
                a, b = find(first_of[key]), find(contribution.pk)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                first_of[key] = contribution.pk
    return {pk: f"p{find(pk)}" for pk in parent}


def answer_weights(process: Process, *, merge_campaigns: bool = False) -> dict[int, float]:
    """The weight of each analysed answer of ``process`` for statistics: a person (same
    account or same e-mail) who answered the same question N times counts 1/N for each of
    those answers. With ``merge_campaigns``, answers of a copy-paste campaign (found by the
    last duplicates run) count 1/size of their group at most."""
    rows = list(
        Answer.objects.filter(analysed("contribution__"), contribution__process=process)
        .select_related("contribution")
        .only(
            "pk", "question_id", "contribution__id", "contribution__user_id", "contribution__email"
        )
    )
    people = person_keys(row.contribution for row in rows)
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    for row in rows:
        groups[(row.question_id, people[row.contribution_id])].append(row.pk)
    weights = {pk: 1 / len(members) for members in groups.values() for pk in members}
    if merge_campaigns:
        last = last_run(process, AnalysisRun.Kind.DUPLICATES)
        if last is not None:
            for answer_id, weight in DuplicateMember.objects.filter(
                group__run=last, group__is_campaign=True
            ).values_list("answer_id", "weight"):
                if answer_id in weights:
                    weights[answer_id] = min(weights[answer_id], weight)
    return weights


# --- Codebook ---------------------------------------------------------------------------------


@dataclass
class ThemeNode:
    theme: Theme
    children: list[Theme] = field(default_factory=list)


def theme_tree(codebook: Codebook | None, *, active_only: bool = False) -> list[ThemeNode]:
    if codebook is None:
        return []
    themes = Theme.objects.filter(codebook=codebook).order_by("position", "pk")
    if active_only:
        themes = themes.filter(is_archived=False)
    nodes: dict[int, ThemeNode] = {}
    children: list[Theme] = []
    for theme in themes:
        if theme.parent_id is None:
            nodes[theme.pk] = ThemeNode(theme)
        else:
            children.append(theme)
    for child in children:
        if child.parent_id in nodes:
            nodes[child.parent_id].children.append(child)
    return list(nodes.values())


def flat_themes(tree: Sequence[ThemeNode]) -> list[Theme]:
    return [theme for node in tree for theme in (node.theme, *node.children)]


def snapshot_tree(snapshot: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    parents = [dict(row, children=[]) for row in snapshot if row.get("parent") is None]
    by_id = {row["id"]: row for row in parents}
    for row in snapshot:
        if row.get("parent") in by_id:
            by_id[row["parent"]]["children"].append(row)
    return parents


# --- The list of contributions to code --------------------------------------------------------


def coding_queue(process: Process, filters: dict[str, Any]) -> QuerySet[Contribution]:
    contributions = Contribution.objects.filter(analysed(), process=process).annotate(
        is_coded=Exists(Coding.objects.filter(answer__contribution=OuterRef("pk")))
    )
    if filters.get("question"):
        contributions = contributions.filter(
            Exists(Answer.objects.filter(contribution=OuterRef("pk"), question=filters["question"]))
        )
    if filters.get("channel"):
        contributions = contributions.filter(channel=filters["channel"])
    if filters.get("coded") == "coded":
        contributions = contributions.filter(is_coded=True)
    elif filters.get("coded") == "uncoded":
        contributions = contributions.filter(is_coded=False)
    theme = filters.get("theme")
    if theme:
        contributions = contributions.filter(
            Exists(
                Coding.objects.filter(answer__contribution=OuterRef("pk")).filter(
                    Q(theme=theme) | Q(theme__parent=theme)
                )
            )
        )
    return contributions.order_by("submitted_at", "pk")


@dataclass
class QueueRow:
    contribution: Contribution
    answers: list[Answer]
    themes: list[str]
    codings: int
    quotes: int


def queue_rows(contributions: Sequence[Contribution]) -> list[QueueRow]:
    """What the list shows of each contribution of the page: two queries."""
    ids = [c.pk for c in contributions]
    answers: dict[int, list[Answer]] = defaultdict(list)
    for answer in Answer.objects.filter(contribution__in=ids).select_related("question"):
        answers[answer.contribution_id].append(answer)
    themes: dict[int, dict[int, str]] = defaultdict(dict)
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for coding in Coding.objects.filter(answer__contribution__in=ids).select_related(
        "theme", "answer"
    ):
        contribution_id = coding.answer.contribution_id
        themes[contribution_id][coding.theme_id] = coding.theme.name
        counts[contribution_id][0] += 1
        counts[contribution_id][1] += int(coding.is_quote)
    return [
        QueueRow(
            contribution=c,
            answers=answers[c.pk],
            themes=sorted(themes[c.pk].values()),
            codings=counts[c.pk][0],
            quotes=counts[c.pk][1],
        )
        for c in contributions
    ]


# --- The coding page --------------------------------------------------------------------------


@dataclass
class AnswerView:
    answer: Answer
    segments: list[Segment]
    codings: list[Coding]
    suggestion: Suggestion | None = None


def analysed_contribution(process: Process, pk: int) -> Contribution:
    """A contribution of the analysis, published or not; 404 if it was set aside."""
    contribution = (
        Contribution.objects.filter(process=process, status__in=ANALYSED, pk=pk)
        .select_related("neighbourhood")
        .first()
    )
    if contribution is None:
        raise Http404("Contribution introuvable ou écartée de l'analyse.")
    return contribution


def answer_views(contribution: Contribution) -> list[AnswerView]:
    """The answers of ``contribution`` with their passages, codings and waiting
    suggestion: three queries."""
    answers = list(Answer.objects.filter(contribution=contribution).select_related("question"))
    codings: dict[int, list[Coding]] = defaultdict(list)
    for coding in Coding.objects.filter(answer__contribution=contribution).select_related(
        "theme__parent", "coder"
    ):
        codings[coding.answer_id].append(coding)
    suggestions = {
        s.answer_id: s
        for s in Suggestion.objects.filter(
            answer__contribution=contribution, status=Suggestion.Status.WAITING
        ).order_by("run_id")
    }
    return [
        AnswerView(
            answer=a,
            segments=segments(
                a.shown_text,
                [(c.start, c.end) for c in codings[a.pk] if c.start is not None and c.end],
            ),
            codings=sorted(codings[a.pk], key=lambda c: (c.start is not None, c.start or 0, c.pk)),
            suggestion=suggestions.get(a.pk),
        )
        for a in answers
    ]


def next_uncoded(process: Process, after: Contribution) -> Contribution | None:
    queue = coding_queue(process, {"coded": "uncoded"})
    following = queue.filter(
        Q(submitted_at__gt=after.submitted_at) | Q(submitted_at=after.submitted_at, pk__gt=after.pk)
    ).first()
    return following or queue.exclude(pk=after.pk).first()


# --- Home, runs, suggestions, duplicates ------------------------------------------------------


def last_run(
    process: Process, kind: str, *, question: Question | None = None, done: bool = True
) -> AnalysisRun | None:
    runs = AnalysisRun.objects.filter(process=process, kind=kind)
    if question is not None:
        runs = runs.filter(question=question)
    if done:
        runs = runs.filter(state=AnalysisRun.State.DONE)
    return runs.order_by("-created_at", "-pk").first()


def waiting_suggestions(process: Process) -> QuerySet[Suggestion]:
    """The suggestion queue: waiting suggestions on answers still uncoded, least certain
    first."""
    return (
        Suggestion.objects.filter(
            run__process=process,
            status=Suggestion.Status.WAITING,
            answer__contribution__status__in=ANALYSED,
        )
        .exclude(Exists(Coding.objects.filter(answer=OuterRef("answer"))))
        .select_related("answer__question", "answer__contribution", "run")
        .order_by("run_id", "position")
    )


def home_counts(process: Process) -> dict[str, Any]:
    counts = Contribution.objects.filter(process=process).aggregate(
        received=Count("pk"),
        analysed=Count("pk", filter=analysed()),
        published=Count("pk", filter=Q(status=Contribution.Status.PUBLISHED)),
        coded=Count(
            "pk",
            filter=analysed() & Exists(Coding.objects.filter(answer__contribution=OuterRef("pk"))),
        ),
    )
    total = counts["analysed"]
    coded = counts["coded"]
    codings = Coding.objects.filter(answer__contribution__process=process).aggregate(
        total=Count("pk"), quotes=Count("pk", filter=Q(is_quote=True))
    )
    sample = (
        CodingSample.objects.filter(
            process=process, finished_a_at__isnull=False, finished_b_at__isnull=False
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    return {
        "received": counts["received"],
        "analysed": total,
        "published": counts["published"],
        "set_aside": counts["received"] - total,
        "coded": coded,
        "uncoded": total - coded,
        "codings": codings["total"],
        "quotes": codings["quotes"],
        "suggestions": waiting_suggestions(process).count(),
        "last_training": last_run(process, AnalysisRun.Kind.SUGGESTIONS),
        "sample": sample,
    }


@dataclass
class GroupView:
    group: DuplicateGroup
    members: list[DuplicateMember]


def duplicate_group_queryset(run: AnalysisRun, kind: str | None = None) -> QuerySet[DuplicateGroup]:
    groups = DuplicateGroup.objects.filter(run=run).select_related("question")
    if kind:
        groups = groups.filter(kind=kind)
    return groups.order_by("-is_campaign", "kind", "pk")


def duplicate_groups(groups: Sequence[DuplicateGroup]) -> list[GroupView]:
    """The groups of one page with their members side by side: one query."""
    members: dict[int, list[DuplicateMember]] = defaultdict(list)
    for member in DuplicateMember.objects.filter(group__in=[g.pk for g in groups]).select_related(
        "answer__contribution"
    ):
        members[member.group_id].append(member)
    return [GroupView(group=g, members=members[g.pk]) for g in groups]
