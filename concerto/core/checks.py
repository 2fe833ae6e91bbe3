"""Deployment checks (``manage.py check --deploy``): what Django's own checks cannot know.

- concerto.E001: SECRET_KEY, or one of its fallbacks, is a key published with the code;
- concerto.E002: the pseudonymisation key is missing, short, published, or the SECRET_KEY;
- concerto.E003: the test settings (concerto.settings_test) are running.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from concerto.core.env import MIN_KEY_LENGTH, is_known_key


@register(Tags.security, deploy=True)
def check_keys_and_test_switches(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    secrets = [str(settings.SECRET_KEY), *map(str, settings.SECRET_KEY_FALLBACKS)]
    if any(is_known_key(key) for key in secrets):
        errors.append(
            Error(
                "SECRET_KEY (ou une de ses clés de repli) est une clé publique de "
                "développement ou de test.",
                hint="Générez une clé secrète et mettez-la dans CONCERTO_SECRET_KEY.",
                id="concerto.E001",
            )
        )
    key = str(getattr(settings, "CONCERTO_PSEUDONYM_KEY", "") or "")
    fallbacks = [str(k) for k in getattr(settings, "CONCERTO_PSEUDONYM_KEY_FALLBACKS", [])]
    if (
        len(key) < MIN_KEY_LENGTH
        or is_known_key(key)
        or any(is_known_key(k) for k in fallbacks)
        or key in secrets
    ):
        errors.append(
            Error(
                "CONCERTO_PSEUDONYM_KEY manque, est trop courte, est une clé publique ou "
                "reprend SECRET_KEY.",
                hint=f"Une clé propre aux empreintes, d'au moins {MIN_KEY_LENGTH} caractères "
                "(README, « Rotation des clés »).",
                id="concerto.E002",
            )
        )
    if getattr(settings, "CONCERTO_TEST_SETTINGS", False):
        errors.append(
            Error(
                "Les réglages de test (concerto.settings_test) sont actifs.",
                hint="En production : DJANGO_SETTINGS_MODULE=concerto.settings.",
                id="concerto.E003",
            )
        )
    return errors
