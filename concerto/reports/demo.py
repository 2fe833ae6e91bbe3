"""Demo data: the demo synthesis report (filled in by the reports work)."""

from __future__ import annotations

import datetime as dt

from concerto.processes.models import Process


def load_demo(*, process: Process, shift: dt.timedelta, now: dt.datetime) -> None:
    """Create the demo synthesis report for the demo ``process`` (dates moved by ``shift``)."""
