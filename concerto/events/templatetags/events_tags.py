"""``{% event_figures process as figures %}``: participation figures for the process page."""

from __future__ import annotations

from django import template

from concerto.events.selectors import Figures, participation_figures
from concerto.processes.models import Process

register = template.Library()


@register.simple_tag
def event_figures(process: Process) -> Figures:
    return participation_figures(process)
