"""Whole-page cache for anonymous readers of the busiest public pages.

A cached page is keyed on its full URL and on a global "public version" that changes
whenever something public changes (a contribution published, rejected or masked; a
process, its questions, phases, channels, urns, resources or news edited). Anything else
visible on those pages (event figures, "open until" wording) is at most
``PAGE_CACHE_SECONDS`` old. Logged-in people, anyone with a session or pending messages,
and non-GET requests always get a fresh page; responses that set a cookie are never
stored. The version lives in the shared cache (database or Redis), so a change seen by one
server invalidates every server's pages; the pages themselves stay in each process's memory
(the "pages" cache), so a miss costs the shared cache one read, not a write.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse

P = ParamSpec("P")
T = TypeVar("T")
VERSION_KEY = "pagecache:public-version"


def bump_public_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def public_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY, version)
    return str(version)


def public_memo(key: str, build: Callable[[], T]) -> T:
    """``build()``, kept in this process's memory (the "pages" cache) under the current
    public version: for values made only of public content that changes with it, such as
    a published process and the options of its filters, read on every page build. The same
    freshness as the cached pages: a change to public content is seen at once, anything
    else is at most ``PAGE_CACHE_SECONDS`` old. Off when the page cache is off."""
    seconds = settings.CONCERTO_PAGE_CACHE_SECONDS
    if not seconds:
        return build()
    full_key = "memo:" + hashlib.sha256(f"{public_version()}|{key}".encode()).hexdigest()
    pages = caches["pages"]
    value: T | None = pages.get(full_key)
    if value is None:
        value = build()
        pages.set(full_key, value, seconds)
    return value


PUBLIC_BYTES_SECONDS = 24 * 60 * 60  # a version's document, if nothing changes meanwhile
RENDER_LOCK_SECONDS = 120  # the longest a render may hold the lock
RENDER_WAIT_SECONDS = 30  # how long another request waits for it before rendering itself
RENDER_POLL_SECONDS = 0.05


def public_bytes(key: str, build: Callable[[], bytes]) -> bytes:
    """``build()`` once per public version and ``key``, for every server: the bytes of an
    expensive public document (a WeasyPrint PDF) kept in the shared cache. ``key`` names
    the document and what it is made of (an object's id and change time). The first
    request renders it under a lock (an atomic ``cache.add``); the others arriving
    meanwhile wait for its bytes instead of rendering it again (at most
    ``RENDER_WAIT_SECONDS``, then they render it themselves rather than fail). Any change
    to public content starts a new version, hence a new render on the next request."""
    full_key = "publicbytes:" + hashlib.sha256(f"{public_version()}|{key}".encode()).hexdigest()
    lock = full_key + ":lock"
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while True:
        value: bytes | None = cache.get(full_key)
        if value is not None:
            return value
        if cache.add(lock, 1, RENDER_LOCK_SECONDS):
            try:
                value = build()
                cache.set(full_key, value, PUBLIC_BYTES_SECONDS)
            finally:
                cache.delete(lock)
            return value
        if time.monotonic() >= deadline:
            return build()
        time.sleep(RENDER_POLL_SECONDS)


def page_key(full_path: str) -> str:
    """The key of the cached page of ``full_path`` (path and query string) for now."""
    raw = f"{public_version()}|{full_path}"
    return "pagecache:" + hashlib.sha256(raw.encode()).hexdigest()


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or not settings.CONCERTO_PAGE_CACHE_SECONDS:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def anonymous_page_cache(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request.get_full_path())
        pages = caches["pages"]
        cached: HttpResponse | None = pages.get(key)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
        ):
            pages.set(key, response, settings.CONCERTO_PAGE_CACHE_SECONDS)
        return response

    return wrapped
