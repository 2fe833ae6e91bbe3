"""The OpenFisca-France Web API, started once per test session (tools/openfisca/serve.sh on
a free loopback port) and warmed by a first calculation: the tests call the real service."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
SERVE = ROOT / "tools" / "openfisca" / "serve.sh"
VENV = ROOT / "var" / "openfisca-venv"
START_SECONDS = 240  # under a loaded machine, loading the model and the first request


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _warm(url: str, deadline: float) -> None:
    situation = {
        "individus": {"p": {"date_naissance": {"ETERNITY": "1990-01-01"}}},
        "familles": {"f": {"parents": ["p"], "rsa": {"2025-06": None}}},
        "foyers_fiscaux": {"ff": {"declarants": ["p"]}},
        "menages": {"m": {"personne_de_reference": ["p"]}},
    }
    while True:
        try:
            request = urllib.request.Request(
                f"{url}/calculate",
                data=json.dumps(situation).encode(),
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=START_SECONDS):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


@pytest.fixture(scope="session")
def openfisca_url() -> Iterator[str]:
    """The URL of a running OpenFisca-France Web API (ours, or OPENFISCA_TEST_URL's)."""
    external = os.environ.get("OPENFISCA_TEST_URL")
    if external:
        _warm(external.rstrip("/"), time.monotonic() + START_SECONDS)
        yield external.rstrip("/")
        return
    if not (VENV / "bin" / "openfisca").exists():
        pytest.fail("OpenFisca n'est pas installé : lancez « make openfisca ».", pytrace=False)
    port = _free_port()
    process = subprocess.Popen(
        [str(SERVE), str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _warm(url, time.monotonic() + START_SECONDS)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


@pytest.fixture
def openfisca(openfisca_url: str) -> Iterator[str]:
    with override_settings(
        CONCERTO_OPENFISCA_URL=openfisca_url,
        CONCERTO_OPENFISCA_TIMEOUT=max(settings.CONCERTO_OPENFISCA_TIMEOUT, 120),
    ):
        yield openfisca_url


@pytest.fixture
def openfisca_down() -> Iterator[str]:
    """An address where nothing listens: the service is down."""
    url = f"http://127.0.0.1:{_free_port()}"
    with override_settings(CONCERTO_OPENFISCA_URL=url, CONCERTO_OPENFISCA_TIMEOUT=2):
        yield url
