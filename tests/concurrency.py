"""Running the same code from several threads at once (real concurrency on PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def run_in_threads(
    count: int, target: Callable[[int], Any]
) -> tuple[list[Any], list[BaseException]]:
    """Start ``count`` threads that call ``target(index)`` together (behind a barrier);
    return their results and the exceptions they raised. Each thread closes its own
    database connections."""
    barrier = threading.Barrier(count)
    results: list[Any] = []
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            results.append(target(index))
        except Exception as exc:  # collected and asserted by the caller
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors
