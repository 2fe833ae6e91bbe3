"""Template helpers of the report: a figure (chart and data table), French numbers, and the
latest published version for the process page."""

from __future__ import annotations

from typing import Any

from django import template

from concerto.processes.models import Process
from concerto.reports.charts import format_number, render_chart
from concerto.reports.models import ReportVersion
from concerto.reports.selectors import latest_version_or_none
from concerto.reports.statistics import DEFINITIONS, Number, Statistic

register = template.Library()


@register.filter
def report_number(value: Number | None) -> str:
    return "" if value is None else format_number(value)


@register.filter
def statistic_label(key: str) -> str:
    """The name of a statistic by its key (the key itself if it no longer exists)."""
    definition = DEFINITIONS.get(key)
    return str(definition[0]) if definition is not None else key


@register.inclusion_tag("reports/_figure.html")
def report_figure(figure: dict[str, Any], heading: str = "") -> dict[str, Any]:
    """A figure frozen in a version (or computed for the statistics page): its chart and
    its data table."""
    stat = Statistic.from_dict(figure)
    return {
        "figure": figure,
        "stat": stat,
        "chart": render_chart(stat, chart_id=f"{figure['anchor']}-chart"),
        "rows": stat.table(),
        "heading": heading,
    }


@register.simple_tag
def latest_report(process: Process) -> ReportVersion | None:
    return latest_version_or_none(process)
