"""``{% event_figures process as figures %}``: participation figures for the process page;
``{{ number|phone }}``: a stored (E.164) phone number as people read it."""

from __future__ import annotations

from django import template

from concerto.core.phones import display_phone
from concerto.events.selectors import Figures, participation_figures
from concerto.processes.models import Process

register = template.Library()


@register.simple_tag
def event_figures(process: Process) -> Figures:
    return participation_figures(process)


@register.filter
def phone(value: str) -> str:
    return display_phone(value) if value else ""
