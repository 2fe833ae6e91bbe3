"""Walk a published report page and check that nothing in it is untraceable: every quote
is a substring of the published text of the contribution it links to, every figure value
equals the value recomputed from the database. Returns the problems found (none: [])."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from concerto.contributions.models import Contribution
from concerto.processes.models import Process
from concerto.reports.charts import format_number
from concerto.reports.statistics import compute_one


def normalise(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Quote:
    text: str = ""
    href: str = ""


@dataclass
class Table:
    key: str
    rows: list[tuple[str, list[str]]] = field(default_factory=list)
    total: list[str] | None = None


@dataclass
class Chart:
    key: str
    numbers: list[str] = field(default_factory=list)


class ReportParser(HTMLParser):
    """Quotes (``figure.report-quote``), figure tables (``table.figure-table``) and the
    numbers written in the charts (``<text>`` of each figure's ``svg``)."""

    def __init__(self) -> None:
        super().__init__()
        self.quotes: list[Quote] = []
        self.tables: list[Table] = []
        self.charts: list[Chart] = []
        self._quote: Quote | None = None
        self._in_quote_text = 0
        self._in_source = False
        self._table: Table | None = None
        self._section = ""
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._figure_key = ""
        self._chart: Chart | None = None
        self._svg_text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "figure" and "report-quote" in classes:
            self._quote = Quote()
        elif tag == "figure" and "report-figure" in classes:
            self._figure_key = a.get("data-figure-key", "")
        elif self._quote is not None and tag == "span" and "quote-text" in classes:
            self._in_quote_text = 1
        elif self._in_quote_text and tag == "span":
            self._in_quote_text += 1
        elif self._quote is not None and tag == "a" and "quote-source" in classes:
            self._quote.href = a.get("href", "")
        elif tag == "svg" and self._figure_key:
            self._chart = Chart(self._figure_key)
        elif tag == "text" and self._chart is not None:
            self._svg_text = []
        elif tag == "table" and "figure-table" in classes:
            self._table = Table(a.get("data-figure-key", ""))
        elif self._table is not None:
            if tag in ("thead", "tbody", "tfoot"):
                self._section = tag
            elif tag == "tr":
                self._row = []
            elif tag in ("th", "td") and self._row is not None:
                self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._in_quote_text:
            self._in_quote_text -= 1
        elif tag == "figure" and self._quote is not None:
            self.quotes.append(self._quote)
            self._quote = None
        elif tag == "figure":
            self._figure_key = ""
        elif tag == "text" and self._svg_text is not None and self._chart is not None:
            self._chart.numbers.append("".join(self._svg_text).strip())
            self._svg_text = None
        elif tag == "svg" and self._chart is not None:
            self.charts.append(self._chart)
            self._chart = None
        elif self._table is not None:
            if tag in ("th", "td") and self._cell is not None and self._row is not None:
                self._row.append(normalise("".join(self._cell)))
                self._cell = None
            elif tag == "tr" and self._row is not None:
                if self._section == "tbody":
                    self._table.rows.append((self._row[0], self._row[1:]))
                elif self._section == "tfoot":
                    self._table.total = self._row[1:]
                self._row = None
            elif tag == "table":
                self.tables.append(self._table)
                self._table = None

    def handle_data(self, data: str) -> None:
        if self._quote is not None and self._in_quote_text:
            self._quote.text += data
        if self._cell is not None:
            self._cell.append(data)
        if self._svg_text is not None:
            self._svg_text.append(data)


class AnswerTextParser(HTMLParser):
    """The published answers on a contribution's page (``div.answer-text``)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and "answer-text" in classes:
            self._depth = 1
            self.texts.append("")
        elif self._depth and tag == "div":
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag == "div":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.texts[-1] += data + " "


NUMBER = re.compile(r"^[\d\u202f]+(,\d+)?$")


def check_report_page(client, url: str, process: Process, *, now=None) -> list[str]:
    """``now``: the moment the figures were frozen (a version's publication), if not today."""
    response = client.get(url)
    if response.status_code != 200:
        return [f"{url} : statut {response.status_code}"]
    parser = ReportParser()
    parser.feed(response.content.decode())
    problems: list[str] = []
    if not parser.quotes and not parser.tables:
        problems.append("Aucune citation ni figure sur la page.")
    # Quotes: a substring of the published text of the contribution they link to.
    for quote in parser.quotes:
        text = normalise(quote.text)
        path = urlsplit(quote.href).path
        page = client.get(path)
        if page.status_code != 200:
            problems.append(f"Citation « {text[:40]} » : {path} répond {page.status_code}")
            continue
        answers = AnswerTextParser()
        answers.feed(page.content.decode())
        if not any(text in normalise(shown) for shown in answers.texts):
            problems.append(f"Citation « {text[:40]} » absente de la page {path}")
        receipt = path.rstrip("/").rsplit("/", 1)[-1]
        contribution = Contribution.objects.filter(
            receipt_number=receipt, status=Contribution.Status.PUBLISHED
        ).first()
        if contribution is None or not any(
            text in normalise(a.shown_text) for a in contribution.answers.all()
        ):
            problems.append(f"Citation « {text[:40]} » absente du texte publié de {receipt}")
    # Figures: every value equals the value recomputed from the database.
    for table in parser.tables:
        stat = compute_one(process, table.key, now=now)
        expected_rows = [
            (label, [format_number(v) for v in values]) for label, values in stat.table()
        ]
        if table.rows != expected_rows:
            problems.append(f"Figure {table.key} : {table.rows} ≠ {expected_rows}")
        expected_total = [format_number(v) for v in stat.total] if stat.total else None
        if table.total != expected_total:
            problems.append(f"Figure {table.key} : total {table.total} ≠ {expected_total}")
    for chart in parser.charts:
        stat = compute_one(process, chart.key, now=now)
        if stat.stacked:
            expected = [format_number(sum(values)) for values in stat.values]
        else:
            expected = [format_number(v) for values in stat.values for v in values]
        shown = [n for n in chart.numbers if NUMBER.match(n)]
        if shown != expected:
            problems.append(f"Graphique {chart.key} : {shown} ≠ {expected}")
    return problems
