from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def retention_days() -> int:
    """How many days after a contribution is sent its raw personal data are kept."""
    return int(settings.CONCERTO_RETENTION_DAYS)
