"""Writing to the audit log. Called from service functions, inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from concerto.accounts.models import User
from concerto.core.models import AuditEvent


def audit(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=actor.email if actor is not None else "système",
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:200] if target is not None else "",
        reason=reason,
        data=data or {},
    )
