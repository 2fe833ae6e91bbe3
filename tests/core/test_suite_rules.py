"""Rules the test suite keeps about itself: speed is measured in bench/, never asserted in a
test (a loaded CI machine would make such a test fail for nothing). Fixtures and helpers
(conftest.py, helpers) may still wait for a service with a deadline."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
CLOCKS = re.compile(r"\b(perf_counter|monotonic|process_time|timeit)\s*\(")


def test_no_wall_clock_measure_in_tests():
    offenders = [
        f"{path.relative_to(TESTS.parent)}:{number}: {line.strip()}"
        for path in sorted(TESTS.rglob("test_*.py"))
        if path != Path(__file__).resolve()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if CLOCKS.search(line)
    ]
    assert not offenders, "mesure de durée dans un test (à mettre dans bench/) :\n" + "\n".join(
        offenders
    )
