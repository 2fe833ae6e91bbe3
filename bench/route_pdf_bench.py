"""The route sheet PDF under load: the home page's latency while eight readers fetch the
« Parcours des solidarités » PDF at once, with the sheet rendered on every GET (the code in
``--before``, e.g. a checkout of the previous main) and cached per public version (this
code). PostgreSQL database ``concerto_bench_route``, the demo (50 contributions), gunicorn
sync with 3 workers on 127.0.0.1, stopped by its pid.

    .venv/bin/python bench/route_pdf_bench.py [--before /tmp/main-snapshot] [--seconds 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    HOST,
    ROOT,
    bench_env,
    gunicorn_command,
    manage,
    prepare_schema,
    recreate_database,
    setup_django,
    stop,
    wait_http,
)

DB = "concerto_bench_route"
PORT = 8931
READERS = 8


def _get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def measure(code_dir: Path, env: dict[str, str], pdf_path: str, seconds: float) -> dict[str, float]:
    base = f"http://{HOST}:{PORT}"
    cmd = gunicorn_command(PORT, worker_class="sync", workers=3, threads=1)
    log = ROOT / "var" / "bench" / f"gunicorn-{PORT}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as sink:
        proc = subprocess.Popen(cmd, cwd=code_dir, env=env, stdout=sink, stderr=sink)
    try:
        wait_http(f"{base}/sante/")
        for _ in range(5):
            _get(base + "/")
        alone = [_get(base + "/") for _ in range(40)]
        pdf_times: list[float] = []
        done = threading.Event()

        def reader() -> None:
            while not done.is_set():
                pdf_times.append(_get(base + pdf_path))

        threads = [threading.Thread(target=reader) for _ in range(READERS)]
        for thread in threads:
            thread.start()
        time.sleep(1.0)
        loaded: list[float] = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            loaded.append(_get(base + "/"))
        done.set()
        for thread in threads:
            thread.join()
    finally:
        stop(proc)
    return {
        "home alone p50": statistics.median(alone),
        "home alone p95": _pct(alone, 0.95),
        "home under load p50": statistics.median(loaded),
        "home under load p95": _pct(loaded, 0.95),
        "pdf p50": statistics.median(pdf_times),
        "pdf p95": _pct(pdf_times, 0.95),
        "pdf served": len(pdf_times),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, help="checkout of the code before the cache")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--rounds", type=int, default=2, help="alternate the codes this often")
    parser.add_argument("--reuse", action="store_true", help="keep the loaded database")
    args = parser.parse_args()
    env = bench_env(DB, var="bench-route")
    if not args.reuse:
        recreate_database(DB)
        prepare_schema(env)
        manage(env, "loaddemo", "--contributions", "50")
    setup_django(env)
    from concerto.events.models import Event

    walk = Event.objects.get(title="Parcours des solidarités", status=Event.Status.APPROVED)
    pdf_path = f"/demarches/{walk.process.slug}/agenda/{walk.slug}/parcours/fiche.pdf"
    runs = []
    if args.before is not None:
        runs.append(("rendered on every GET", args.before))
    runs.append(("cached per public version", ROOT))
    from bench.run import wait_for_quiet

    for _round in range(args.rounds):
        for label, code_dir in runs:
            busy = wait_for_quiet()
            load = Path("/proc/loadavg").read_text().split()[0]
            figures = measure(code_dir, env, pdf_path, args.seconds)
            shown = ", ".join(f"{k} {v:.0f}" for k, v in figures.items())
            print(f"{label} (load {load}, other CPU {busy:.0%}): {shown}", flush=True)


if __name__ == "__main__":
    main()
