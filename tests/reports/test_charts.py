"""The server-side SVG charts: well-formed, accessible, escaped, drawn to scale."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from concerto.reports.charts import BAR_AREA, LABEL_CHARS, PALETTE, format_number, render_chart
from concerto.reports.statistics import Statistic

SVG = "{http://www.w3.org/2000/svg}"


def stat(**kwargs) -> Statistic:
    defaults = {
        "key": "contributions_by_channel",
        "title": "Par canal <script>",
        "dimension": "Canal",
        "columns": ("Contributions", "Participants"),
        "rows": ("En ligne", "Papier & urnes"),
        "values": ((40, 30), (10, 10)),
        "total": (50, 40),
    }
    return Statistic(**{**defaults, **kwargs})


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def test_accessible_and_escaped():
    svg = render_chart(stat(), chart_id="fig-1")
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "fig-1-title fig-1-desc"
    assert root.find(f"{SVG}title").text == "Par canal <script>"
    assert root.find(f"{SVG}title").get("id") == "fig-1-title"
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Papier & urnes" in texts and "Contributions" in texts  # label and legend


def test_grouped_bars_to_scale():
    root = parse(render_chart(stat(), chart_id="c"))
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("height") == "16"]
    widths = sorted(float(r.get("width")) for r in bars)
    assert len(bars) == 4
    assert widths[-1] == BAR_AREA  # the largest value spans the whole area
    assert abs(widths[0] - BAR_AREA / 4) < 0.2  # 10 out of 40
    fills = {r.get("fill") for r in bars}
    assert fills == {PALETTE[0], PALETTE[1]}
    values = [t.text for t in root.iter(f"{SVG}text") if t.text and t.text.isdigit()]
    assert values == ["40", "30", "10", "10"]


def test_stacked_bars_show_the_row_total():
    crosstab = stat(
        columns=("Centre", "Nord", "Sud"),
        rows=("Isolement", "Droits"),
        values=((1, 2, 3), (0, 0, 4)),
        total=None,
        stacked=True,
    )
    root = parse(render_chart(crosstab, chart_id="c"))
    values = [t.text for t in root.iter(f"{SVG}text") if t.text and t.text.isdigit()]
    assert values == ["6", "4"]
    segments = [r for r in root.iter(f"{SVG}rect") if r.get("height") == "16"]
    assert len(segments) == 4  # zero cells are not drawn


def test_long_labels_are_wrapped():
    label = (
        "Citoyens, associations, entreprises, collectivités… qui peut agir pour les solidarités ?"
    )
    root = parse(render_chart(stat(rows=(label, "Court")), chart_id="c"))
    lines = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "row-label"]
    assert len(lines) == 4  # three lines for the long label, one for the short
    assert all(len(line) <= LABEL_CHARS for line in lines)


def test_fits_a_phone_with_12_px_text():
    """Drawn 320 units wide with 12-unit text: shown at least 320 px wide (reports.css),
    its text is never under 12 px (tests/browser/test_phone_width.py measures it)."""
    root = parse(render_chart(stat(), chart_id="c"))
    assert root.get("viewBox").split()[2] == "320"
    assert root.get("font-size") == "12"
    widths = [float(r.get("x")) + float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert max(widths) <= 320


def test_empty_statistic_draws_nothing():
    assert render_chart(stat(rows=(), values=()), chart_id="c") == ""
    assert render_chart(stat(values=((0, 0), (0, 0))), chart_id="c") == ""


def test_format_number():
    assert format_number(4300) == "4\u202f300"
    assert format_number(12.5) == "12,5"
    assert format_number(3.0) == "3"
    assert format_number(0.333) == "0,33"
    assert format_number(1234.25) == "1\u202f234,25"


def test_columns_beyond_the_palette_are_striped():
    columns = tuple(f"Quartier {i}" for i in range(11))
    crosstab = stat(
        columns=columns, rows=("Isolement",), values=(tuple(range(1, 12)),), stacked=True
    )
    root = parse(render_chart(crosstab, chart_id="x"))
    patterns = list(root.iter(f"{SVG}pattern"))
    assert [p.get("id") for p in patterns] == ["x-p8", "x-p9", "x-p10"]
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect") if r.get("height") == "16"]
    assert fills[:8] == list(PALETTE) and fills[8:] == ["url(#x-p8)", "url(#x-p9)", "url(#x-p10)"]
