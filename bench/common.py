"""Shared helpers for the bench drivers: environment, databases, gunicorn on loopback.

Everything listens on 127.0.0.1 only; every server started here is stopped by its pid.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python")
DATA_DIR = Path(os.environ.get("CONCERTO_BENCH_DATA", str(ROOT.parent / "shared" / "data")))
PG_ADMIN_URL = os.environ.get("CONCERTO_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
HOST = "127.0.0.1"
BENCH_SLUG = "banc-d-essai"


def bench_env(db_name: str, *, var: str = "bench", **extra: str) -> dict[str, str]:
    """The production-like environment of a benchmark run (DEBUG off, no rate limit)."""
    work = ROOT / "var" / var
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "concerto.settings",
            "DATABASE_URL": f"{PG_ADMIN_URL}/{db_name}",
            "CONCERTO_DEBUG": "0",
            "CONCERTO_SECRET_KEY": "bench-only-secret-key-" + "k" * 40,
            "CONCERTO_PSEUDONYM_KEY": "bench-only-pseudonym-key-" + "p" * 40,
            "CONCERTO_ALLOWED_HOSTS": HOST,
            "CONCERTO_SSL_REDIRECT": "0",
            "CONCERTO_SECURE_COOKIES": "0",
            "CONCERTO_HSTS_SECONDS": "0",
            "CONCERTO_RATELIMIT_ENABLED": "0",
            "CONCERTO_LOG_LEVEL": "WARNING",
            "CONCERTO_STATIC_ROOT": str(work / "static"),
            "CONCERTO_MEDIA_ROOT": str(work / "media"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


def psql(sql: str, db: str = "postgres") -> str:
    out = subprocess.run(
        ["psql", f"{PG_ADMIN_URL}/{db}", "-v", "ON_ERROR_STOP=1", "-Atc", sql],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return out.stdout.strip()


def _checked_name(name: str) -> str:
    if not re.fullmatch(r"concerto_(bench|ops)[a-z0-9_]*", name):
        raise ValueError(f"nom de base refusé : {name}")
    return name


def recreate_database(name: str) -> None:
    name = _checked_name(name)
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{name}"')


def database_exists(name: str) -> bool:
    name = _checked_name(name)
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"  # noqa: S608


def manage(env: dict[str, str], *args: str, timeout: int = 600) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=timeout)


def prepare_schema(env: dict[str, str]) -> None:
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput", "-v", "0")


def wait_http(url: str, *, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError) as exc:
            last = exc
        time.sleep(0.2)
    raise RuntimeError(f"{url} ne répond pas : {last}")


def gunicorn_command(port: int, *, worker_class: str, workers: int, threads: int) -> list[str]:
    cmd = [
        str(VENV_BIN / "gunicorn"),
        "concerto.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        worker_class,
        "--timeout",
        "30",
        "--graceful-timeout",
        "5",
        "--log-level",
        "warning",
    ]
    if worker_class == "gthread":
        # Keep idle connections longer than the think time of the rush residents (3 s).
        cmd += ["--threads", str(threads), "--keep-alive", "5"]
    return cmd


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str],
    port: int,
    *,
    worker_class: str = "sync",
    workers: int = 3,
    threads: int = 4,
    log: Path | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    cmd = gunicorn_command(port, worker_class=worker_class, workers=workers, threads=threads)
    log = log or ROOT / "var" / "bench" / f"gunicorn-{port}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as sink:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=sink, stderr=sink)
    try:
        wait_http(f"http://{HOST}:{port}/sante/")
        yield proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def worker_pids(master_pid: int) -> list[int]:
    """The gunicorn workers of one master (its direct children), read from /proc."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may contain spaces, so split after the last ')'.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == master_pid:
            pids.append(int(entry.name))
    return sorted(pids)


def setup_django(env: dict[str, str]) -> None:
    """Configure Django in this process with ``env`` (for checks after a run)."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
