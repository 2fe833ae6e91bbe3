"""The typed table every statistic is: rows, columns, values, totals and a stable key.
Frozen into a published version as JSON (``as_dict``) and read back (``from_dict``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy

Number = int | float
NOT_GIVEN = gettext_lazy("Non renseigné")


@dataclass(frozen=True)
class Statistic:
    """One figure: ``values[i][j]`` is the value of row ``i`` in column ``j``."""

    key: str
    title: str
    dimension: str  # what the rows are ("Canal", "Quartier"...)
    columns: tuple[str, ...]
    rows: tuple[str, ...]
    values: tuple[tuple[Number, ...], ...]
    total: tuple[Number, ...] | None = None  # one per column, or none
    note: str = ""
    stacked: bool = False  # the columns are parts of one whole (a cross-tabulation)
    column_dimension: str = ""  # what the columns are, for a cross-tabulation

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "dimension": self.dimension,
            "columns": list(self.columns),
            "rows": list(self.rows),
            "values": [list(row) for row in self.values],
            "total": list(self.total) if self.total is not None else None,
            "note": self.note,
            "stacked": self.stacked,
            "column_dimension": self.column_dimension,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Statistic:
        total = data.get("total")
        return cls(
            key=str(data["key"]),
            title=str(data["title"]),
            dimension=str(data.get("dimension", "")),
            columns=tuple(str(c) for c in data["columns"]),
            rows=tuple(str(r) for r in data["rows"]),
            values=tuple(tuple(row) for row in data["values"]),
            total=tuple(total) if total is not None else None,
            note=str(data.get("note", "")),
            stacked=bool(data.get("stacked", False)),
            column_dimension=str(data.get("column_dimension", "")),
        )

    @property
    def is_empty(self) -> bool:
        return not any(v for row in self.values for v in row)

    def table(self) -> list[tuple[str, tuple[Number, ...]]]:
        return list(zip(self.rows, self.values, strict=True))
