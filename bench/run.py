"""End-to-end bench driver: database, gunicorn and locust on 127.0.0.1, bounded in time.

    .venv/bin/python bench/run.py setup                 # concerto_bench + 20,000 contributions
    .venv/bin/python bench/run.py reads --server gthread --duration 60
    .venv/bin/python bench/run.py rush                  # 200 residents, 60 s, then checks
    .venv/bin/python bench/run.py crash                 # SIGKILL workers mid-upload, then checks

Every locust run has a --run-time and a hard subprocess timeout; gunicorn is stopped by
its pid when a command ends. Results land in var/bench/results/*.json and are printed as
Markdown tables (copied into bench/RESULTS.md).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    BENCH_SLUG,
    HOST,
    PYTHON,
    ROOT,
    VENV_BIN,
    bench_env,
    gunicorn,
    prepare_schema,
    recreate_database,
    setup_django,
    worker_pids,
)

RESULTS = ROOT / "var" / "bench" / "results"
# Wait for an idle machine before each measured run (other jobs may share the machine).
QUIET = os.environ.get("BENCH_WAIT_QUIET", "1") == "1"
READ_SCENARIOS = ["home", "process", "list", "list_filtered", "list_search", "detail"]
EVENT_SCENARIOS = ["agenda", "agenda_month", "ics"]  # after bench/load_events.py
SERVERS = {
    "sync3": {"worker_class": "sync", "workers": 3, "threads": 1},
    "sync5": {"worker_class": "sync", "workers": 5, "threads": 1},
    "gthread": {"worker_class": "gthread", "workers": 2, "threads": 4},
}
STOPWORDS = set(
    [
        "il",
        "faut",
        "faire",
        "plus",
        "pour",
        "dans",
        "avec",
        "sans",
        "sont",
        "être",
        "avoir",
        "leur",
        "leurs",
        "nous",
        "vous",
        "elles",
        "cette",
        "entre",
        "comme",
        "aussi",
        "tous",
        "toutes",
        "tout",
        "très",
        "autres",
        "avant",
        "après",
        "encore",
        "depuis",
        "dont",
        "moins",
        "bien",
        "ainsi",
        "celle",
        "celles",
        "ceux",
        "lorsque",
        "notre",
        "votre",
        "quand",
        "alors",
        "chaque",
        "afin",
    ]
)


# --- fixture for locust ------------------------------------------------------------------
def png_bytes(size: int) -> bytes:
    """A valid PNG of random pixels (it survives the upload check and its re-encoding)."""
    from PIL import Image

    image = Image.frombytes("RGB", (size, size), os.urandom(size * size * 3))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def write_fixture(db: str, args: argparse.Namespace, *, png_size: int = 64) -> Path:
    from concerto.contributions.models import Contribution
    from concerto.processes.models import Process

    process = Process.objects.get(slug=BENCH_SLUG)
    rng = random.Random(7)
    receipts = list(
        Contribution.objects.filter(process=process, status="published").values_list(
            "receipt_number", flat=True
        )
    )
    texts = list(
        Contribution.objects.filter(process=process)
        .exclude(search_document="")
        .values_list("search_document", flat=True)[:5000]
    )
    if not texts:  # empty process (rush, crash): read the real texts from shared data
        from bench.load_data import read_texts

        texts = read_texts()
    words: list[str] = []
    while len(words) < 300:
        tokens = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]{6,}", rng.choice(texts).lower())
        tokens = [t for t in tokens if t not in STOPWORDS]
        if not tokens:
            continue
        start = rng.randrange(len(tokens))
        words.append(" ".join(tokens[start : start + (2 if rng.random() < 0.2 else 1)]))
    neighbourhoods = list(process.neighbourhoods.order_by("order"))
    by_value = {
        "slug": [n.slug for n in neighbourhoods],
        "pk": [str(n.pk) for n in neighbourhoods],
    }
    fixture = {
        "slug": process.slug,
        "receipt_prefix": process.receipt_prefix,
        "receipts": rng.sample(receipts, min(len(receipts), 5000)),
        "neighbourhood_param": args.neighbourhood_param,
        "neighbourhoods": by_value[args.neighbourhood_value],
        "neighbourhood_pks": by_value["pk"],
        "question_param": args.question_param,
        "questions": [q.number for q in process.questions.order_by("number")],
        "question_filter_values": [
            str(q.pk) if args.question_value == "pk" else str(q.number)
            for q in process.questions.order_by("number")
        ],
        "search_param": args.search_param,
        "words": words,
        "texts": rng.sample(texts, min(len(texts), 2000)),
        "png_hex": png_bytes(png_size).hex(),
    }
    path = RESULTS / f"fixture-{db}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(fixture, ensure_ascii=False))
    return path


# --- measuring -----------------------------------------------------------------------------
def cpu_times() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu() -> dict[int, tuple[int, str, float]]:
    """pid -> (ppid, name, CPU seconds) of every process, from /proc."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat.rsplit(")", 1)[1].split()
        table[int(entry.name)] = (
            int(fields[1]),
            name,
            (int(fields[11]) + int(fields[12])) / CLOCK_TICKS,
        )
    return table


def cpu_split(before: dict[int, tuple[int, str, float]]) -> dict[str, float]:
    """CPU seconds used since ``before`` by this driver's process tree (gunicorn), by
    PostgreSQL and by everything else alive at both ends."""
    after = process_cpu()
    me = os.getpid()

    def mine(pid: int) -> bool:
        seen = 0
        while pid > 1 and seen < 50:
            if pid == me:
                return True
            pid = after.get(pid, before.get(pid, (1, "", 0.0)))[0]
            seen += 1
        return False

    split = {"server": 0.0, "postgres": 0.0, "others": 0.0}
    for pid, (_, name, cpu) in after.items():
        delta = cpu - before[pid][2] if pid in before else cpu
        if pid == me or name == "locust":
            continue
        key = "server" if mine(pid) else "postgres" if name.startswith("postgres") else "others"
        split[key] += max(0.0, delta)
    return {key: round(value, 1) for key, value in split.items()}


def background_busy(seconds: float = 2.0) -> float:
    """Share of the machine's CPU busy over ``seconds`` (others' jobs share this machine)."""
    before = cpu_times()
    time.sleep(seconds)
    after = cpu_times()
    return (after[0] - before[0]) / max(1, after[1] - before[1])


def wait_for_quiet(
    limit: float = 0.25, timeout: float = float(os.environ.get("BENCH_QUIET_TIMEOUT", "180"))
) -> float:
    """Wait (bounded) until the machine is mostly idle; return the last busy share seen."""
    deadline = time.monotonic() + timeout
    busy = background_busy()
    while busy > limit and time.monotonic() < deadline:
        print(f"machine occupée ({busy:.0%} CPU) : attente…", flush=True)
        time.sleep(5)
        busy = background_busy()
    return busy


def run_locust(
    *,
    port: int,
    user_class: str,
    scenario: str,
    users: int,
    duration: int,
    fixture: Path,
    tag: str,
    extra_env: dict[str, str] | None = None,
    spawn_rate: int | None = None,
) -> dict[str, Any]:
    prefix = RESULTS / tag
    out = RESULTS / f"{tag}-seen.json"
    env = dict(os.environ)
    env.update({"BENCH_SCENARIO": scenario, "BENCH_FIXTURE": str(fixture), "BENCH_OUT": str(out)})
    env.update(extra_env or {})
    cmd = [
        str(VENV_BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        user_class,
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(spawn_rate or users),
        "--run-time",
        f"{duration}s",
        "--stop-timeout",
        "10",
        "--host",
        f"http://{HOST}:{port}",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    idle_busy = wait_for_quiet() if QUIET else background_busy(1.0)
    load_before = Path("/proc/loadavg").read_text().split()[0]
    before_cpu, before_self = cpu_times(), resource.getrusage(resource.RUSAGE_CHILDREN)
    before_procs = process_cpu()
    began = time.monotonic()
    subprocess.run(cmd, cwd=ROOT, env=env, timeout=duration + 90, check=False)
    elapsed = time.monotonic() - began
    after_cpu, after_self = cpu_times(), resource.getrusage(resource.RUSAGE_CHILDREN)
    split = cpu_split(before_procs)
    busy = (after_cpu[0] - before_cpu[0]) / max(1, after_cpu[1] - before_cpu[1])
    locust_cpu = (after_self.ru_utime + after_self.ru_stime) - (
        before_self.ru_utime + before_self.ru_stime
    )
    rows = []
    with Path(f"{prefix}_stats.csv").open() as handle:
        for row in csv.DictReader(handle):
            rows.append(
                {
                    "name": row["Name"],
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": float(row["Requests/s"]),
                    "p50": row["50%"],
                    "p95": row["95%"],
                    "p99": row["99%"],
                    "max": row["Max Response Time"],
                }
            )
    result = {
        "tag": tag,
        "scenario": scenario,
        "users": users,
        "duration": duration,
        "elapsed": round(elapsed, 1),
        "machine_cpu_busy": round(busy, 3),
        "busy_before_run": round(idle_busy, 3),
        "loadavg1_before": load_before,
        "locust_cpu_seconds": round(locust_cpu, 1),
        "cpu_seconds": {**split, "locust": round(locust_cpu, 1)},
        "machine_busy_seconds": round((after_cpu[0] - before_cpu[0]) / CLOCK_TICKS, 1),
        "rows": rows,
        "seen": json.loads(out.read_text()) if out.exists() else None,
    }
    (RESULTS / f"{tag}.json").write_text(json.dumps(result, indent=1))
    return result


def cpu_text(result: dict[str, Any]) -> str:
    cpu = result.get("cpu_seconds")
    if not cpu:
        return str(result["locust_cpu_seconds"])
    return f"{cpu['server']}/{cpu['postgres']}/{cpu['locust']}/{cpu['others']}"


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| scenario | endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | failures "
        "| CPU busy | busy before | CPU s server/PG/locust/others |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for result in results:
        for row in result["rows"]:
            if row["name"] == "Aggregated" and len(result["rows"]) == 2:
                continue
            lines.append(
                f"| {result['scenario']} | {row['name']} | {row['requests']} | {row['rps']:.1f} "
                f"| {row['p50']} | {row['p95']} | {row['p99']} | {float(row['max']):.0f} "
                f"| {row['failures']} | {result['machine_cpu_busy']:.0%} "
                f"| {result.get('busy_before_run', 0):.0%} "
                f"| {cpu_text(result)} |"
            )
    return "\n".join(lines)


# --- commands ------------------------------------------------------------------------------
def load_data(env: dict[str, str], count: int) -> None:
    subprocess.run(
        [PYTHON, "bench/load_data.py", "--contributions", str(count), "--reset"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=900,
    )


def cmd_setup(args: argparse.Namespace) -> None:
    env = bench_env(args.db)
    recreate_database(args.db)
    prepare_schema(env)
    load_data(env, args.contributions)


def cmd_reads(args: argparse.Namespace) -> None:
    env = bench_env(args.db)
    prepare_schema(env)  # the tree moves: apply new migrations, collect new static files
    setup_django(env)
    fixture = write_fixture(args.db, args)
    results = []
    for server in args.server:
        log = ROOT / "var" / "bench" / f"gunicorn-{server}.log"
        with gunicorn(env, args.port, log=log, **SERVERS[server]):  # type: ignore[arg-type]
            # Warm up every worker (templates, connections) before measuring.
            run_locust(
                port=args.port, user_class="ReadUser", scenario="mixed", users=args.users,
                duration=5, fixture=fixture, tag=f"{server}-warmup",
            )  # fmt: skip
            for scenario in args.scenarios:
                if scenario == "post":
                    user_class, users = "WriteUser", args.users
                else:
                    user_class, users = "ReadUser", args.users
                result = run_locust(
                    port=args.port,
                    user_class=user_class,
                    scenario=scenario,
                    users=users,
                    duration=args.duration,
                    fixture=fixture,
                    tag=f"{server}-{scenario}",
                )
                result["server"] = server
                (RESULTS / f"{server}-{scenario}.json").write_text(json.dumps(result, indent=1))
                results.append(result)
                print(table([result]).splitlines()[-1], flush=True)
        print(f"\n### {server}: {' '.join(map(str, SERVERS[server].values()))}\n")
        print(table([r for r in results if r["server"] == server]))


def check_submissions(seen: dict[str, Any], *, files: bool) -> dict[str, Any]:
    """Compare what the clients were told with what PostgreSQL holds."""
    from django.db.models import Count

    from concerto.contributions.models import Attachment, Contribution
    from concerto.processes.models import Process

    process = Process.objects.get(slug=BENCH_SLUG)
    contributions = Contribution.objects.filter(process=process)
    by_token = {str(c.submission_token): c for c in contributions.prefetch_related("answers")}
    accepted = seen["accepted"]
    missing = [e["token"] for e in accepted if e["token"] not in by_token]
    wrong_receipt = [
        e["token"]
        for e in accepted
        if e["token"] in by_token
        and e.get("receipt")
        and e["receipt"] != by_token[e["token"]].receipt_number
    ]
    unread = [e["token"] for e in accepted if "receipt" in e and not e["receipt"]]
    doubles = [e for e in accepted if e["posts"] == 2]
    double_split = [e["token"] for e in doubles if len(e["locations"]) != 1]
    numbers = sorted(int(c.receipt_number.rsplit("-", 1)[1]) for c in by_token.values())
    tokens = contributions.values("submission_token").annotate(n=Count("id")).filter(n__gt=1)
    no_answer = [c.receipt_number for c in by_token.values() if not list(c.answers.all())]
    report: dict[str, Any] = {
        "forms_accepted_by_clients": len(accepted),
        "double_submits": len(doubles),
        "double_submits_both_redirected": sum(1 for e in doubles if e["accepted"] == 2),
        "double_submits_split_locations": len(double_split),
        "http_statuses_of_posts": seen["statuses"],
        "contributions_in_db": len(by_token),
        "accepted_missing_in_db": len(missing),
        "receipt_on_thanks_page_differs": len(wrong_receipt),
        "thanks_page_not_read_by_client": len(unread),
        "duplicate_tokens_in_db": tokens.count(),
        "contributions_without_answer": len(no_answer),
        "receipts_unique": len(set(numbers)) == len(numbers),
        "receipts_contiguous_1_to_n": numbers == list(range(1, len(numbers) + 1)),
        "process_receipt_counter": Process.objects.get(pk=process.pk).receipt_counter,
        "db_rows_not_acknowledged_to_a_client": len(set(by_token) - {e["token"] for e in accepted}),
    }
    if files:
        from django.conf import settings

        attachments = Attachment.objects.filter(contribution__process=process)
        referenced = set(attachments.values_list("file", flat=True))
        root = Path(settings.MEDIA_ROOT)
        missing_files = [
            a.file.name
            for a in attachments
            if not (root / a.file.name).is_file() or (root / a.file.name).stat().st_size != a.size
        ]
        on_disk = {
            str(p.relative_to(root))
            for p in (root / "private" / "attachments").glob("*")
            if p.is_file()
        }
        report.update(
            {
                "attachments_in_db": len(referenced),
                "attachment_files_missing_or_truncated": len(missing_files),
                "files_on_disk": len(on_disk),
                "orphan_files": sorted(on_disk - referenced),
            }
        )
    return report


def fresh_process_db(db: str, var: str) -> dict[str, str]:
    env = bench_env(db, var=var)
    media = Path(env["CONCERTO_MEDIA_ROOT"])
    if media.is_dir() and media.parent.name == var:  # only our own var/<bench> folder
        shutil.rmtree(media)
    recreate_database(db)
    prepare_schema(env)
    load_data(env, 0)
    return env


def cmd_rush(args: argparse.Namespace) -> None:
    env = fresh_process_db(args.db, "bench-rush")
    setup_django(env)
    fixture = write_fixture(args.db, args)
    log = ROOT / "var" / "bench" / "gunicorn-rush.log"
    with gunicorn(env, args.port, log=log, **SERVERS[args.server]):  # type: ignore[arg-type]
        result = run_locust(
            port=args.port,
            user_class="WriteUser",
            scenario="rush",
            users=args.users,
            spawn_rate=args.users // 5,
            duration=args.duration,
            fixture=fixture,
            tag=f"rush-{args.server}-{args.wait[0]:g}-{args.wait[1]:g}",
            extra_env={
                "BENCH_DOUBLE_SHARE": str(args.double_share),
                "BENCH_WAIT_MIN": str(args.wait[0]),
                "BENCH_WAIT_MAX": str(args.wait[1]),
            },
        )
    report = check_submissions(result["seen"], files=False)
    result["checks"] = report
    result["server"] = args.server
    result["wait"] = args.wait
    (RESULTS / f"{result['tag']}.json").write_text(json.dumps(result, indent=1))
    print(table([result]))
    print(json.dumps(report, indent=1))


def cmd_crash(args: argparse.Namespace) -> None:
    env = fresh_process_db(args.db, "bench-crash")
    setup_django(env)
    fixture = write_fixture(args.db, args, png_size=args.png_size)
    log = ROOT / "var" / "bench" / "gunicorn-crash.log"
    kills: list[dict[str, Any]] = []
    with gunicorn(env, args.port, log=log, **SERVERS[args.server]) as master:  # type: ignore[arg-type]
        stop = threading.Event()

        def kill_one(rng: random.Random, how: str) -> None:
            pids = worker_pids(master.pid)
            if pids:
                victim = rng.choice(pids)
                os.kill(victim, signal.SIGKILL)
                kills.append({"t": round(time.monotonic() - began, 2), "pid": victim, "how": how})

        def stalled_kill(rng: random.Random) -> None:
            """Hold the process row lock so submissions stop at the receipt counter, after
            their files are written and before their commit, then kill one worker there.
            (NO KEY UPDATE: the contribution INSERTs, which take KEY SHARE on the row
            through their foreign key, go on; the counter UPDATE waits.)"""
            import psycopg

            with psycopg.connect(env["DATABASE_URL"].replace("postgres://", "postgresql://")) as db:
                db.execute(
                    "SELECT 1 FROM processes_process WHERE slug = %s FOR NO KEY UPDATE",
                    [BENCH_SLUG],
                )
                stop.wait(args.stall)
                kill_one(rng, "stalled-before-commit")
                stop.wait(0.3)
                db.rollback()

        def killer() -> None:
            rng = random.Random(11)
            stop.wait(args.first_kill)
            for number in range(args.kills + args.stalled_kills):
                if stop.is_set():
                    return
                if number < args.kills:
                    kill_one(rng, "random")
                else:
                    stalled_kill(rng)
                stop.wait(rng.uniform(1.0, args.kill_every * 2 - 1.0))

        began = time.monotonic()
        thread = threading.Thread(target=killer, daemon=True)
        thread.start()
        result = run_locust(
            port=args.port,
            user_class="WriteUser",
            scenario="crash",
            users=args.users,
            duration=args.duration,
            fixture=fixture,
            tag="crash",
            extra_env={"BENCH_ATTACH_SHARE": "1", "BENCH_DOUBLE_SHARE": "0.1"},
        )
        stop.set()
        thread.join(timeout=10)
    report = check_submissions(result["seen"], files=True)
    report["sigkills"] = kills
    purge = subprocess.run(
        [PYTHON, "manage.py", "purge_orphan_files", "--min-age", "0"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    report["purge_output"] = (purge.stdout + purge.stderr).strip()
    after = check_submissions(result["seen"], files=True)
    report["after_purge"] = {
        "orphan_files": len(after["orphan_files"]),
        "attachment_files_missing_or_truncated": after["attachment_files_missing_or_truncated"],
    }
    result["checks"] = report
    (RESULTS / "crash.json").write_text(json.dumps(result, indent=1))
    print(table([result]))
    print(json.dumps(report, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description="Concerto bench (loopback only, bounded).")
    sub = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--port", type=int, default=8765)
    common.add_argument("--neighbourhood-param", default="neighbourhood")
    common.add_argument("--neighbourhood-value", choices=["slug", "pk"], default="pk")
    common.add_argument("--question-param", default="question")
    common.add_argument("--question-value", choices=["number", "pk"], default="pk")
    common.add_argument("--search-param", default="q")

    setup = sub.add_parser("setup", parents=[common])
    setup.add_argument("--db", default="concerto_bench")
    setup.add_argument("--contributions", type=int, default=20_000)

    reads = sub.add_parser("reads", parents=[common])
    reads.add_argument("--db", default="concerto_bench")
    reads.add_argument("--server", nargs="+", choices=list(SERVERS), default=["gthread"])
    reads.add_argument("--users", type=int, default=16)
    reads.add_argument("--duration", type=int, default=60)
    reads.add_argument(
        "--scenarios", nargs="+", default=[*READ_SCENARIOS, "mixed", "post"],
        choices=[*READ_SCENARIOS, *EVENT_SCENARIOS, "mixed", "post"],
    )  # fmt: skip

    rush = sub.add_parser("rush", parents=[common])
    rush.add_argument("--db", default="concerto_bench_rush")
    rush.add_argument("--server", choices=list(SERVERS), default="gthread")
    rush.add_argument("--users", type=int, default=200)
    rush.add_argument("--duration", type=int, default=60)
    rush.add_argument("--double-share", type=float, default=0.2)
    rush.add_argument(
        "--wait", nargs=2, type=float, default=[0.5, 3.0], metavar=("MIN", "MAX"),
        help="think time of a resident between two submissions, in seconds",
    )  # fmt: skip

    crash = sub.add_parser("crash", parents=[common])
    crash.add_argument("--db", default="concerto_bench_crash")
    crash.add_argument("--server", choices=list(SERVERS), default="sync3")
    crash.add_argument("--users", type=int, default=24)
    crash.add_argument("--duration", type=int, default=40)
    crash.add_argument("--kills", type=int, default=6, help="SIGKILL at random moments")
    crash.add_argument(
        "--stalled-kills", type=int, default=3, help="SIGKILL while commits are held back"
    )
    crash.add_argument("--stall", type=float, default=1.5)
    crash.add_argument("--first-kill", type=float, default=5.0)
    crash.add_argument("--kill-every", type=float, default=4.0)
    crash.add_argument("--png-size", type=int, default=128)

    args = parser.parse_args()
    if args.db and not args.db.startswith("concerto_bench"):
        parser.error("--db doit commencer par concerto_bench")
    {"setup": cmd_setup, "reads": cmd_reads, "rush": cmd_rush, "crash": cmd_crash}[args.command](
        args
    )


if __name__ == "__main__":
    main()
