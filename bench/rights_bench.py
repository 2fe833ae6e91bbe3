"""Access to rights: OpenFisca-France Web API latency and memory (bench/RESULTS.md).

Starts tools/openfisca/serve.sh on a free loopback port (stopped by its process group at
the end), warms it, then measures: one diagnostic (the reference household 09, warm, N
times), a batch of BATCH households in one request (the 13 reference households repeated),
and the resident memory (RSS) of the service's processes. Also the CPU load average, since
the machine is shared. Usage: .venv/bin/python bench/rights_bench.py [--runs 5] [--batch 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concerto.settings_test")

import django  # noqa: E402

django.setup()

from django.test import override_settings  # noqa: E402

from concerto.rights.engine import diagnose, diagnose_many  # noqa: E402
from concerto.rights.household import parse_household  # noqa: E402

HOUSEHOLDS = sorted((ROOT / "concerto" / "rights" / "reference").glob("*.json"))


def rss_mb(pid: int) -> float:
    """RSS of a process and its children, in MB (from /proc)."""
    pids = [pid]
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    pids += [int(p) for p in out.stdout.split()]
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    server = subprocess.Popen(
        [str(ROOT / "tools/openfisca/serve.sh"), str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    households = [parse_household(json.loads(f.read_text())) for f in HOUSEHOLDS]
    one = households[8]
    results: dict[str, object] = {"load_before": os.getloadavg()}
    try:
        with override_settings(
            CONCERTO_OPENFISCA_URL=url,
            CONCERTO_OPENFISCA_TIMEOUT=600,
            CONCERTO_OPENFISCA_BATCH_TIMEOUT=1800,
        ):
            while True:
                try:
                    urllib.request.urlopen(f"{url}/spec", timeout=5)
                    break
                except OSError:
                    time.sleep(0.5)
            results["spec_ready_s"] = round(time.monotonic() - started, 1)
            results["rss_idle_mb"] = round(rss_mb(server.pid), 0)
            t = time.monotonic()
            diagnose(one)
            results["first_diagnostic_s"] = round(time.monotonic() - t, 2)
            timings = []
            for _ in range(args.runs):
                t = time.monotonic()
                diagnose(one)
                timings.append(time.monotonic() - t)
            results["warm_diagnostic_s"] = {
                "median": round(statistics.median(timings), 2),
                "min": round(min(timings), 2),
                "max": round(max(timings), 2),
                "runs": args.runs,
            }
            results["rss_after_diagnostics_mb"] = round(rss_mb(server.pid), 0)
            print(json.dumps(results), flush=True)
            for size in args.batch:
                batch = [households[i % len(households)] for i in range(size)]
                t = time.monotonic()
                answers = diagnose_many(batch)
                results[f"batch_{len(answers)}_s"] = round(time.monotonic() - t, 2)
                results[f"rss_after_batch_{size}_mb"] = round(rss_mb(server.pid), 0)
                results[f"load_after_batch_{size}"] = os.getloadavg()
                print(json.dumps(results), flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
