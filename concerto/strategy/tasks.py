"""Background work of the strategy (Django Tasks API): the PDF of "La réponse de la Ville"."""

from __future__ import annotations

from django_tasks import task

from concerto.strategy.models import AnswerPublication


@task()
def build_answer_pdf(publication_id: int) -> None:
    from concerto.strategy.printing import answer_pdf_store

    publication = (
        AnswerPublication.objects.select_related("process").filter(pk=publication_id).first()
    )
    if publication is not None and not publication.pdf:
        answer_pdf_store(publication)
