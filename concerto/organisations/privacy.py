"""Personal data of the organisations (see ``concerto.core.personal_data``): who belongs to
which organisation, the addresses invited, and the accounts that created or reviewed a page.
An organisation itself is a legal person: its page is public once approved."""

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
from concerto.organisations.models import Invitation, Membership


def _has_user(subject: Subject) -> bool:
    return subject.user is not None and subject.user.pk is not None


def _memberships(subject: Subject) -> QuerySet[Membership]:
    if not _has_user(subject):
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=subject.user)
        .select_related("organisation")
        .order_by("joined_at", "id")
    )


def _export_membership(membership: Membership, bundle: ExportBundle) -> dict[str, Any]:
    return {
        "organisation": membership.organisation.name,
        "organisation_kind": membership.organisation.get_kind_display(),
        "role": membership.get_role_display(),
        "joined_at": iso(membership.joined_at),
    }


def _erase_memberships(
    rows: QuerySet[Membership], subject: Subject, now: dt.datetime, bundle: ExportBundle
) -> Mapping[str, int]:
    deleted, _by_model = Membership.objects.filter(pk__in=rows.values("pk")).delete()
    return {"memberships": deleted}


def _invitations(subject: Subject) -> QuerySet[Invitation]:
    """The invitations sent to one of the person's addresses (while they are pending: an
    accepted, revoked or expired invitation keeps no address)."""
    if not subject.emails:
        return Invitation.objects.none()
    return (
        Invitation.objects.filter(email__in=subject.emails)
        .select_related("organisation")
        .order_by("created_at", "id")
    )


def _export_invitation(invitation: Invitation, bundle: ExportBundle) -> dict[str, Any]:
    return {
        "organisation": invitation.organisation.name,
        "email": invitation.email,
        "role": invitation.get_role_display(),
        "status": invitation.get_status_display(),
        "created_at": iso(invitation.created_at),
    }


def _erase_invitations(
    rows: QuerySet[Invitation], subject: Subject, now: dt.datetime, bundle: ExportBundle
) -> Mapping[str, int]:
    changed = Invitation.objects.filter(pk__in=rows.values("pk")).update(
        email="", status=Invitation.Status.REVOKED, answered_at=now
    )
    return {"invitations": changed}


DECLARATIONS = [
    PersonalData(
        model="organisations.Membership",
        fields=("user",),
        subject=_("le membre de l'organisation"),
        erasure=Erasure.DELETE,
        retention=_("tant que la personne est membre ; supprimée à l'effacement"),
        rows=_memberships,
        export_key="organisation_memberships",
        export=_export_membership,
        erase=_erase_memberships,
    ),
    PersonalData(
        model="organisations.Invitation",
        fields=("email",),
        subject=_("la personne invitée à rejoindre une organisation"),
        erasure=Erasure.ANONYMISE,
        retention=_(
            "jusqu'à la réponse ou la fin de validité du lien (CONCERTO_INVITATION_DAYS) : "
            "l'adresse est alors effacée (manage.py purge_personal_data)"
        ),
        rows=_invitations,
        export_key="organisation_invitations",
        export=_export_invitation,
        erase=_erase_invitations,
    ),
    PersonalData(
        model="organisations.Invitation",
        fields=("invited_by",),
        subject=_("le ou la responsable qui a invité (son compte)"),
        erasure=Erasure.KEEP,
        retention=_("tant que l'organisation existe : qui a invité qui, sans adresse"),
    ),
    PersonalData(
        model="organisations.Organisation",
        fields=("created_by", "reviewed_by"),
        subject=_("la personne qui a créé la page et le membre de l'équipe qui l'a examinée"),
        erasure=Erasure.KEEP,
        retention=_(
            "tant que l'organisation existe ; l'effacement d'un compte retire son adhésion, "
            "la page de l'organisation (personne morale) reste"
        ),
    ),
    NotPersonal(
        model="organisations.Organisation",
        fields=("name", "description", "logo", "refusal_reason"),
        reason=_(
            "la page publique d'une organisation (personne morale) et le motif d'un refus "
            "adressé à l'organisation"
        ),
    ),
]
