"""``{% accessibility_status %}``: the conformity status for the footer link, as the RGAA
asks ("Accessibilité : non conforme"). Cached (every page shows it); the legal texts'
service forgets it when an admin saves them."""

from __future__ import annotations

from django import template
from django.core.cache import cache

from concerto.legal.defaults import STATUS_CACHE_KEY, current_texts

register = template.Library()


@register.simple_tag
def accessibility_status() -> str:
    status = cache.get(STATUS_CACHE_KEY)
    if status is None:
        status = current_texts().accessibility_status_label
        cache.set(STATUS_CACHE_KEY, status, 300)
    return str(status)
