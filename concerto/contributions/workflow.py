"""The life of a contribution, declared as data: its states, what each state means for the
analysis and for publication, the transitions between them and who may make them.

Received, analysed and published are three different things:

* every contribution received, through any channel, is **analysed** (coded in the
  workspace, counted in the statistics and the report's figures) whatever its publication
  status, unless it was **set aside** because it breaks the charter (abusive: insults,
  hatred, advertising, spam), with its reason — and it is then counted as such;
* **publication** is a separate decision: it needs the author's consent and a moderator.
  A contribution received without that consent is ``private`` from the start (analysed,
  never published, nothing to moderate); the report quotes only published contributions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from concerto.contributions.models import Contribution

S = Contribution.Status
R = Contribution.RejectionReason


@dataclass(frozen=True)
class State:
    analysed: bool  # part of the analysis workspace, the statistics and the report's figures
    public: bool  # shown on the public pages, the API and the open data
    meaning: Promise  # what the state says, for staff


STATES: dict[str, State] = {
    S.PENDING: State(True, False, _("reçue, analysée, en attente de la décision de publication")),
    S.PUBLISHED: State(True, True, _("reçue, analysée et publiée")),
    S.REJECTED: State(True, False, _("reçue et analysée ; sa publication a été refusée")),
    S.CHANGES_REQUESTED: State(
        True, False, _("reçue et analysée ; une modification est demandée avant publication")
    ),
    S.PRIVATE: State(True, False, _("reçue et analysée ; sans accord de publication")),
    S.SET_ASIDE: State(False, False, _("écartée de l'analyse : contraire à la charte")),
}

ANALYSED: frozenset[str] = frozenset(s for s, state in STATES.items() if state.analysed)
PUBLIC: frozenset[str] = frozenset(s for s, state in STATES.items() if state.public)

# The reasons that break the charter: only these set a contribution aside from the analysis.
CHARTER_REASONS: frozenset[str] = frozenset({R.OFFENSIVE, R.ADVERTISING, R.SPAM})
# The reasons for refusing only the publication (the contribution stays in the analysis).
PUBLICATION_REASONS: frozenset[str] = frozenset(R.values) - CHARTER_REASONS


@dataclass(frozen=True)
class Transition:
    name: str
    label: Promise
    sources: frozenset[str]
    target: str
    permission: str
    needs_reason: bool = False
    reasons: frozenset[str] = frozenset()  # the reasons accepted when one is needed
    needs_consent: bool = False  # refused without the author's consent to publication
    # The target when the author did not consent to publication (back into the analysis).
    target_without_consent: str | None = None


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "publish",
            _("Publier"),
            frozenset({S.PENDING, S.REJECTED}),
            S.PUBLISHED,
            "contributions.moderate",
            needs_consent=True,
        ),
        Transition(
            "reject",
            _("Refuser la publication"),
            frozenset({S.PENDING, S.PUBLISHED, S.CHANGES_REQUESTED}),
            S.REJECTED,
            "contributions.moderate",
            needs_reason=True,
            reasons=PUBLICATION_REASONS,
        ),
        Transition(
            "set_aside",
            _("Écarter de l'analyse (contraire à la charte)"),
            frozenset({S.PENDING, S.PUBLISHED, S.REJECTED, S.CHANGES_REQUESTED, S.PRIVATE}),
            S.SET_ASIDE,
            "contributions.moderate",
            needs_reason=True,
            reasons=CHARTER_REASONS,
        ),
        Transition(
            "reinstate",
            _("Réintégrer dans l'analyse"),
            frozenset({S.SET_ASIDE}),
            S.PENDING,
            "contributions.moderate",
            target_without_consent=S.PRIVATE,
        ),
        Transition(
            "request_changes",
            _("Demander une modification"),
            frozenset({S.PENDING}),
            S.CHANGES_REQUESTED,
            "contributions.moderate",
            needs_reason=True,
        ),
        Transition(
            "resubmit",
            _("Renvoyer après modification"),
            frozenset({S.CHANGES_REQUESTED}),
            S.PENDING,
            "author",
        ),
    ]
}


def initial_status(*, consent_publication: bool) -> str:
    """The status of a contribution just received: waiting for the publication decision, or
    private from the start when its author did not consent to publication."""
    return S.PENDING if consent_publication else S.PRIVATE


def target_of(transition: Transition, contribution: Contribution) -> str:
    if transition.target_without_consent and not contribution.consent_publication:
        return transition.target_without_consent
    return transition.target


def available(contribution: Contribution) -> list[Transition]:
    return [
        t
        for t in TRANSITIONS.values()
        if contribution.status in t.sources
        and t.permission != "author"
        and not (t.needs_consent and not contribution.consent_publication)
    ]


def analysed(prefix: str = "") -> Q:
    """The contributions in the analysis (``prefix`` reaches them from another model, e.g.
    ``"answer__contribution__"``)."""
    return Q(**{f"{prefix}status__in": sorted(ANALYSED)})


def reason_choices(reasons: Iterable[str]) -> list[tuple[str, str]]:
    wanted = set(reasons)
    return [(value, str(label)) for value, label in R.choices if value in wanted]
