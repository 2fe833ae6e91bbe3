"""A fixed-window rate limit kept in the shared cache (so it holds across servers)."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


class RateLimited(Exception):
    """Raised by a view when a client went over its limit; answered with a 429 page."""


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting X-Forwarded-For only for configured proxies."""
    proxies = settings.CONCERTO_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return str(hops[-proxies])
    return str(request.META.get("REMOTE_ADDR", "0.0.0.0"))  # noqa: S104


def hit(scope: str, identity: str, *, limit: int, period: int) -> bool:
    """Count one hit; True when the caller is over ``limit`` hits per ``period`` seconds."""
    if not settings.CONCERTO_RATELIMIT_ENABLED:
        return False
    window = int(time.time() // period)
    digest = hashlib.sha256(identity.encode()).hexdigest()[:24]  # no raw IP in the cache
    key = f"rl:{scope}:{digest}:{window}"
    if cache.add(key, 1, timeout=period + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=period + 5)
            count = 1
    return count > limit


def check(request: HttpRequest, scope: str, *, limit: int, period: int = 3600) -> None:
    if hit(scope, client_ip(request), limit=limit, period=period):
        raise RateLimited(scope)
