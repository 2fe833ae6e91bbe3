"""The event proposal workflow, declared as data: states, transitions, who may act."""

from __future__ import annotations

from dataclasses import dataclass

from concerto.events.models import Event

S = Event.Status


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    permission: str  # a core.roles permission, or "proposer"
    needs_reason: bool = False
    notifies_proposer: bool = True


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "approve",
            "Publier dans l'agenda",
            frozenset({S.PROPOSED, S.REFUSED}),
            S.APPROVED,
            "events.moderate",
        ),
        Transition(
            "request_changes",
            "Demander une modification",
            frozenset({S.PROPOSED, S.APPROVED}),
            S.CHANGES_REQUESTED,
            "events.moderate",
            needs_reason=True,
        ),
        Transition(
            "refuse",
            "Refuser",
            frozenset({S.PROPOSED, S.CHANGES_REQUESTED, S.APPROVED}),
            S.REFUSED,
            "events.moderate",
            needs_reason=True,
        ),
        Transition(
            "cancel",
            "Annuler l'événement",
            frozenset({S.APPROVED}),
            S.CANCELLED,
            "events.moderate",
            needs_reason=True,
        ),
        Transition(
            "resubmit",
            "Renvoyer après modification",
            frozenset({S.CHANGES_REQUESTED}),
            S.PROPOSED,
            "proposer",
            notifies_proposer=False,
        ),
    ]
}


def available(event: Event) -> list[Transition]:
    """The staff decisions possible on ``event`` now."""
    return [
        t for t in TRANSITIONS.values() if event.status in t.sources and t.permission != "proposer"
    ]
