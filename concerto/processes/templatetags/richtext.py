"""``{{ process.objectives|richtext }}``: see concerto.processes.richtext."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from concerto.processes.richtext import render_rich_text

register = template.Library()


@register.filter(name="richtext")
def richtext(value: str | None) -> SafeString:
    return render_rich_text(value or "")
