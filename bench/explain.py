"""EXPLAIN ANALYZE the SQL queries of one page of the bench (PostgreSQL).

.venv/bin/python bench/explain.py "/demarches/banc-d-essai/contributions/?q=vélo"
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_env, setup_django


def main() -> None:
    url = sys.argv[1]
    db = "concerto_bench"
    setup_django(bench_env(db))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    if "--cold" not in sys.argv:
        client.get(url)
    else:
        from django.core.cache import cache

        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        status = client.get(url).status_code
    print(f"{url} -> {status}, {len(captured)} requêtes")
    for query in sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:4]:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        print(f"\n--- {float(query['time']) * 1000:.1f} ms: {sql[:1500]}")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            for (line,) in cursor.fetchall():
                print("   ", line)


if __name__ == "__main__":
    main()
