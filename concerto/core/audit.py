"""Writing to the audit log. Called from service functions, inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from concerto.accounts.models import User
from concerto.core.models import AuditEvent
from concerto.core.roles import staff_roles


def audit(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one row to the audit log.

    Staff act in an official capacity: their account and e-mail are recorded. A resident
    is recorded only as "compte n° <id>", with no link and no e-mail, so that erasing
    their account (GDPR) leaves nothing personal in this append-only log.
    """
    if actor is None:
        staff, label = None, "système"
    elif staff_roles(actor):
        staff, label = actor, actor.email
    else:
        staff, label = None, f"compte n° {actor.pk}"
    return AuditEvent.objects.create(
        actor=staff,
        actor_label=label,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:200] if target is not None else "",
        reason=reason,
        data=data or {},
    )
