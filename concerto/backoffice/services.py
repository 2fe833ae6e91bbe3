"""Writes of the back-office that belong to no other app: staff roles."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.core.audit import audit
from concerto.core.roles import ROLE_LABELS, Role, can


class RoleError(Exception):
    """The change of role was refused; ``str(exc)`` is a French message."""


def role_set(*, actor: User, email: str, role: Role, grant: bool) -> bool:
    """Grant (``grant=True``) or remove a staff role of the account with ``email``.

    Returns False when there was nothing to change (already granted / not held).
    Audited as ``role.grant`` / ``role.revoke``. An admin cannot remove their own admin role.
    """
    if not can(actor, "accounts.manage_roles"):
        raise PermissionError(_("Vous n'avez pas le droit de gérer les rôles."))
    role = Role(role)
    email = email.strip().lower()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email__iexact=email).first()
        if user is None:
            raise RoleError(_("Aucun compte n'existe avec cette adresse e-mail."))
        if not grant and role == Role.ADMIN and user.pk == actor.pk:
            raise RoleError(_("Vous ne pouvez pas retirer votre propre rôle d'administration."))
        group, _created = Group.objects.get_or_create(name=role.value)
        has_role = user.groups.filter(pk=group.pk).exists()
        if has_role == grant:
            return False
        if grant:
            user.groups.add(group)
        else:
            user.groups.remove(group)
        if role == Role.ADMIN and not user.is_superuser:
            # Admins manage processes and resources in the Django admin, which needs is_staff.
            user.is_staff = grant
            user.save(update_fields=["is_staff"])
        audit(
            actor=actor,
            action="role.grant" if grant else "role.revoke",
            target=user,
            data={"role": role.value, "label": ROLE_LABELS[role]},
        )
    return True
