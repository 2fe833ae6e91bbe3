"""Server time of the strategy's pages with a large strategy, in-process (no HTTP, no load
test: the lead runs those).

    .venv/bin/python bench/strategy_bench.py [--db concerto_strat] [--n 40] [--reuse]

Recreates the PostgreSQL database ``--db`` (unless ``--reuse``), migrates it, loads a
process with 100 actions (a tenth of them sub-actions), 1,000 milestones, 400 budget lines,
100 indicators with 300 measures, 500 history rows, a published report of 20 proposals with
their published answers, and 10,000 published contributions coded under the proposals'
themes (``bench/strategy_volume.py``). Then requests each page ``--n`` times with the
Django test client, the anonymous page cache off (every request renders: the worst case),
and prints the median and p95 server time and the number of SQL queries of each page.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, bench_env, prepare_schema, psql, setup_django

ACTIONS, MILESTONES, CONTRIBUTIONS = 100, 1000, 10_000
SLUG = "banc-strategie"


def _database(name: str, reuse: bool) -> None:
    if not re.fullmatch(r"concerto_(strat|bench_strategy)[a-z0-9_]*", name):
        raise SystemExit(f"nom de base refusé : {name}")
    if not reuse:
        psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        psql(f'CREATE DATABASE "{name}"')


def _load() -> None:
    from django.contrib.auth.models import Group

    from bench.strategy_volume import populate
    from concerto.accounts.models import User
    from concerto.processes.models import Neighbourhood, Process, Question

    Process.objects.filter(slug=SLUG).delete()
    process = Process.objects.create(
        title="Banc d'essai de la stratégie",
        slug=SLUG,
        receipt_prefix="BST",
        receipt_year=2022,
        is_published=True,
    )
    Question.objects.create(process=process, number=1, title="Quelles idées pour demain ?")
    for order, name in enumerate(["Dervallières", "Nantes Nord", "Bottière", "Breil"]):
        Neighbourhood.objects.create(process=process, name=name, slug=f"q{order}", order=order)
    staff, _ = User.objects.get_or_create(
        email="banc-strategie@exemple.test", defaults={"display_name": "Banc"}
    )
    staff.groups.add(Group.objects.get_or_create(name="admin")[0])
    started = time.perf_counter()
    populate(
        process,
        actions=ACTIONS,
        milestones=MILESTONES,
        contributions=CONTRIBUTIONS,
        staff=staff,
    )
    from django.db import connection

    with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give them
        cursor.execute("ANALYZE")
    print(f"Données chargées (et ANALYZE) en {time.perf_counter() - started:.1f} s")


def _pages() -> dict[str, str]:
    from concerto.strategy.models import Action

    flagship = (
        Action.objects.filter(process__slug=SLUG, parent__isnull=True, children__isnull=True)
        .order_by("pk")
        .first()
    )
    parent = Action.objects.filter(process__slug=SLUG, children__isnull=False).first()
    assert flagship is not None and parent is not None
    base = f"/demarches/{SLUG}"
    return {
        "tableau de bord": f"{base}/strategie/",
        "tableau de bord filtré": f"{base}/strategie/?quartier=q1&statut=in_progress",
        "page d'une action": f"{base}/strategie/actions/{flagship.code}/",
        "action avec sous-actions": f"{base}/strategie/actions/{parent.code}/",
        "réponse de la Ville": f"{base}/reponse/",
        "export CSV": f"{base}/donnees/actions.csv",
        "API : actions": f"/api/processes/{SLUG}/actions",
        "API : une action": f"/api/processes/{SLUG}/actions/{flagship.code}",
    }


def _time_thread(n: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from concerto.contributions.models import Contribution
    from concerto.strategy.selectors import thread_for_contribution

    contributions = list(
        Contribution.objects.filter(process__slug=SLUG).select_related("process")[:n]
    )
    times = []
    queries = 0
    for contribution in contributions:
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            thread_for_contribution(contribution)
            times.append((time.perf_counter() - started) * 1000)
        queries = len(context.captured_queries)
    return statistics.median(times), _p95(times), queries


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="concerto_strat")
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--reuse", action="store_true", help="garder la base et ses données")
    args = parser.parse_args()
    _database(args.db, args.reuse)
    env = bench_env(args.db, var="bench_strategy", CONCERTO_PAGE_CACHE_SECONDS="0")
    if not args.reuse:
        prepare_schema(env)
    setup_django(env)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    if not args.reuse:
        _load()
    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    print(f"{'page':28} {'médiane':>9} {'p95':>9} {'requêtes SQL':>13} {'octets':>9}")
    for name, url in _pages().items():
        for _ in range(3):  # warm up
            client.get(url)
        times = []
        for _ in range(args.n):
            started = time.perf_counter()
            response = client.get(url)
            body = (
                b"".join(response.streaming_content)
                if getattr(response, "streaming", False)
                else response.content
            )
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
        median, p95 = statistics.median(times), _p95(times)
        results[name] = {
            "url": url,
            "median_ms": round(median, 1),
            "p95_ms": round(p95, 1),
            "queries": len(context.captured_queries),
            "bytes": len(body),
        }
        queries = len(context.captured_queries)
        print(f"{name:28} {median:8.1f}ms {p95:8.1f}ms {queries:13d} {len(body):9d}")
    median, p95, queries = _time_thread(args.n)
    results["fil d'une contribution"] = {
        "median_ms": round(median, 1),
        "p95_ms": round(p95, 1),
        "queries": queries,
    }
    print(f"{'fil d une contribution':28} {median:8.1f}ms {p95:8.1f}ms {queries:13d}")
    out = ROOT / "var" / "bench_strategy" / "results.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(f"Résultats : {out}")


if __name__ == "__main__":
    main()
