"""Time each bench page in-process (no HTTP), count its queries, and optionally profile it.

    CONCERTO_BENCH_PG=... .venv/bin/python bench/profile_pages.py [--profile list_search]

Runs with the bench environment (bench.common.bench_env) against concerto_bench; prints
mean/p95 server time per page, the number of SQL queries and the slowest query.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_env, setup_django


def urls(fixture: dict, rng: random.Random) -> dict[str, callable]:
    slug = fixture["slug"]
    base = f"/demarches/{slug}/contributions/"
    return {
        "home": lambda: "/",
        "process": lambda: f"/demarches/{slug}/",
        "list": lambda: base,
        "list_filtered": lambda: (
            base
            + "?"
            + urlencode(
                {
                    fixture["neighbourhood_param"]: rng.choice(fixture["neighbourhoods"]),
                    fixture["question_param"]: rng.choice(fixture["question_filter_values"]),
                }
            )
        ),
        "list_search": lambda: (
            base + "?" + urlencode({fixture["search_param"]: rng.choice(fixture["words"])})
        ),
        "detail": lambda: f"{base}{rng.choice(fixture['receipts'])}/",
        "form": lambda: f"/demarches/{slug}/contribuer/",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="concerto_bench")
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--profile", default="")
    parser.add_argument("--pages", nargs="*", default=[])
    args = parser.parse_args()
    setup_django(bench_env(args.db))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.run import write_fixture

    defaults = argparse.Namespace(
        neighbourhood_param="neighbourhood",
        neighbourhood_value="pk",
        question_param="question",
        question_value="pk",
        search_param="q",
    )
    fixture = json.loads(write_fixture(args.db, defaults).read_text())
    rng = random.Random(3)
    client = Client(HTTP_HOST="127.0.0.1")
    for name, make in urls(fixture, rng).items():
        if args.pages and name not in args.pages:
            continue
        client.get(make())  # warm
        times, queries, slowest = [], [], (0.0, "")
        profiler = cProfile.Profile() if args.profile == name else None
        for _ in range(args.n):
            url = make()
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                if profiler:
                    profiler.enable()
                response = client.get(url)
                if profiler:
                    profiler.disable()
                times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            queries.append(len(captured))
            for query in captured.captured_queries:
                if float(query["time"]) * 1000 > slowest[0]:
                    slowest = (float(query["time"]) * 1000, f"{url}: {query['sql'][:300]}")
        times.sort()
        p95 = times[int(0.95 * len(times)) - 1]
        print(
            f"{name:14} mean {statistics.mean(times):6.1f} ms  p95 {p95:6.1f}"
            f"  queries {min(queries)}-{max(queries)}  slowest query {slowest[0]:.1f} ms"
        )
        print(f"{'':14} {slowest[1]}")
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    main()
