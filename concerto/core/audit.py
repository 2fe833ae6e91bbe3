"""Writing to the audit log. Called from service functions, inside their transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models

from concerto.core.models import AuditEvent
from concerto.core.pii import mask_personal_data
from concerto.core.roles import staff_roles

if TYPE_CHECKING:
    from concerto.accounts.models import User


def account_label(user_id: object) -> str:
    """How the audit log names an account: by its number, never by its address or name."""
    return f"compte n° {user_id}"


def target_label(target: models.Model) -> str:
    """A short description of the target with no personal data in it: an account by its
    number, anything else by its ``str()`` with e-mails and phone numbers masked."""
    if target._meta.label == settings.AUTH_USER_MODEL:
        return account_label(target.pk)
    return mask_personal_data(str(target))[:200]


def audit(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one row to the audit log.

    Every account is named "compte n° <id>" (the rows are kept forever; an address is
    personal data). Staff act in an official capacity: their row also links to their
    account, and the back-office shows its current address through that link. A resident
    gets no link, so that erasing their account (GDPR) leaves nothing in this log.
    """
    if actor is None:
        staff, label = None, "système"
    else:
        staff = actor if staff_roles(actor) else None
        label = account_label(actor.pk)
    return AuditEvent.objects.create(
        actor=staff,
        actor_label=label,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=target_label(target) if target is not None else "",
        reason=reason,
        data=data or {},
    )
