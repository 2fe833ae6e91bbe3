from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from concerto.core.roles import can
from concerto.privacy.selectors import request_counts

register = template.Library()


@register.simple_tag
def retention_days() -> int:
    """How many days after a contribution is sent its raw personal data are kept."""
    return int(settings.CONCERTO_RETENTION_DAYS)


@register.inclusion_tag("privacy/_staff_home.html")
def privacy_requests_panel(user: Any) -> dict[str, Any]:
    """On the staff home page: how many requests wait, how many are overdue, with a link.
    Shown only to those who handle them."""
    if not can(user, "privacy.handle_requests"):
        return {"show": False}
    return {"show": True, "counts": request_counts()}
