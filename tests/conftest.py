"""Shared fixtures: one persona per role (healthchecks style)."""

from __future__ import annotations

import pytest
from django.test import Client

from concerto.accounts.models import User
from concerto.processes.models import Process
from tests.factories import ProcessFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def prime_site_caches() -> None:
    """What a running site has in its shared cache: the identity (each test starts without a
    saved one) and the footer's accessibility status (no legal texts saved: the default), so
    that query counts measure the page, not a cold cache. Call it after ``cache.clear()``."""
    from django.core.cache import caches

    from concerto.core.identity import CACHE_KEY, DEFAULTS
    from concerto.legal.defaults import STATUS_CACHE_KEY
    from concerto.legal.models import LegalTexts

    caches["default"].set(CACHE_KEY, DEFAULTS, None)
    caches["default"].set(STATUS_CACHE_KEY, str(LegalTexts.Conformity.NONE.label))


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()
    prime_site_caches()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture
def process(db) -> Process:
    return ProcessFactory()


@pytest.fixture
def resident(db) -> User:
    return UserFactory(email="habitante@exemple.test", display_name="Habitante")


@pytest.fixture
def moderator(db) -> User:
    return UserFactory(email="moderation@exemple.test", roles=["moderator"])


@pytest.fixture
def analyst(db) -> User:
    return UserFactory(email="analyse@exemple.test", roles=["analyst"])


@pytest.fixture
def admin_user(db) -> User:
    return UserFactory(email="admin@exemple.test", roles=["admin"])


@pytest.fixture
def transcriber(db) -> User:
    return UserFactory(email="transcription@exemple.test", roles=["transcriber"])


@pytest.fixture
def official(db) -> User:
    return UserFactory(email="elue@exemple.test", roles=["official"])


@pytest.fixture
def rights_agent(db) -> User:
    return UserFactory(email="guichet@exemple.test", roles=["rights_agent"])


@pytest.fixture
def rights_supervisor(db) -> User:
    return UserFactory(email="responsable-droits@exemple.test", roles=["rights_supervisor"])


PERSONAS = ("anonymous", "resident", "moderator", "analyst", "admin", "transcriber", "official")
# Access to rights (concerto.rights): personas of their own, opened by tests/rights and the
# roles truth table; they hold none of the permissions the other apps' tests check.
RIGHTS_PERSONAS = ("rights_agent", "rights_supervisor")


@pytest.fixture
def client_for(db, request):
    """client_for(persona) -> a Client logged in as that persona (or anonymous)."""

    def make(persona: str) -> Client:
        client = Client()
        if persona == "anonymous":
            return client
        fixture = "admin_user" if persona == "admin" else persona
        user = request.getfixturevalue(fixture)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make
