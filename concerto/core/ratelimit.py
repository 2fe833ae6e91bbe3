"""A fixed-window rate limit counted in the database, so it holds across servers.

Why a counter table and not the cache: the default shared cache is Django's database cache,
whose ``incr`` is a read followed by a write, so concurrent hits are lost (N requests at
once could count as 1). Redis would be atomic, but it is optional; the database is what
every deployment shares, and one code path is tested on both databases.

One row per (scope, client, window). A hit is one upsert, ``INSERT … ON CONFLICT (key) DO
UPDATE SET count = count + 1`` (PostgreSQL ≥ 9.5 and SQLite ≥ 3.24 speak it alike): the
first hit of a window inserts, the others increment, and concurrent first hits cannot
both insert. The statement leaves the row locked until the transaction ends (PostgreSQL
row lock; SQLite serialises write transactions, ``transaction_mode=IMMEDIATE``), so reading
the count back in the same transaction gives every hit its own exact number, without
``UPDATE … RETURNING``. Expired rows are deleted in the same transaction. Three statements
per hit, always the same ones (query counts of the pages stay constant).

The client is named by a keyed HMAC of its address (``concerto.core.pseudonym``): no IP in
the table, and no dictionary attack on the 2^32 IPv4 addresses without the key.
"""

from __future__ import annotations

import datetime as dt
import time

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from concerto.core.clientip import client_ip
from concerto.core.models import RateCounter
from concerto.core.pseudonym import RATELIMIT, pseudonym

__all__ = ["RateLimited", "check", "client_ip", "hit"]


class RateLimited(Exception):
    """Raised by a view when a client went over its limit; answered with a 429 page."""


def _key(scope: str, identity: str, window: int) -> str:
    return f"{scope[:40]}:{pseudonym(RATELIMIT, identity)[:40]}:{window}"


def _upsert_sql() -> str:
    quote = connection.ops.quote_name
    table, key, count, expires = (
        quote(name) for name in (RateCounter._meta.db_table, "key", "count", "expires_at")
    )
    return (
        f"INSERT INTO {table} ({key}, {count}, {expires}) VALUES (%s, 1, %s) "  # noqa: S608
        f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + 1"
    )


def _count(key: str, *, expires_at: dt.datetime) -> int:
    """Add one to the counter ``key`` and return its new value (atomic, see above)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(_upsert_sql(), [key, expires_at])
        count = RateCounter.objects.filter(key=key).values_list("count", flat=True).get()
        RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()
    return int(count)


def hit(scope: str, identity: str, *, limit: int, period: int) -> bool:
    """Count one hit; True when the caller is over ``limit`` hits per ``period`` seconds."""
    if not settings.CONCERTO_RATELIMIT_ENABLED:
        return False
    now = time.time()
    window = int(now // period)
    expires_at = dt.datetime.fromtimestamp((window + 1) * period, tz=dt.UTC)
    return _count(_key(scope, identity, window), expires_at=expires_at) > limit


def check(request: HttpRequest, scope: str, *, limit: int, period: int = 3600) -> None:
    if hit(scope, client_ip(request), limit=limit, period=period):
        raise RateLimited(scope)
