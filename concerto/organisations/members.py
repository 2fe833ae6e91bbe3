"""Writes of an organisation's members: invitations by e-mail (a signed link that expires,
django.core.signing) and the members' roles, removal and leaving. Every function owns its
transaction and writes its audit row; a refusal raises ``OrganisationError`` (French)."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.core.audit import audit
from concerto.organisations.models import Invitation, Membership, Organisation
from concerto.organisations.services import OrganisationError, is_staff_manager, require_manager

INVITATION_SALT = "concerto.organisations.invitation"


# --- Invitations ------------------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce.hex}, salt=INVITATION_SALT)


def _max_age() -> dt.timedelta:
    return dt.timedelta(days=int(settings.CONCERTO_INVITATION_DAYS))


def invitation_from_token(token: str) -> Invitation:
    """The pending invitation behind a link, or a French refusal (forged, expired, used)."""
    try:
        payload = signing.loads(token, salt=INVITATION_SALT, max_age=_max_age())
    except signing.SignatureExpired as exc:
        raise OrganisationError(
            _(
                "Ce lien d'invitation a expiré. Demandez à la ou au responsable de "
                "l'organisation de vous inviter à nouveau."
            )
        ) from exc
    except signing.BadSignature as exc:
        raise OrganisationError(
            _("Ce lien d'invitation n'est pas valide. Vérifiez qu'il est copié en entier.")
        ) from exc
    number = payload.get("i") if isinstance(payload, dict) else None
    invitation = (
        Invitation.objects.select_related("organisation").filter(pk=number).first()
        if isinstance(number, int)
        else None
    )
    if invitation is None or invitation.nonce.hex != payload.get("n"):
        raise OrganisationError(_("Ce lien d'invitation n'est pas valide."))
    if invitation.status != Invitation.Status.PENDING:
        raise OrganisationError(_("Cette invitation a déjà été utilisée ou annulée."))
    return invitation


def invitation_create(
    *, organisation: Organisation, email: str, role: str, actor: User
) -> Invitation:
    from concerto.organisations.tasks import send_invitation_email

    require_manager(actor, organisation)
    email = email.strip().lower()
    if not email:
        raise OrganisationError(_("Indiquez l'adresse e-mail à inviter."), "email")
    if role not in Membership.Role.values:
        raise OrganisationError(_("Choisissez un rôle."), "role")
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise OrganisationError(_("Cette personne est déjà membre de l'organisation."), "email")
    with transaction.atomic():
        Invitation.objects.filter(
            organisation=organisation, email=email, status=Invitation.Status.PENDING
        ).update(status=Invitation.Status.REVOKED, email="", answered_at=timezone.now())
        invitation = Invitation.objects.create(
            organisation=organisation, email=email, role=role, invited_by=actor
        )
        audit(actor=actor, action="organisation.invite", target=invitation, data={"role": role})
        transaction.on_commit(partial(send_invitation_email.enqueue, invitation.pk), robust=True)
    return invitation


def _addresses(user: User) -> set[str]:
    from allauth.account.models import EmailAddress

    found = {user.email.lower()}
    found |= {
        a.lower()
        for a in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }
    return found


def invitation_accept(*, token: str, user: User) -> Membership:
    """The invited person, signed in with the invited address, joins the organisation."""
    invitation = invitation_from_token(token)
    if invitation.email.lower() not in _addresses(user):
        raise OrganisationError(
            _(
                "Cette invitation a été envoyée à une autre adresse e-mail. Connectez-vous "
                "avec le compte de l'adresse invitée."
            )
        )
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.status != Invitation.Status.PENDING:
            raise OrganisationError(_("Cette invitation a déjà été utilisée ou annulée."))
        membership, created = Membership.objects.get_or_create(
            organisation=locked.organisation, user=user, defaults={"role": locked.role}
        )
        locked.status = Invitation.Status.ACCEPTED
        locked.email = ""  # no longer needed: the membership links the account
        locked.answered_at = timezone.now()
        locked.save(update_fields=["status", "email", "answered_at"])
        audit(
            actor=user,
            action="organisation.join",
            target=locked.organisation,
            data={"role": membership.role, "already_member": not created},
        )
    return membership


def invitation_revoke(*, invitation: Invitation, actor: User) -> None:
    require_manager(actor, invitation.organisation)
    with transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.PENDING).update(
            status=Invitation.Status.REVOKED, email="", answered_at=timezone.now()
        )
        audit(actor=actor, action="organisation.invitation_revoke", target=invitation)


def invitations_purge_expired(*, now: dt.datetime | None = None, dry_run: bool = False) -> int:
    """Blank the address of invitations whose link has expired (personal data, minimum).
    Run by ``manage.py purge_personal_data``."""
    now = now or timezone.now()
    expired = Invitation.objects.filter(
        status=Invitation.Status.PENDING, created_at__lt=now - _max_age()
    )
    if dry_run:
        return expired.count()
    return expired.update(status=Invitation.Status.REVOKED, email="", answered_at=now)


def pending_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    limit = timezone.now() - _max_age()
    return organisation.invitations.filter(
        status=Invitation.Status.PENDING, created_at__gte=limit
    ).order_by("-created_at")


# --- Members --------------------------------------------------------------------------------------


def _responsables(organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation, role=Membership.Role.ADMIN)


def _keep_a_responsable(membership: Membership, message: str) -> None:
    if (
        membership.role == Membership.Role.ADMIN
        and _responsables(membership.organisation).exclude(pk=membership.pk).count() == 0
    ):
        raise OrganisationError(message)


def member_add(*, organisation: Organisation, user: User, role: str, actor: User) -> Membership:
    """Staff add an account they found by its name or address (a request by phone...)."""
    if not is_staff_manager(actor):
        raise OrganisationError(_("Seule l'équipe ajoute un·e membre sans invitation."))
    if role not in Membership.Role.values:
        raise OrganisationError(_("Choisissez un rôle."), "role")
    try:
        with transaction.atomic():
            membership = Membership.objects.create(organisation=organisation, user=user, role=role)
            audit(actor=actor, action="organisation.member_add", target=membership)
    except IntegrityError as exc:
        raise OrganisationError(_("Cette personne est déjà membre de l'organisation.")) from exc
    return membership


def member_set_role(*, membership: Membership, role: str, actor: User) -> Membership:
    require_manager(actor, membership.organisation)
    if role not in Membership.Role.values:
        raise OrganisationError(_("Choisissez un rôle."), "role")
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update()
            .select_related("organisation")
            .get(pk=membership.pk)
        )
        if role != Membership.Role.ADMIN:
            _keep_a_responsable(
                locked,
                _("L'organisation doit garder au moins un·e responsable : nommez-en un·e autre."),
            )
        locked.role = role
        locked.save(update_fields=["role"])
        audit(actor=actor, action="organisation.member_role", target=locked, data={"role": role})
    return locked


def member_remove(*, membership: Membership, actor: User) -> None:
    require_manager(actor, membership.organisation)
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update()
            .select_related("organisation")
            .get(pk=membership.pk)
        )
        _keep_a_responsable(
            locked,
            _("L'organisation doit garder au moins un·e responsable : nommez-en un·e autre."),
        )
        audit(actor=actor, action="organisation.member_remove", target=locked)
        locked.delete()


def member_leave(*, organisation: Organisation, user: User) -> None:
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .select_related("organisation")
            .filter(organisation=organisation, user=user)
            .first()
        )
        if membership is None:
            raise OrganisationError(_("Vous n'êtes pas membre de cette organisation."))
        _keep_a_responsable(
            membership,
            _(
                "Vous êtes la ou le seul·e responsable : nommez d'abord un·e autre "
                "responsable avant de quitter l'organisation."
            ),
        )
        audit(actor=user, action="organisation.leave", target=membership)
        membership.delete()
