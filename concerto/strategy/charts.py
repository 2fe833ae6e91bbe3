"""Small charts drawn on the server as SVG (no JavaScript). Each chart is decorative for
screen readers (``aria-hidden``): the page shows the same values in a table beside it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT, PAD = 320, 140, 28


def _x(day: dt.date, first: dt.date, span: int) -> float:
    return PAD + (WIDTH - 2 * PAD) * ((day - first).days / span if span else 0.5)


def _y(value: Decimal, low: Decimal, high: Decimal) -> float:
    ratio = float((value - low) / (high - low)) if high != low else 0.5
    return HEIGHT - PAD - (HEIGHT - 2 * PAD) * ratio


def indicator_chart(
    points: Sequence[tuple[dt.date, Decimal]], *, baseline: Decimal, target: Decimal
) -> SafeString:
    """A line of the measured values over time, with the baseline and the target as dashed
    lines. Empty when there is nothing to draw."""
    if not points:
        return SafeString("")
    values = [v for _d, v in points] + [baseline, target]
    low, high = min(values), max(values)
    first, last = points[0][0], points[-1][0]
    span = (last - first).days
    coords = [(_x(d, first, span), _y(v, low, high)) for d, v in points]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3" class="chart-dot"/>',
        ((f"{x:.1f}", f"{y:.1f}") for x, y in coords),
    )
    y_target, y_base = _y(target, low, high), _y(baseline, low, high)
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-hidden="true" '
        'focusable="false">'
        '<line x1="{p}" x2="{r}" y1="{yt}" y2="{yt}" class="chart-target"/>'
        '<text x="{r}" y="{ytl}" text-anchor="end" class="chart-label">cible</text>'
        '<line x1="{p}" x2="{r}" y1="{yb}" y2="{yb}" class="chart-baseline"/>'
        '<text x="{p}" y="{ybl}" class="chart-label">départ</text>'
        '<polyline points="{path}" class="chart-line" fill="none"/>{dots}'
        '<text x="{p}" y="{h2}" class="chart-label">{first}</text>'
        '<text x="{r}" y="{h2}" text-anchor="end" class="chart-label">{last}</text>'
        "</svg>",
        w=WIDTH,
        h=HEIGHT,
        p=PAD,
        r=WIDTH - PAD,
        yt=f"{y_target:.1f}",
        ytl=f"{y_target - 4:.1f}",
        yb=f"{y_base:.1f}",
        ybl=f"{y_base + 12:.1f}",
        path=path,
        dots=dots,
        h2=HEIGHT - 6,
        first=first.strftime("%m/%Y"),
        last=last.strftime("%m/%Y"),
    )
