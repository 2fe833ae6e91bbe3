"""The automated accessibility results of the last browser test run (axe-core), read from
the files tests/browser/conftest.py writes (one per test worker). Shown on the accessibility
statement as automated tests, never as an audit."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class AxeRun:
    finished_at: dt.datetime | None
    axe_version: str
    pages: list[tuple[str, int]]  # (path, serious or critical violations)

    @property
    def failing(self) -> int:
        return sum(1 for _path, count in self.pages if count)


def last_axe_run(directory: Path | None = None) -> AxeRun | None:
    directory = directory or Path(settings.CONCERTO_AXE_RESULTS_DIR)
    pages: dict[str, int] = {}
    finished: dt.datetime | None = None
    version = ""
    for file in sorted(directory.glob("*.json")) if directory.is_dir() else []:
        try:
            data = json.loads(file.read_text())
            at = dt.datetime.fromisoformat(data["finished_at"])
            results = {str(p["path"]): int(p["violations"]) for p in data["pages"]}
        except (OSError, ValueError, KeyError, TypeError):
            continue
        pages.update(results)
        version = str(data.get("axe_version", version))
        finished = at if finished is None or at > finished else finished
    if not pages:
        return None
    return AxeRun(finished_at=finished, axe_version=version, pages=sorted(pages.items()))
