"""What the handlers really print has no personal data (issue 11 §5): tracebacks, stack
traces, URL-encoded query strings, runserver's request lines, gunicorn's access log."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from django.test import Client

from concerto.core.logging import ScrubPersonalData
from tests.core.error_urls import EMAIL, PHONE
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
ENCODED_QUERY = "q=jean.dupont-erreur%40exemple.test&tel=06%2012%2034%2056%2078&p=06+12+34+56+78"
LEAKS = (EMAIL, "jean.dupont-erreur%40", PHONE, "06%2012", "06+12+34", "0612345678")


@pytest.fixture
def printed() -> Iterator[io.StringIO]:
    """Everything the project's scrubbing handlers (root and runserver's) print."""
    buffer = io.StringIO()
    handlers = [
        handler
        for name in ("", "django.server")
        for handler in logging.getLogger(name).handlers
        if any(isinstance(f, ScrubPersonalData) for f in handler.filters)
    ]
    assert len(handlers) == 2, "the console and django.server handlers of settings.LOGGING"
    old = [handler.setStream(buffer) for handler in handlers]  # type: ignore[attr-defined]
    yield buffer
    for handler, stream in zip(handlers, old, strict=True):
        handler.setStream(stream)  # type: ignore[attr-defined]


def assert_no_leak(text: str) -> None:
    for value in LEAKS:
        assert value not in text, value


@pytest.mark.django_db
@pytest.mark.urls("tests.core.error_urls")
def test_an_error_with_an_email_and_a_phone_logs_none_of_them(printed):
    UserFactory(email=EMAIL)
    client = Client(raise_request_exception=False)
    response = client.get(f"/erreur/?{ENCODED_QUERY}")
    assert response.status_code == 500
    text = printed.getvalue()
    # The traceback is there (both exceptions, the stack of the warning), scrubbed.
    assert "Internal Server Error: /erreur/" in text
    assert "IntegrityError" in text and "RuntimeError: Inscription impossible pour" in text
    assert "Stack (most recent call last)" in text
    assert "[courriel masqué]" in text and "[téléphone masqué]" in text
    assert_no_leak(text)


def test_runserver_request_lines_are_scrubbed(printed):
    handler = WSGIRequestHandler.__new__(WSGIRequestHandler)  # as runserver logs a request
    handler.request = None
    handler.log_message(
        '"%s" %s %s', f"GET /demarches/x/contributions/?{ENCODED_QUERY} HTTP/1.1", "200", "512"
    )
    text = printed.getvalue()
    assert "GET /demarches/x/contributions/?q=[courriel masqué]" in text
    assert_no_leak(text)


def test_a_record_keeps_no_raw_exception_for_other_handlers():
    try:
        raise ValueError(f"Key (email)=({EMAIL}) already exists, tel {PHONE}")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "échec", None, sys.exc_info())
    record.stack_info = f'  File "x.py", line 3\n    notify("{EMAIL}")'
    ScrubPersonalData().filter(record)
    assert record.exc_info is None  # no handler can format the raw exception again
    assert (
        record.exc_text is not None
        and "ValueError: Key (email)=([courriel masqué])" in record.exc_text
    )
    formatted = logging.Formatter().format(record)
    assert_no_leak(formatted)
    assert "[courriel masqué]" in formatted


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("?q=jean%40exemple.fr", "?q=[courriel masqué]"),
        ("?q=jean%2540exemple.fr", "?q=[courriel masqué]"),  # encoded twice
        ("?tel=%2B33612345678", "?tel=[téléphone masqué]"),
        ("?tel=06+12+34+56+78", "?tel=[téléphone masqué]"),
        ("?tel=06.12.34.56.78", "?tel=[téléphone masqué]"),
        ("?page=2&tri=-date&q=aide+alimentaire", "?page=2&tri=-date&q=aide+alimentaire"),
        (
            "expiré avant 2026-12-02 11:39:05.123456+00:00",
            "expiré avant 2026-12-02 11:39:05.123456+00:00",
        ),
        (
            "Not Found: /suivi/desabonnement/eyJjIjoxfQ:1tQxYz:Zm9vYmFy/",
            "Not Found: /suivi/desabonnement/[jeton]/",
        ),
        ("/suivi/ASN-2022-000123/", "/suivi/ASN-2022-000123/"),
    ],
)
def test_scrub_reads_url_encoded_text(raw, expected):
    from concerto.core.logging import scrub

    assert scrub(raw) == expected


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_gunicorn_access_log_has_no_personal_data(tmp_path):
    """The shipped configuration, in a real gunicorn: no IP, no query string, no user
    agent, no referer, tokens and addresses in the path masked."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONCERTO_", "DJANGO_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "concerto.settings_test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'vide.sqlite3'}",
        }
    )
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen(
        [
            gunicorn,
            "-c",
            "python:concerto.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    token = "eyJjIjoxLCJrIjoiYWJjZGVmIn0:1tQxYz:Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5"
    paths = [f"/sante/?{ENCODED_QUERY}", f"/suivi/desabonnement/{token}/", f"/x/{EMAIL}/"]
    try:
        for attempt in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/sante/", timeout=5)
                break
            except OSError:
                if server.poll() is not None or attempt == 99:
                    raise
                time.sleep(0.2)
        for path in paths:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}",
                headers={
                    "User-Agent": "Navigateur-de-Jean-Dupont",
                    "Referer": f"http://127.0.0.1/?{ENCODED_QUERY}",
                    "X-Forwarded-For": "198.51.100.77",
                },
            )
            with contextlib.suppress(urllib.error.HTTPError):  # a 404, a 500: logged too
                urllib.request.urlopen(request, timeout=10)
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    access = [line for line in out.splitlines() if '"GET ' in line]
    # The start-up probe may have been sent more than once on a loaded machine.
    probes, requests = access[: -len(paths)], access[-len(paths) :]
    assert probes and all('"GET /sante/ HTTP/1.1"' in line for line in probes), out
    assert len(requests) == len(paths), out
    assert '"GET /sante/ HTTP/1.1" 200' in out
    assert '"GET /suivi/desabonnement/[jeton]/ HTTP/1.1"' in out
    assert '"GET /x/[courriel masqué]/ HTTP/1.1"' in out
    for value in (*LEAKS, "Navigateur", "?q=", token):
        assert value not in out + err, value
    for value in ("127.0.0.1", "198.51.100.77"):  # no client IP in the access log
        assert value not in "\n".join(access), value
