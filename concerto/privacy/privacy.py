"""Personal data of the requests about personal data (``concerto.core.personal_data``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from concerto.core.personal_data import (
    Erasure,
    ExportBundle,
    NotPersonal,
    PersonalData,
    Subject,
    iso,
)
from concerto.privacy.models import PrivacyRequest


def _requests(subject: Subject) -> QuerySet[PrivacyRequest]:
    if not subject.emails:
        return PrivacyRequest.objects.none()
    return PrivacyRequest.objects.filter(email__in=subject.emails).order_by("created_at")


def _export(request: PrivacyRequest, bundle: ExportBundle) -> dict[str, Any]:
    return {
        "kind": request.get_kind_display(),
        "receipt": request.receipt,
        "email": request.email,
        "message": request.message,
        "status": request.get_status_display(),
        "created_at": iso(request.created_at),
        "handled_at": iso(request.handled_at),
        "deadline": iso(request.deadline),
        "extended_at": iso(request.extended_at),
    }


DECLARATIONS = [
    PersonalData(
        model="privacy.PrivacyRequest",
        fields=("email", "message"),
        subject=_("la personne qui exerce ses droits"),
        erasure=Erasure.KEEP,
        retention=_(
            "gardée le temps de traiter la demande (elle en est la preuve), puis adresse et "
            "message purgés CONCERTO_RETENTION_DAYS jours après (purge_personal_data)"
        ),
        rows=_requests,
        export_key="privacy_requests",
        export=_export,
    ),
    PersonalData(
        model="privacy.PrivacyRequest",
        fields=("handled_by",),
        subject=_("le membre de l'équipe qui a traité la demande (son numéro)"),
        erasure=Erasure.KEEP,
        retention=_("la durée de conservation de la demande"),
    ),
    NotPersonal(
        model="privacy.PrivacyRequest",
        fields=("extension_reason",),
        reason=_("le motif de l'équipe pour prolonger le délai (complexité, nombre de demandes)"),
    ),
]
