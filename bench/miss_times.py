"""Server time of cache *misses* of the contribution page and of searches, in-process.

    .venv/bin/python bench/miss_times.py [--n 300] [--pages detail list_search]
                                          [--profile list_search] [--queries] [--warm-facets]

The same draws as the load test (bench/run.py: 5,000 random receipts, 300 random words
of the texts), but each URL is asked once, with the shared cache emptied at the start, so
every request builds its page: what a reader pays when the page is not in the anonymous
page cache (core/pagecache.py). What a server process keeps in memory besides the pages
(``public_memo``: the process and its filter options) stays warm, as in a server. With
``--warm-facets`` each search is asked twice and only the second request, its page
removed from the cache, is timed (whatever else the first left in a cache is warm). The
Django test client goes through every middleware; no HTTP, no concurrency. "Python CPU"
is this process's CPU time (``time.process_time``), which holds when other jobs share the
CPU; wall times and SQL times grow with the machine's load. ``--profile`` uses a CPU
clock too.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="concerto_bench")
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--pages", nargs="*", default=["detail", "list_search"])
    parser.add_argument("--profile", default="")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--lines", type=int, default=45)
    parser.add_argument("--warm-facets", action="store_true")
    parser.add_argument("--queries", action="store_true", help="time of each query")
    args = parser.parse_args()
    setup_django(bench_env(args.db))
    from django.core.cache import cache, caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.run import write_fixture
    from concerto.core.pagecache import page_key

    defaults = argparse.Namespace(
        neighbourhood_param="neighbourhood",
        neighbourhood_value="pk",
        question_param="question",
        question_value="pk",
        search_param="q",
    )
    fixture = json.loads(write_fixture(args.db, defaults).read_text())
    rng = random.Random(11)
    pages = caches["pages"]
    base = f"/demarches/{fixture['slug']}/contributions/"
    words = list(dict.fromkeys(fixture["words"]))
    rng.shuffle(words)
    receipts = rng.sample(fixture["receipts"], min(args.n, len(fixture["receipts"])))
    url_lists = {
        "detail": [f"{base}{receipt}/" for receipt in receipts],
        "list_search": [base + "?" + urlencode({"q": word}) for word in words[: args.n]],
    }
    client = Client(HTTP_HOST="127.0.0.1")
    cache.clear()  # facet counts and the public version: every search starts cold
    pages.clear()
    client.get(base + "?q=warmup")  # templates, connection
    client.get(f"{base}{fixture['receipts'][0]}/")
    for name in args.pages:
        times: list[float] = []
        queries: list[int] = []
        sizes: list[int] = []
        sql_ms: list[float] = []
        cpu_ms: list[float] = []
        slow: dict[str, list[float]] = {}
        profiler = cProfile.Profile(time.process_time) if args.profile == name else None
        for url in url_lists[name]:
            if args.warm_facets and name == "list_search":
                client.get(url)
            # Only this URL's page: what else the process keeps in memory (public_memo)
            # stays, as in a server. Each URL is asked once, so each request builds a page.
            pages.delete(page_key(url))
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                began_cpu = time.process_time()
                if profiler:
                    profiler.enable()
                response = client.get(url)
                if profiler:
                    profiler.disable()
                times.append((time.perf_counter() - began) * 1000)
                cpu_ms.append((time.process_time() - began_cpu) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            queries.append(len(captured))
            sql_ms.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
            for query in captured.captured_queries:
                slow.setdefault(query["sql"][:90], []).append(float(query["time"]) * 1000)
            sizes.append(len(response.content))
        times.sort()
        p95 = times[max(0, int(0.95 * len(times)) - 1)]
        print(
            f"{name:12} n {len(times)}  median {statistics.median(times):6.1f} ms"
            f"  mean {statistics.mean(times):6.1f}  p95 {p95:6.1f}  max {times[-1]:6.1f}"
            f"  queries {min(queries)}-{max(queries)}  bytes {int(statistics.mean(sizes))}"
            f"  SQL median {statistics.median(sql_ms):.1f} ms",
            flush=True,
        )
        print(
            f"{'':12} Python CPU median {statistics.median(cpu_ms):6.1f} ms"
            f"  p95 {sorted(cpu_ms)[max(0, int(0.95 * len(cpu_ms)) - 1)]:6.1f}"
        )
        if args.queries:
            for sql, spent in sorted(slow.items(), key=lambda item: -sum(item[1])):
                print(f"{'':14}{len(spent):4}x  median {statistics.median(spent):5.1f} ms  {sql}")
        if profiler:
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.lines)


if __name__ == "__main__":
    main()
