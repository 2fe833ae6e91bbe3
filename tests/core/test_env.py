from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from concerto.core.env import env_bool, env_choice, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]


def test_env_bool(monkeypatch):
    monkeypatch.setenv("X_BOOL", "yes")
    assert env_bool("X_BOOL", False) is True
    monkeypatch.setenv("X_BOOL", "0")
    assert env_bool("X_BOOL", True) is False
    monkeypatch.setenv("X_BOOL", "peut-être")
    with pytest.raises(ImproperlyConfigured, match="booléenne"):
        env_bool("X_BOOL", False)
    monkeypatch.delenv("X_BOOL")
    assert env_bool("X_BOOL", True) is True


def test_env_int_and_minimum(monkeypatch):
    monkeypatch.setenv("X_INT", "12")
    assert env_int("X_INT", 3) == 12
    monkeypatch.setenv("X_INT", "douze")
    with pytest.raises(ImproperlyConfigured, match="entier"):
        env_int("X_INT", 3)
    monkeypatch.setenv("X_INT", "-1")
    with pytest.raises(ImproperlyConfigured, match="au moins 0"):
        env_int("X_INT", 3, minimum=0)


def test_env_str_required_list_and_choice(monkeypatch):
    monkeypatch.delenv("X_STR", raising=False)
    with pytest.raises(ImproperlyConfigured, match="obligatoire"):
        env_str("X_STR")
    monkeypatch.setenv("X_LIST", "a.fr, b.fr,,")
    assert env_list("X_LIST", []) == ["a.fr", "b.fr"]
    monkeypatch.setenv("X_CHOICE", "redis")
    with pytest.raises(ImproperlyConfigured, match="valeurs possibles"):
        env_choice("X_CHOICE", "database", ("database", "immediate"))


def _production_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CONCERTO_", "DJANGO_", "DATABASE_URL"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "concerto.settings",
            "CONCERTO_SECRET_KEY": "k" * 30 + "-production-secret-key-for-the-check-0123456789",
            "CONCERTO_PSEUDONYM_KEY": "p" * 30 + "-production-pseudonym-key-for-the-check-012345",
            "CONCERTO_ALLOWED_HOSTS": "concerto.exemple.fr",
        }
    )
    env.update(extra)
    return env


def test_production_settings_pass_check_deploy():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_missing_secret_key():
    env = _production_env()
    del env["CONCERTO_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "CONCERTO_SECRET_KEY" in result.stderr


def test_bad_value_fails_loudly_at_start():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_production_env(CONCERTO_HSTS_SECONDS="un an"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "CONCERTO_HSTS_SECONDS" in result.stderr
