"""The moderation workflow, declared as data: states, transitions, who may act."""

from __future__ import annotations

from dataclasses import dataclass

from concerto.contributions.models import Contribution

S = Contribution.Status


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    permission: str
    needs_reason: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "publish",
            "Publier",
            frozenset({S.PENDING, S.REJECTED}),
            S.PUBLISHED,
            "contributions.moderate",
        ),
        Transition(
            "reject",
            "Refuser",
            frozenset({S.PENDING, S.PUBLISHED, S.CHANGES_REQUESTED}),
            S.REJECTED,
            "contributions.moderate",
            needs_reason=True,
        ),
        Transition(
            "request_changes",
            "Demander une modification",
            frozenset({S.PENDING}),
            S.CHANGES_REQUESTED,
            "contributions.moderate",
            needs_reason=True,
        ),
        Transition(
            "resubmit",
            "Renvoyer après modification",
            frozenset({S.CHANGES_REQUESTED}),
            S.PENDING,
            "author",
        ),
    ]
}


def available(contribution: Contribution) -> list[Transition]:
    return [
        t
        for t in TRANSITIONS.values()
        if contribution.status in t.sources and t.permission != "author"
    ]
