"""The PDF of "La réponse de la Ville": the same content as its public page, as of one
publication (WeasyPrint)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string

from concerto.strategy.models import AnswerPublication
from concerto.strategy.selectors import answer_page


def render_answer_pdf(publication: AnswerPublication) -> bytes:
    from weasyprint import HTML  # type: ignore[import-untyped]

    page = answer_page(publication.process, upto=publication)
    html = render_to_string(
        "strategy/answer_pdf.html",
        {"page": page, "process": publication.process, "SITE_URL": settings.SITE_URL},
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()  # type: ignore[no-any-return]


def answer_pdf_store(publication: AnswerPublication) -> None:
    """Build the PDF and keep it with the publication (its only write)."""
    content = render_answer_pdf(publication)
    publication.pdf.save("reponse.pdf", ContentFile(content), save=False)
    AnswerPublication.objects.filter(pk=publication.pk).update(pdf=publication.pdf.name)
