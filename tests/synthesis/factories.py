"""Helpers for the synthesis tests: published contributions with several answers, and
themes created through the codebook service. Every text here is invented."""

from __future__ import annotations

from django.utils import timezone

from concerto.accounts.models import User
from concerto.contributions.models import Answer, Contribution
from concerto.processes.models import Process
from concerto.synthesis.codebook_services import theme_create
from concerto.synthesis.models import Theme
from tests.factories import ContributionFactory

TEXTS = (
    "Les personnes âgées vivent seules et ne voient plus personne. Il faut des voisins relais.",
    "Le non-recours aux droits est massif : les démarches en ligne découragent beaucoup de monde.",
    "Une épicerie solidaire dans chaque quartier aiderait les familles à bien manger.",
)


def published(
    process: Process,
    texts: dict[int, str] | None = None,
    **kwargs: object,
) -> Contribution:
    """A published contribution of ``process`` answering the questions numbered in
    ``texts`` (question 1 only by default)."""
    texts = texts or {1: TEXTS[0]}
    first = min(texts)
    contribution = ContributionFactory(
        process=process,
        status=Contribution.Status.PUBLISHED,
        published_at=timezone.now(),
        text=texts[first],
        **kwargs,
    )
    questions = {q.number: q for q in process.questions.all()}
    Answer.objects.filter(contribution=contribution).update(question=questions[first])
    for number, text in texts.items():
        if number != first:
            Answer.objects.create(contribution=contribution, question=questions[number], text=text)
    return contribution


def theme(
    process: Process,
    name: str,
    *,
    actor: User | None = None,
    parent: Theme | None = None,
    definition: str = "",
) -> Theme:
    return theme_create(
        process=process, name=name, definition=definition, parent=parent, actor=actor
    )
