from __future__ import annotations

from typing import Any

from django import template

from concerto.core.roles import can

register = template.Library()


@register.filter(name="can")
def can_filter(user: Any, permission: str) -> bool:
    """``{% if user|can:"intake.manage" %}``"""
    return bool(user is not None and user.is_authenticated and can(user, permission))
