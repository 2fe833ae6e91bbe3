"""Schemas of the answer and the strategy in the read-only API: public data only (no
person: neither the staff who drafted or validated, nor residents)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from concerto.strategy.models import Action, Decision


class CityAnswerVersionOut(Schema):
    number: int
    decision: Decision
    justification: str
    official: str = Field(description="L'élu·e en charge")
    service: str = Field(description="Le service en charge")
    decided_on: dt.date
    reason: str = Field(description="Motif du changement (à partir de la version 2)")
    published_at: dt.datetime


class CityAnswerOut(Schema):
    proposal: str = Field(description="Code de la préconisation du rapport (P12)")
    proposal_number: int
    proposal_title: str
    decision: Decision
    version: int
    versions: list[CityAnswerVersionOut] = Field(
        description="Toutes les versions publiées, la plus récente d'abord"
    )
    actions: list[str] = Field(description="Codes des actions qui la mettent en œuvre")
    url: str


class StrategyBudgetOut(Schema):
    planned: str = Field(description="Prévu, en euros")
    committed: str = Field(description="Engagé, en euros")
    spent: str = Field(description="Dépensé, en euros")


class ActionOut(Schema):
    code: str
    commitment: int = Field(description="Numéro de l'engagement")
    parent: str | None = Field(description="Code de l'action dont c'est une sous-action")
    title: str
    is_flagship: bool
    status: Action.Status
    status_reason: str
    progress: int = Field(
        description="Avancement en %, calculé à partir des sous-actions s'il y en a"
    )
    lead_service: str
    neighbourhoods: list[str] = Field(
        description="Identifiants (slug) des quartiers ; vide : toute la ville"
    )
    start_date: dt.date | None
    end_date: dt.date | None
    started_on: dt.date | None
    done_on: dt.date | None
    budget: StrategyBudgetOut
    proposals: list[str] = Field(description="Codes des préconisations mises en œuvre")
    url: str


class StrategyBudgetLineOut(StrategyBudgetOut):
    year: int
    reason: str


class StrategyMilestoneOut(Schema):
    title: str
    due_on: dt.date
    done: bool
    done_on: dt.date | None


class StrategyMeasureOut(Schema):
    measured_on: dt.date
    value: str


class StrategyIndicatorOut(Schema):
    name: str
    unit: str
    baseline: str
    target: str
    measures: list[StrategyMeasureOut]


class StrategyChangeOut(Schema):
    at: dt.datetime
    field: str
    old_value: str
    new_value: str
    reason: str


class ActionDetailOut(ActionOut):
    description: str
    partners: str
    budget_lines: list[StrategyBudgetLineOut]
    milestones: list[StrategyMilestoneOut]
    indicators: list[StrategyIndicatorOut]
    history: list[StrategyChangeOut]


class CommitmentOut(Schema):
    number: int
    title: str
    description: str
    progress: int = Field(description="Moyenne de l'avancement de ses actions (hors abandonnées)")
    actions: list[str] = Field(description="Codes de ses actions (sans les sous-actions)")
