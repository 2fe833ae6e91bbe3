"""Template helpers of the back-office."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from concerto.core.audit_display import describe
from concerto.core.models import AuditEvent
from concerto.core.pii import EMAIL_RE, PHONE_RE

register = template.Library()


@register.filter
def highlight_pii(text: str) -> SafeString:
    """The text, escaped, with e-mail addresses and phone numbers in <mark>, paragraphs kept."""
    spans = sorted(
        [(m.start(), m.end()) for m in EMAIL_RE.finditer(text)]
        + [(m.start(), m.end()) for m in PHONE_RE.finditer(text)]
    )
    parts: list[str] = []
    position = 0
    for start, end in spans:
        if start < position:  # overlaps the previous match
            continue
        parts.append(escape(text[position:start]))
        parts.append(
            '<mark class="pii" title="'
            + escape(_("donnée personnelle"))
            + '">'
            + escape(text[start:end])
            + "</mark>"
        )
        position = end
    parts.append(escape(text[position:]))
    # linebreaks() escapes nothing when autoescape=False: every part is escaped above.
    return mark_safe(linebreaks("".join(parts)))


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, 0)


@register.filter
def audit_sentence(event: AuditEvent) -> str:
    """An audit row as a French sentence (``concerto.core.audit_display``)."""
    return describe(event)
