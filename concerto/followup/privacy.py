"""Personal data of the droit de suite (see ``concerto.core.personal_data``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
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
from concerto.followup.models import FollowupDigest
from concerto.followup.recipients import recipient_keys


def _digests(subject: Subject) -> QuerySet[FollowupDigest]:
    keys = [key for email in subject.emails for key in recipient_keys(email)]
    return FollowupDigest.objects.filter(recipient_key__in=keys).order_by("sent_at", "pk")


def _export(digest: FollowupDigest, bundle: ExportBundle) -> dict[str, Any]:
    return {
        "sent_at": iso(digest.sent_at),
        "contributions": digest.contribution_count,
        "news": digest.event_count,
    }


def _erase(
    rows: QuerySet[FollowupDigest], subject: Subject, now: dt.datetime, bundle: ExportBundle
) -> Mapping[str, int]:
    # The notices go with their digest: the events they told stay in the follow-up log,
    # the person's address is no longer linked to them (it is erased from contributions).
    count = rows.count()
    FollowupDigest.objects.filter(pk__in=list(rows.values_list("pk", flat=True))).delete()
    return {"followup_digests": count}


TEAM = _("le membre de l'équipe qui a demandé ou publié le rapport (son numéro)")

DECLARATIONS = [
    PersonalData(
        model="followup.FollowupDigest",
        fields=("recipient_key",),
        subject=_("la personne qui reçoit les nouvelles de sa contribution"),
        erasure=Erasure.DELETE,
        retention=_(
            "l'empreinte de l'adresse : tant que la personne reçoit les nouvelles (elle "
            "évite de dire deux fois la même chose)"
        ),
        rows=_digests,
        export_key="followup_emails",
        export=_export,
        erase=_erase,
    ),
    PersonalData(
        model="followup.AnnualReport",
        fields=("created_by", "published_by"),
        subject=TEAM,
        erasure=Erasure.KEEP,
        retention=_("la durée de la démarche : trace du travail de l'équipe"),
    ),
    NotPersonal(
        model="followup.AnnualReport",
        fields=("content", "pdf", "error"),
        reason=_("des chiffres publics de suivi"),
    ),
]
