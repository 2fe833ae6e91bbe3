"""The rate limiter: exact under concurrency, keyed with an HMAC, expired rows deleted."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from concerto.core import ratelimit
from tests.concurrency import run_in_threads

IP = "203.0.113.42"


@pytest.fixture
def database_cache(settings):
    """The production cache (Django's database cache, shared by the servers): with it,
    the former limiter counted with add + incr, a read then a write."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "test_ratelimit_cache",
        },
    }
    call_command("createcachetable", "test_ratelimit_cache")
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS test_ratelimit_cache")


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_count_exactly(database_cache):
    if connection.vendor != "postgresql":
        pytest.skip("concurrence réelle testée sur PostgreSQL")
    count = 12
    results, errors = run_in_threads(
        count, lambda i: ratelimit.hit("concurrence", IP, limit=count - 1, period=3600)
    )
    assert not errors
    assert sorted(results) == [False] * (count - 1) + [True]  # the twelfth is the one over
    assert ratelimit.hit("concurrence", IP, limit=count, period=3600) is True  # 13 > 12


@pytest.mark.django_db
def test_limit_and_scopes_and_clients_are_separate(database_cache):
    assert [ratelimit.hit("a", IP, limit=3, period=3600) for _ in range(4)] == [
        False,
        False,
        False,
        True,
    ]
    assert ratelimit.hit("b", IP, limit=3, period=3600) is False
    assert ratelimit.hit("a", "198.51.100.1", limit=3, period=3600) is False


@pytest.mark.django_db
def test_keys_are_a_keyed_hmac_of_the_address(settings):
    from concerto.core.models import RateCounter

    ratelimit.hit("contribute", IP, limit=5, period=3600)
    (key,) = RateCounter.objects.values_list("key", flat=True)
    assert IP not in key
    assert hashlib.sha256(IP.encode()).hexdigest()[:24] not in key  # the former, unsalted
    settings.CONCERTO_PSEUDONYM_KEY = "une-autre-cle-de-pseudonymisation-" + "z" * 30
    ratelimit.hit("contribute", IP, limit=5, period=3600)
    assert RateCounter.objects.count() == 2  # another key, another digest


@pytest.mark.django_db
def test_expired_windows_are_deleted():
    from concerto.core.models import RateCounter

    RateCounter.objects.create(
        key="vieux:0:1", count=9, expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    ratelimit.hit("contribute", IP, limit=5, period=3600)
    assert list(RateCounter.objects.values_list("count", flat=True)) == [1]


@pytest.mark.django_db
def test_check_counts_each_client_behind_the_proxy(settings):
    settings.CONCERTO_TRUSTED_PROXIES = 1
    factory = RequestFactory()

    def check(client: str) -> bool:
        req = factory.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=client)
        try:
            ratelimit.check(req, "privacy", limit=2)
        except ratelimit.RateLimited:
            return False
        return True

    assert [check("198.51.100.1") for _ in range(3)] == [True, True, False]
    assert check("198.51.100.2") is True
