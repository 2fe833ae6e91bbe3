"""make backup / make restore: bin/backup.sh then bin/restore.sh into an empty database.

The source is a real, committed database filled in a subprocess (contributions with
image and PDF attachments through contribution_submit); the backup is restored into a
fresh empty database and a fresh MEDIA_ROOT, then every row and every file is compared.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections

ROOT = Path(__file__).resolve().parents[2]
COUNT = 12
IS_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
CONTRIBUTIONS_SQL = (
    "SELECT id, receipt_number, submission_token, email, search_document, status "
    "FROM contributions_contribution ORDER BY id"
)
ANSWERS_SQL = "SELECT id, contribution_id, question_id, text FROM contributions_answer ORDER BY id"
ATTACHMENTS_SQL = (
    "SELECT id, contribution_id, file, size, original_name FROM contributions_attachment "
    "ORDER BY id"
)


def run(cmd: list[str], env: dict[str, str], timeout: int = 120) -> str:
    result = subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def app_env(database_url: str, media: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONCERTO_")}
    env.update(
        {
            "DATABASE_URL": database_url,
            "CONCERTO_MEDIA_ROOT": str(media),
            "DJANGO_SETTINGS_MODULE": "concerto.settings_test",
            "RESTORE_YES": "1",
        }
    )
    return env


def fill_source(env: dict[str, str]) -> dict[str, int]:
    summary = json.loads(run([sys.executable, "-m", "tests.ops._populate", str(COUNT)], env))
    assert summary == {"contributions": COUNT, "attachments": COUNT + (COUNT + 2) // 3}
    return summary


def backup(env: dict[str, str], backups: Path) -> Path:
    run(["bin/backup.sh"], {**env, "BACKUP_ROOT": str(backups)})
    (folder,) = [p for p in backups.iterdir() if p.is_dir()]
    assert not folder.name.endswith(".partial")
    return folder


def digests(media: Path, names: list[str]) -> dict[str, str]:
    return {name: hashlib.sha256((media / name).read_bytes()).hexdigest() for name in names}


def compare(rows_of, src_media: Path, dst_media: Path) -> None:
    """rows_of(side, sql) -> rows; the destination must hold exactly the source."""
    for sql in (CONTRIBUTIONS_SQL, ANSWERS_SQL, ATTACHMENTS_SQL):
        source = rows_of("src", sql)
        assert source, sql
        assert rows_of("dst", sql) == source
    files = [row[2] for row in rows_of("src", ATTACHMENTS_SQL)]
    assert len(files) == COUNT + (COUNT + 2) // 3
    assert digests(dst_media, files) == digests(src_media, files)


@pytest.fixture
def copy_test_schema(django_db_setup, django_db_blocker):
    """copy_test_schema(target): a database with every migration applied, copied from the
    test database (much faster than ``migrate`` in a subprocess); it holds no test data,
    which tests roll back or flush."""

    def copy(target: str | Path) -> None:
        with django_db_blocker.unblock():
            if connection.vendor == "postgresql":
                template = connection.settings_dict["NAME"]
                connections.close_all()  # CREATE DATABASE ... TEMPLATE needs it unused
                psql = admin_psql()
                # Connections left by other threads of this worker (a live server, the
                # concurrency tests) would also block the copy: end them.
                run(
                    [
                        *psql,
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "  # noqa: S608
                        f"WHERE datname = '{template}' AND pid <> pg_backend_pid()",
                    ],
                    dict(os.environ),
                )
                run([*psql, f'CREATE DATABASE "{target}" TEMPLATE "{template}"'], dict(os.environ))
            else:
                connection.ensure_connection()
                with sqlite3.connect(target) as copy_db:
                    connection.connection.backup(copy_db)

    return copy


def admin_psql() -> list[str]:
    return ["psql", f"{server_url()}/postgres", "-v", "ON_ERROR_STOP=1", "-qAtc"]


def server_url() -> str:
    base = settings.DATABASES["default"]
    return f"postgres://{base['USER']}@{base['HOST'] or '127.0.0.1'}:{base['PORT'] or 5432}"


@pytest.mark.postgres
@pytest.mark.skipif(
    not IS_POSTGRES,
    reason="pg_dump/pg_restore : PostgreSQL seulement (DATABASE_URL=postgres://…) ; "
    "la voie SQLite est testée par test_backup_restore_sqlite",
)
def test_backup_restore_postgres(tmp_path, copy_test_schema):
    server, psql = server_url(), admin_psql()
    names = {side: f"concerto_ops_{side}_{os.getpid()}" for side in ("src", "dst")}
    for name in names.values():
        run([*psql, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], dict(os.environ))
    copy_test_schema(names["src"])
    run([*psql, f'CREATE DATABASE "{names["dst"]}"'], dict(os.environ))  # empty
    src_media, dst_media = tmp_path / "src-media", tmp_path / "dst-media"
    src_env = app_env(f"{server}/{names['src']}", src_media)
    dst_env = app_env(f"{server}/{names['dst']}", dst_media)
    try:
        fill_source(src_env)
        folder = backup(src_env, tmp_path / "backups")
        assert sorted(p.name for p in folder.iterdir()) == [
            "SHA256SUMS",
            "db.dump",
            "media.tar.gz",
            "meta.txt",
        ]
        run(["bin/restore.sh", str(folder)], dst_env)

        def rows_of(side: str, sql: str) -> list[tuple[str, ...]]:
            db = f"{server}/{names[side]}"
            out = run(["psql", db, "-qAt", "-F", "\x1f", "-c", sql], dict(os.environ))
            return [tuple(line.split("\x1f")) for line in out.splitlines()]

        compare(rows_of, src_media, dst_media)
        # A second restore over the restored database (--clean --if-exists) is harmless.
        run(["bin/restore.sh", str(folder)], dst_env)
        compare(rows_of, src_media, dst_media)
        assert list(tmp_path.glob("dst-media.avant-restauration-*"))  # old files kept aside
    finally:
        for name in names.values():
            run([*psql, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], dict(os.environ))


@pytest.mark.skipif(IS_POSTGRES, reason="la voie SQLite de bin/backup.sh (DATABASE_URL sqlite)")
def test_backup_restore_sqlite(tmp_path, copy_test_schema):
    src_db, dst_db = tmp_path / "src.sqlite3", tmp_path / "restored" / "dst.sqlite3"
    copy_test_schema(src_db)
    src_media, dst_media = tmp_path / "src-media", tmp_path / "dst-media"
    src_env = app_env(f"sqlite:///{src_db}", src_media)
    fill_source(src_env)
    folder = backup(src_env, tmp_path / "backups")
    assert (folder / "db.sqlite3").is_file()
    run(["bin/restore.sh", str(folder)], app_env(f"sqlite:///{dst_db}", dst_media))

    def rows_of(side: str, sql: str) -> list[tuple[object, ...]]:
        with sqlite3.connect(src_db if side == "src" else dst_db) as db:
            return db.execute(sql).fetchall()

    compare(rows_of, src_media, dst_media)


def test_restore_refuses_a_tampered_backup(tmp_path):
    src_db = tmp_path / "src.sqlite3"
    sqlite3.connect(src_db).execute("CREATE TABLE t (x)").connection.commit()
    env = app_env(f"sqlite:///{src_db}", tmp_path / "media")
    folder = backup(env, tmp_path / "backups")
    with (folder / "media.tar.gz").open("ab") as handle:
        handle.write(b"x")
    result = subprocess.run(
        ["bin/restore.sh", str(folder)],
        cwd=ROOT,
        env=app_env(f"sqlite:///{tmp_path / 'dst.sqlite3'}", tmp_path / "dst-media"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "altérée" in result.stderr
    assert not (tmp_path / "dst.sqlite3").exists()
