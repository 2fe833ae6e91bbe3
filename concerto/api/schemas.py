"""Typed schemas of the read-only API: public data only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from concerto.contributions.models import Contribution
from concerto.contributions.selectors import SEARCH_MAX_LENGTH
from concerto.processes.models import Channel, Phase

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


class NeighbourhoodOut(Schema):
    slug: str
    name: str
    is_outside: bool


class QuestionOut(Schema):
    number: int
    title: str
    description: str
    prompts: str


class PhaseOut(Schema):
    kind: Phase.Kind
    title: str
    description: str
    starts_on: dt.date
    ends_on: dt.date


class ChannelOut(Schema):
    kind: Channel.Kind
    opens_at: dt.datetime
    closes_at: dt.datetime
    instructions: str


class ProcessOut(Schema):
    slug: str
    title: str
    summary: str
    receipt_year: int
    url: str


class ProcessDetailOut(ProcessOut):
    who_may_take_part: str
    objectives: str
    policy_impacts: str
    commitment: str
    phone_number: str
    phases: list[PhaseOut]
    channels: list[ChannelOut]
    neighbourhoods: list[NeighbourhoodOut]
    questions: list[QuestionOut]


class AnswerOut(Schema):
    question: int = Field(description="Numéro de la question")
    text: str = Field(description="Texte publié (données personnelles masquées)")


class NeighbourhoodRef(Schema):
    slug: str
    name: str


class ContributionOut(Schema):
    receipt_number: str
    process: str = Field(description="Identifiant (slug) de la démarche")
    published_at: dt.datetime | None
    channel: Channel.Kind
    kind: Contribution.Kind
    # Empty for an original work or a voicemail (no form was filled in): null.
    profile: Contribution.Profile | None
    neighbourhood: NeighbourhoodRef | None
    author: str = Field(description="Pseudonyme choisi, ou « Anonyme »")
    url: str
    answers: list[AnswerOut]

    @staticmethod
    def resolve_profile(obj: Any) -> str | None:
        value = obj.get("profile") if isinstance(obj, dict) else obj.profile
        return value or None


class AttachmentOut(Schema):
    kind: str
    url: str


class ContributionDetailOut(ContributionOut):
    attachments: list[AttachmentOut]


class ContributionQuery(Schema):
    """Filters of the list of contributions (all optional, combined with AND)."""

    question: int | None = Field(None, ge=1, le=32767, description="Numéro de la question")
    neighbourhood: str | None = Field(
        None, max_length=100, pattern=SLUG_PATTERN, description="Identifiant (slug) du quartier"
    )
    profile: Contribution.Profile | None = None
    kind: Contribution.Kind | None = None
    channel: Channel.Kind | None = None
    q: str | None = Field(
        None,
        max_length=SEARCH_MAX_LENGTH,
        description="Recherche plein texte (en français, syntaxe « web » de PostgreSQL)",
    )
