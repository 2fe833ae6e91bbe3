"""Personal data of the requests about personal data (``concerto.core.personal_data``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet
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


def _purge(
    cutoff: dt.datetime, now: dt.datetime, dry_run: bool, bundle: ExportBundle
) -> Mapping[str, int]:
    """Handled before the cutoff: the address and the message go, the request stays."""
    requests = (
        PrivacyRequest.objects.exclude(status=PrivacyRequest.Status.NEW)
        .filter(handled_at__lt=cutoff)
        .filter(~Q(email="") | ~Q(message=""))
    )
    if dry_run:
        return {"requests": requests.count()}
    return {"requests": requests.update(email="", message="", personal_data_purged_at=now)}


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
        purge=_purge,
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
