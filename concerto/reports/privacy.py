"""Personal data of the synthesis report (see ``concerto.core.personal_data``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from concerto.core.personal_data import Erasure, NotPersonal, PersonalData

DECLARATIONS = [
    PersonalData(
        model="reports.ReportVersion",
        fields=("published_by",),
        subject=_("le membre de l'équipe qui a publié le rapport (son numéro)"),
        erasure=Erasure.KEEP,
        retention=_("pour toujours : une version publiée ne change pas"),
    ),
    NotPersonal(
        model="reports.ReportVersion",
        fields=("content", "pdf"),
        reason=_(
            "le rapport publié : ses citations viennent seulement de contributions publiées "
            "avec l'accord de leur auteur·rice, sans nom"
        ),
    ),
    NotPersonal(
        model="reports.Report",
        fields=("introduction", "method"),
        reason=_("le texte du rapport"),
    ),
    NotPersonal(model="reports.Stake", fields=("summary",), reason=_("un enjeu du rapport")),
    NotPersonal(model="reports.Finding", fields=("text",), reason=_("un constat du rapport")),
    NotPersonal(model="reports.Proposal", fields=("text",), reason=_("une proposition du rapport")),
]
