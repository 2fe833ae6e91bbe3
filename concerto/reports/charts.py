"""Bar charts drawn on the server as SVG, for the web pages and the WeasyPrint PDF alike.

Horizontal bars, each under its label (long French labels stay readable and the chart
fits a 360 px phone: drawn 320 units wide, shown at least that wide, its 12-unit text is
never under 12 px; see ``.figure-chart svg`` in reports.css), one colour per column with a legend,
grouped bars when the columns are different measures and stacked bars for a
cross-tabulation. The chart is an image for assistive technologies (``role="img"``, a
``<title>`` and a ``<desc>`` it is labelled by): the same numbers are always given in a
data table beside it (``templates/reports/_figure.html``). No JavaScript, no external
file: presentation attributes only, so the Content-Security-Policy has nothing to allow.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from concerto.reports.statistics import Number, Statistic

WIDTH = 320
VALUE_SPACE = 56
BAR_AREA = WIDTH - VALUE_SPACE
BAR_HEIGHT = 16
BAR_GAP = 3
ROW_GAP = 14
LINE_HEIGHT = 15
LABEL_CHARS = 44
LABEL_LINES = 3
FONT = "system-ui, 'DejaVu Sans', sans-serif"
INK = "#1b1b1b"
# Dark enough for 3:1 against white (WCAG 1.4.11) and told apart by the legend and the
# table; from the ninth column on, the same colours come back striped. Segments of a
# stacked bar are separated by a white line.
PALETTE = (
    "#004d99",
    "#a34700",
    "#2f6b2f",
    "#6a2c91",
    "#a3193e",
    "#00606b",
    "#6b5800",
    "#4d4d4d",
)


def _fill(index: int, chart_id: str) -> str:
    if index < len(PALETTE):
        return PALETTE[index]
    return f"url(#{chart_id}-p{index})"


def _patterns(count: int, chart_id: str) -> str:
    """Striped fills for the columns beyond the palette."""
    return "".join(
        f'<pattern id="{chart_id}-p{i}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<rect width="4" height="6" fill="{PALETTE[i % len(PALETTE)]}"/></pattern>'
        for i in range(len(PALETTE), count)
    )


def format_number(value: Number) -> str:
    """French style: « 4 300 », « 12,5 » (narrow no-break space, decimal comma)."""
    if isinstance(value, float) and not value.is_integer():
        whole, _dot, decimals = f"{value:.2f}".partition(".")
        decimals = decimals.rstrip("0")
        head = f"{int(whole):,}".replace(",", "\u202f")
        return f"{head},{decimals}" if decimals else head
    return f"{int(value):,}".replace(",", "\u202f")


def _wrap(label: str) -> list[str]:
    lines = textwrap.wrap(label, LABEL_CHARS, break_long_words=True) or [""]
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        lines[-1] = lines[-1][: LABEL_CHARS - 1].rstrip() + "…"
    return lines


def _text(
    x: float, y: float, content: str, *, anchor: str = "start", weight: str = "", kind: str = ""
) -> str:
    bold = f' font-weight="{weight}"' if weight else ""
    css = f' class="{kind}"' if kind else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{bold}{css}>{escape(content)}</text>'
    )


def _legend(columns: Sequence[str], top: float, chart_id: str) -> tuple[list[str], float]:
    """Coloured squares with the column names, wrapped on several lines."""
    parts: list[str] = []
    x, y = 0.0, top
    for index, column in enumerate(columns):
        label = column if len(column) <= 40 else column[:39] + "…"
        width = 22 + 6.6 * len(label) + 16
        if x > 0 and x + width > WIDTH:
            x, y = 0.0, y + LINE_HEIGHT + 6
        parts.append(
            f'<rect x="{x:.1f}" y="{y - 11:.1f}" width="14" height="14" '
            f'fill="{_fill(index, chart_id)}" stroke="{INK}" stroke-width="0.5"/>'
        )
        parts.append(_text(x + 20, y, label))
        x += width
    return parts, y + LINE_HEIGHT + 8


def render_chart(stat: Statistic, *, chart_id: str) -> SafeString:
    """The SVG bar chart of ``stat`` (empty string when there is nothing to draw)."""
    if not stat.rows or stat.is_empty:
        return mark_safe("")  # nothing to draw: the page says so
    columns = list(stat.columns)
    multi = len(columns) > 1
    parts: list[str] = []
    y = 16.0
    if multi:
        legend, y = _legend(columns, y, chart_id)
        parts.extend(legend)
    if stat.stacked:
        peak = max((sum(row) for row in stat.values), default=0)
    else:
        peak = max((max(row) for row in stat.values if row), default=0)
    scale = BAR_AREA / peak if peak else 0
    bars_per_row = 1 if stat.stacked else len(columns)
    for label, row in zip(stat.rows, stat.values, strict=True):
        lines = _wrap(label)
        for number, line in enumerate(lines):
            parts.append(_text(0, y + 11 + number * LINE_HEIGHT, line, kind="row-label"))
        y += len(lines) * LINE_HEIGHT + 3
        bars_height = bars_per_row * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
        bar_top = y
        if stat.stacked:
            x = 0.0
            for index, value in enumerate(row):
                width = value * scale
                if width > 0:
                    parts.append(
                        f'<rect x="{x:.1f}" y="{bar_top:.1f}" width="{width:.1f}" '
                        f'height="{BAR_HEIGHT}" fill="{_fill(index, chart_id)}" '
                        f'stroke="#ffffff" stroke-width="1"/>'
                    )
                    x += width
            parts.append(
                _text(x + 6, bar_top + BAR_HEIGHT - 4, format_number(sum(row)), weight="600")
            )
        else:
            for index, value in enumerate(row):
                top = bar_top + index * (BAR_HEIGHT + BAR_GAP)
                width = value * scale
                if width > 0:
                    parts.append(
                        f'<rect x="0" y="{top:.1f}" width="{width:.1f}" '
                        f'height="{BAR_HEIGHT}" fill="{_fill(index, chart_id)}"/>'
                    )
                parts.append(_text(width + 6, top + BAR_HEIGHT - 4, format_number(value)))
        y += bars_height + ROW_GAP
    height_total = y + 4
    title = escape(stat.title)
    description = escape(
        _("Graphique en barres horizontales. Les valeurs sont dans le tableau de données.")
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {WIDTH} {height_total:.0f}" width="{WIDTH}" height="{height_total:.0f}" '
        f'font-family="{FONT}" font-size="12" fill="{INK}">'
        f'<title id="{chart_id}-title">{title}</title>'
        f'<desc id="{chart_id}-desc">{description}</desc>'
        f"<defs>{_patterns(len(columns), chart_id)}</defs>" + "".join(parts) + "</svg>"
    )
    return mark_safe(svg)  # every text above went through escape()
