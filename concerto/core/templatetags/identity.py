"""``{% site_identity as identity %}``: the City's identity where no request is at hand
(e-mails rendered by background tasks). Pages have it from the context processor."""

from __future__ import annotations

from django import template

from concerto.core.identity import Identity, current_identity

register = template.Library()


@register.simple_tag(takes_context=True)
def site_identity(context: template.Context) -> Identity:
    found = context.get("identity")
    if isinstance(found, Identity):
        return found
    return current_identity(context.get("request"))
