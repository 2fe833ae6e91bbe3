"""Server time of French searches on 20,000 real contributions, in-process (SQLite default).

    .venv/bin/python bench/search_bench.py --load          # once: migrate + 20,000 texts
    .venv/bin/python bench/search_bench.py [--repeat 30]   # time the searches

The database is ``var/bench-search/db.sqlite3`` (``--database-url`` for another one, e.g.
``postgres://postgres@127.0.0.1:5432/concerto_bench_search`` after ``--load`` on it). The
texts are the real ones of ../shared/data, loaded by ``bench/load_data.py``. For each
query, two times are measured, each the median and the 95th percentile of ``--repeat``
runs after one warm-up:

* **search**: the work of the search itself on the list page
  (``public_selectors.contribution_page``: facet counts over the matches, the ranked
  first page of 20 and their answers);
* **page**: the whole list page through the Django test client (every middleware, the
  template), the anonymous page cache off (``CONCERTO_PAGE_CACHE_SECONDS=0``).

Both are wall-clock times on this machine: report them with ``uptime``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "solitude",
    "solitudes",
    "santé",
    "sante",
    "aînés",
    "aines",
    "épicerie",
    "epiceries",
    "personnes âgées isolées",
    '"personnes âgées"',
    "logement",
    "écologie",
    "transports -voiture",
    "vélo or voiture",
    "!!!",
]


def environment(database_url: str) -> dict[str, str]:
    work = ROOT / "var" / "bench-search"
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "concerto.settings",
            "DATABASE_URL": database_url,
            "CONCERTO_DEBUG": "0",
            "CONCERTO_SECRET_KEY": "bench-only-secret-key-" + "k" * 40,
            "CONCERTO_ALLOWED_HOSTS": "testserver,127.0.0.1",
            "CONCERTO_SSL_REDIRECT": "0",
            "CONCERTO_SECURE_COOKIES": "0",
            "CONCERTO_HSTS_SECONDS": "0",
            "CONCERTO_RATELIMIT_ENABLED": "0",
            "CONCERTO_PAGE_CACHE_SECONDS": "0",
            "CONCERTO_LOG_LEVEL": "WARNING",
            "CONCERTO_MEDIA_ROOT": str(work / "media"),
            "CONCERTO_STATIC_ROOT": str(work / "static"),
        }
    )
    return env


def load(env: dict[str, str], count: int) -> None:
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--no-input", "-v", "0"], env=env, check=True)
    subprocess.run([python, "manage.py", "createcachetable"], env=env, check=True)
    subprocess.run(
        [python, "manage.py", "collectstatic", "--no-input", "-v", "0"], env=env, check=True
    )
    subprocess.run(
        [python, "bench/load_data.py", "--contributions", str(count), "--reset"],
        env=env,
        check=True,
        cwd=ROOT,
    )


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = f"sqlite:///{ROOT / 'var' / 'bench-search' / 'db.sqlite3'}"
    parser.add_argument("--database-url", default=default)
    parser.add_argument("--load", action="store_true", help="migrate and load the texts")
    parser.add_argument("--contributions", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    env = environment(args.database_url)
    if args.load:
        load(env, args.contributions)
        return
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from bench.common import BENCH_SLUG
    from concerto.contributions import public_selectors, selectors
    from concerto.contributions.models import Contribution

    process, dimensions = public_selectors.process_and_dimensions(BENCH_SLUG)
    published = Contribution.objects.filter(process=process, status="published").count()
    client = Client()
    url = reverse("contributions:list", kwargs={"slug": BENCH_SLUG})
    print(f"{connection.vendor}, {published} contributions publiées, {args.repeat} mesures")
    print("| requête | résultats | recherche médiane | p95 | page médiane | p95 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    worst = 0.0
    for q in QUERIES:
        filters = selectors.ContributionFilters(q=q)
        page = public_selectors.contribution_page(process, filters, 1, dimensions)
        searched, shown = [], []
        for _ in range(args.repeat):
            began = time.perf_counter()
            public_selectors.contribution_page(process, filters, 1, dimensions)
            searched.append((time.perf_counter() - began) * 1000)
        client.get(url, {"q": q})
        for _ in range(args.repeat):
            began = time.perf_counter()
            response = client.get(f"{url}?{urlencode({'q': q})}")
            shown.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, response.status_code
        worst = max(worst, percentile(searched, 0.95))
        print(
            f"| `{q}` | {page.total} | {statistics.median(searched):.1f} ms "
            f"| {percentile(searched, 0.95):.1f} ms | {statistics.median(shown):.1f} ms "
            f"| {percentile(shown, 0.95):.1f} ms |"
        )
    print(f"pire p95 de la recherche : {worst:.1f} ms")


if __name__ == "__main__":
    main()
