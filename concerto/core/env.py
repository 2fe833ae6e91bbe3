"""Strict readers for settings taken from the environment.

Each helper fails loudly (ImproperlyConfigured) on a value it cannot read, so a
typo in a deployment is caught at start-up rather than silently ignored.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

# Keys anyone can read in this repository: development defaults and the test suite's.
# ``manage.py check --deploy`` refuses them (core/checks.py).
INSECURE_KEY_PREFIX = "insecure-"
DEVELOPMENT_SECRET_KEY = INSECURE_KEY_PREFIX + "development-key-" + "x" * 40
DEVELOPMENT_PSEUDONYM_KEY = INSECURE_KEY_PREFIX + "development-pseudonym-key-" + "y" * 40
MIN_KEY_LENGTH = 50

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"La variable d'environnement {name} est obligatoire.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} : valeur booléenne attendue (1/0, true/false).")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} : nombre entier attendu.") from exc
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} : doit être au moins {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} : valeurs possibles {', '.join(choices)}.")
    return value


def is_known_key(value: str) -> bool:
    """A key published with the code (development, tests) or Django's startproject one."""
    return value.startswith((INSECURE_KEY_PREFIX, "django-insecure-"))


def env_secret(name: str) -> str:
    """A required key of at least MIN_KEY_LENGTH characters. (A known key is reported by
    ``manage.py check --deploy``: the test settings run with one, DEBUG off.)"""
    value = env_str(name)
    if len(value) < MIN_KEY_LENGTH:
        raise ImproperlyConfigured(f"{name} doit faire au moins {MIN_KEY_LENGTH} caractères.")
    return value
