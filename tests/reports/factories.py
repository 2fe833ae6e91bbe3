"""Factories and builders for the report tests. Every person and text here is invented."""

from __future__ import annotations

from typing import Any

from concerto.accounts.models import User
from concerto.contributions.models import Answer, Contribution
from concerto.processes.models import Process
from concerto.reports import services
from concerto.reports.models import Report
from concerto.synthesis.models import Codebook, Coding, Theme
from tests.factories import ContributionFactory

QUOTE_TEXTS = (
    "Il faudrait un lieu d'accueil ouvert le soir pour les personnes seules du quartier.",
    "Les démarches en ligne sont trop compliquées pour ma voisine qui n'a pas d'ordinateur.",
    "Une épicerie solidaire près de chez nous changerait la vie de beaucoup de familles.",
    "On ne sait pas à qui s'adresser pour donner un peu de son temps aux autres.",
)


def codebook_for(process: Process) -> Codebook:
    codebook, _ = Codebook.objects.get_or_create(process=process)
    return codebook


def theme(process: Process, name: str, *, parent: Theme | None = None, position: int = 0) -> Theme:
    return Theme.objects.create(
        codebook=codebook_for(process), name=name, parent=parent, position=position
    )


def code(
    answer: Answer,
    theme: Theme,
    coder: User,
    *,
    excerpt: str | None = None,
    is_quote: bool = False,
) -> Coding:
    """A coding of ``answer`` with ``theme``: of the whole answer, or of the first place
    where ``excerpt`` appears in its shown text."""
    if excerpt is None:
        return Coding.objects.create(answer=answer, theme=theme, coder=coder, is_quote=is_quote)
    start = answer.shown_text.index(excerpt)
    return Coding.objects.create(
        answer=answer,
        theme=theme,
        coder=coder,
        start=start,
        end=start + len(excerpt),
        excerpt=excerpt,
        is_quote=is_quote,
    )


def published(process: Process, text: str, **kwargs: Any) -> Contribution:
    return ContributionFactory(
        process=process, status=Contribution.Status.PUBLISHED, text=text, **kwargs
    )


def quote(process: Process, theme: Theme, coder: User, text: str, excerpt: str) -> Coding:
    """A published contribution saying ``text``, with ``excerpt`` coded as a quote."""
    contribution = published(process, text)
    return code(contribution.answers.get(), theme, coder, excerpt=excerpt, is_quote=True)


def report_for(process: Process, actor: User, **kwargs: Any) -> Report:
    return services.report_create(
        process=process,
        title=kwargs.pop("title", "Rapport des Assises de test"),
        introduction=kwargs.pop("introduction", "Ce rapport organise toutes les contributions."),
        method=kwargs.pop("method", "Deux analystes ont lu chaque contribution."),
        actor=actor,
    )
