"""The cahier's PDF: the same layout as its public page, whatever its source."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from concerto.collective.models import CollectiveContribution


def cahier_context(cahier: CollectiveContribution) -> dict[str, object]:
    contribution = cahier.contribution
    return {
        "cahier": cahier,
        "contribution": contribution,
        "process": contribution.process,
        "answers": list(contribution.answers.select_related("question")),
        "proposals": list(cahier.proposals.all()),
    }


def render_cahier_pdf(cahier: CollectiveContribution) -> bytes:
    from weasyprint import HTML  # type: ignore[import-untyped]

    html = render_to_string("collective/cahier_pdf.html", cahier_context(cahier))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()  # type: ignore[no-any-return]
