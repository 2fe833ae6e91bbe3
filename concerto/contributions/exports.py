"""Open data: the published contributions of a process, anonymised, in CSV and JSON.

What is exported, per answer: the receipt number, the publication date (the day only, in
the local time zone), the channel, the kind, the neighbourhood (its name), the profile
(codes, as in the API), the question number and the public text (personal data masked by
the moderation). Never the author's name or pseudonym, the e-mail address, the age bracket,
the account nor anything about the moderation.

CSV choices: UTF-8 *without* byte-order mark, comma separator, ``"`` quoting, a header row
and CRLF line ends (RFC 4180, as the French open-data guidelines of Etalab recommend). In a
spreadsheet, open it with "Données > À partir d'un fichier texte/CSV" and choose UTF-8. A
text that starts with ``=``, ``+``, ``-``, ``@`` (or a tab, a carriage return) is prefixed
with an apostrophe so that a spreadsheet does not run it as a formula (CSV injection); the
JSON export gives the texts unchanged.

JSON: an array of contributions, each with its ``answers`` (``question``, ``text``).

Both are streamed from a single query (:func:`concerto.contributions.selectors.export_answers`)
so that tens of thousands of rows never sit in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import StreamingHttpResponse
from django.utils import timezone

from concerto.contributions.selectors import export_answers
from concerto.processes.models import Process

CSV_HEADER = (
    "receipt_number",
    "published_on",
    "channel",
    "kind",
    "neighbourhood",
    "profile",
    "question",
    "text",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write() returns the line csv.writer gives it."""

    def write(self, value: str) -> str:
        return value


def _day(value: dt.datetime | None) -> str:
    return timezone.localtime(value).date().isoformat() if value else ""


def _neutralise(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _rows(process: Process) -> Iterator[tuple[str, str, str, str, str, str, int, str]]:
    for (
        receipt,
        published,
        channel,
        kind,
        neighbourhood,
        profile,
        number,
        text,
        public,
    ) in export_answers(process):
        yield (
            receipt,
            _day(published),
            channel,
            kind,
            neighbourhood,
            profile,
            number,
            public or text,
        )


def csv_lines(process: Process) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    for row in _rows(process):
        yield writer.writerow((*row[:-1], _neutralise(row[-1])))


def _contributions(process: Process) -> Iterator[dict[str, Any]]:
    for receipt, answers in itertools.groupby(_rows(process), key=lambda row: row[0]):
        first: tuple[Any, ...] | None = None
        items = []
        for row in answers:
            first = first or row
            items.append({"question": row[6], "text": row[7]})
        assert first is not None
        yield {
            "receipt_number": receipt,
            "published_on": first[1],
            "channel": first[2],
            "kind": first[3],
            "neighbourhood": first[4],
            "profile": first[5],
            "answers": items,
        }


def json_chunks(process: Process) -> Iterator[str]:
    yield "["
    for index, item in enumerate(_contributions(process)):
        yield ("," if index else "") + "\n" + json.dumps(item, ensure_ascii=False)
    yield "\n]\n"


def _batched(chunks: Iterable[str], size: int = 32_768) -> Iterator[bytes]:
    """Fewer, larger writes to the socket than one per row."""
    buffer: list[str] = []
    length = 0
    for chunk in chunks:
        buffer.append(chunk)
        length += len(chunk)
        if length >= size:
            yield "".join(buffer).encode("utf-8")
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")


def _response(chunks: Iterable[str], content_type: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_batched(chunks), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: usable from any site
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_response(process: Process) -> StreamingHttpResponse:
    return _response(
        csv_lines(process), "text/csv; charset=utf-8", f"{process.slug}-contributions.csv"
    )


def json_response(process: Process) -> StreamingHttpResponse:
    return _response(
        json_chunks(process),
        "application/json; charset=utf-8",
        f"{process.slug}-contributions.json",
    )
