"""Demo data: the demo answer and strategy (filled in by the strategy work)."""

from __future__ import annotations

import datetime as dt

from concerto.processes.models import Process


def load_demo(*, process: Process, shift: dt.timedelta, now: dt.datetime) -> None:
    """Create the demo answer and strategy for the demo ``process`` (dates moved by ``shift``)."""
