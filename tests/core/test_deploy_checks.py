"""No test switch in production, and ``check --deploy`` refuses known keys and the test
settings (issue 11 §7). Real processes, as tests/core/test_env.py does."""

from __future__ import annotations

import subprocess
import sys

from concerto.core.checks import check_keys_and_test_switches
from tests.core.test_env import ROOT, _production_env

PSEUDONYM_KEY = "p" * 30 + "-production-pseudonym-key-for-the-check-012345"


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def python(code: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_concerto_testing_is_refused_in_production():
    result = manage("check", "--deploy", env=_production_env(CONCERTO_TESTING="1"))
    assert result.returncode != 0
    assert "CONCERTO_TESTING n'existe plus" in result.stderr


def test_check_deploy_refuses_the_test_settings_and_their_keys():
    env = _production_env(DJANGO_SETTINGS_MODULE="concerto.settings_test")
    del env["CONCERTO_SECRET_KEY"], env["CONCERTO_PSEUDONYM_KEY"]
    result = manage("check", "--deploy", env=env)
    assert result.returncode != 0
    for check_id in ("concerto.E001", "concerto.E002", "concerto.E003"):
        assert check_id in result.stderr, result.stderr


def test_check_deploy_refuses_the_development_keys():
    env = _production_env(CONCERTO_DEBUG="1")
    del env["CONCERTO_SECRET_KEY"], env["CONCERTO_PSEUDONYM_KEY"]
    result = manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "concerto.E001" in result.stderr and "concerto.E002" in result.stderr


def test_production_requires_a_pseudonym_key():
    env = _production_env()
    del env["CONCERTO_PSEUDONYM_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "CONCERTO_PSEUDONYM_KEY est obligatoire" in result.stderr
    result = manage("check", env=_production_env(CONCERTO_PSEUDONYM_KEY="trop-courte"))
    assert result.returncode != 0
    assert "CONCERTO_PSEUDONYM_KEY doit faire au moins 50" in result.stderr


def test_key_fallbacks_are_read_from_the_environment():
    env = _production_env(
        CONCERTO_SECRET_KEY_FALLBACKS="ancienne-cle-1, ancienne-cle-2",
        CONCERTO_PSEUDONYM_KEY_FALLBACKS="ancienne-empreinte",
    )
    out = python(
        "from django.conf import settings as s;"
        "print(s.SECRET_KEY_FALLBACKS, s.CONCERTO_PSEUDONYM_KEY_FALLBACKS)",
        env,
    )
    assert out == "['ancienne-cle-1', 'ancienne-cle-2'] ['ancienne-empreinte']"


def test_the_check_itself(settings):
    settings.CONCERTO_TEST_SETTINGS = False
    settings.SECRET_KEY = "s" * 60
    settings.SECRET_KEY_FALLBACKS = []
    settings.CONCERTO_PSEUDONYM_KEY = PSEUDONYM_KEY
    settings.CONCERTO_PSEUDONYM_KEY_FALLBACKS = []
    assert check_keys_and_test_switches() == []
    settings.CONCERTO_PSEUDONYM_KEY = settings.SECRET_KEY  # one key for both: refused
    assert [e.id for e in check_keys_and_test_switches()] == ["concerto.E002"]
    settings.CONCERTO_PSEUDONYM_KEY = PSEUDONYM_KEY
    settings.SECRET_KEY_FALLBACKS = ["insecure-development-key-" + "x" * 40]
    assert [e.id for e in check_keys_and_test_switches()] == ["concerto.E001"]
    settings.SECRET_KEY_FALLBACKS = []
    settings.CONCERTO_PSEUDONYM_KEY_FALLBACKS = [PSEUDONYM_KEY, "django-insecure-abc"]
    assert [e.id for e in check_keys_and_test_switches()] == ["concerto.E002"]
