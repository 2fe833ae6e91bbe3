"""Reading a user's CSV export for ``manage.py analyse``: encoding, separator, columns,
with errors in French."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


class InputError(ValueError):
    """The file cannot be analysed (the message, in French, says why)."""


@dataclass
class Table:
    texts: list[str]
    labels: list[str | None] | None
    encoding: str
    delimiter: str
    warnings: list[str] = field(default_factory=list)


def _decode(raw: bytes) -> tuple[str, str, list[str]]:
    try:
        return raw.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError as exc:
        position = exc.start
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            "Le fichier n'est ni en UTF-8 ni en Windows-1252 (octet illisible à la position "
            f"{exc.start}) : enregistrez-le en UTF-8 puis recommencez."
        ) from exc
    return (
        text,
        "cp1252",
        [
            f"Le fichier n'est pas en UTF-8 (octet {position}) : il a été lu en Windows-1252 ; "
            "vérifiez les accents dans les résultats."
        ],
    )


def read_table(
    path: str | Path, text_columns: Sequence[str], label_column: str | None = None
) -> Table:
    """The texts (the ``text_columns`` of each row joined by a line break) and labels (or
    None where the label cell is empty) of a CSV file with a header row. The separator
    (comma, semicolon or tab) is detected."""
    file = Path(path)
    if not file.is_file():
        raise InputError(f"Fichier introuvable : {file}")
    raw = file.read_bytes()
    if not raw.strip():
        raise InputError(f"Le fichier est vide : {file}")
    content, encoding, warnings = _decode(raw)
    try:
        delimiter = csv.Sniffer().sniff(content[:65536], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.DictReader(io.StringIO(content, newline=""), delimiter=delimiter)
    header = [name.strip() for name in (reader.fieldnames or [])]
    if not header:
        raise InputError(f"Le fichier n'a pas de ligne d'en-tête : {file}")
    reader.fieldnames = header
    wanted = [*text_columns, *([label_column] if label_column else [])]
    missing = [name for name in wanted if name not in header]
    if missing:
        raise InputError(
            "Colonne(s) absente(s) : "
            + ", ".join(f"« {m} »" for m in missing)
            + ". Colonnes du fichier : "
            + ", ".join(f"« {h} »" for h in header)
            + "."
        )
    texts: list[str] = []
    labels: list[str | None] = []
    try:
        for row in reader:
            parts = [(row.get(c) or "").strip() for c in text_columns]
            texts.append("\n".join(p for p in parts if p))
            if label_column:
                label = (row.get(label_column) or "").strip()
                labels.append(label or None)
    except csv.Error as exc:
        raise InputError(f"CSV illisible (ligne {reader.line_num}) : {exc}") from exc
    if not texts:
        raise InputError(f"Le fichier n'a aucune ligne de données : {file}")
    if not any(texts):
        raise InputError("Les colonnes de texte choisies sont vides sur toutes les lignes.")
    return Table(
        texts=texts,
        labels=labels if label_column else None,
        encoding=encoding,
        delimiter=delimiter,
        warnings=warnings,
    )
