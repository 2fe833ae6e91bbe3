"""Schemas of the published report in the read-only API (from the frozen version)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class ReportProposalOut(Schema):
    number: int = Field(description="Numéro stable de la préconisation (12 pour P12)")
    code: str = Field(description="« P12 » : l'ancre de la préconisation sur la page du rapport")
    title: str
    text: str = Field(description="Vide pour une préconisation retirée")
    stake_number: int
    stake: str = Field(description="Titre de l'enjeu")
    themes: list[str]
    withdrawn: bool = Field(description="Retirée : elle garde son numéro")
    version: int
    url: str


class ReportFigureOut(Schema):
    key: str = Field(description="Identifiant stable de la statistique")
    title: str
    dimension: str
    column_dimension: str
    columns: list[str]
    rows: list[str]
    values: list[list[float]] = Field(description="values[i][j] : ligne i, colonne j")
    total: list[float] | None
    note: str
    stacked: bool
    stake_number: int | None = Field(description="Enjeu de la figure ; vide : chiffres clés")
    caption: str


class ReportVersionOut(Schema):
    number: int
    published_at: dt.datetime
    note: str
    url: str
    pdf_url: str | None = Field(description="Vide tant que le PDF est en préparation")


class ReportOut(Schema):
    process: str = Field(description="Identifiant (slug) de la démarche")
    title: str
    version: int
    published_at: dt.datetime
    url: str
    pdf_url: str | None
    versions: list[ReportVersionOut]
    proposals: list[ReportProposalOut]
    figures: list[ReportFigureOut]
