"""Demo data: the demo codebook and codings (filled in by the synthesis work)."""

from __future__ import annotations

import datetime as dt

from concerto.processes.models import Process


def load_demo(*, process: Process, shift: dt.timedelta, now: dt.datetime) -> None:
    """Create the demo codebook and codings for the demo ``process`` (dates moved by ``shift``)."""
