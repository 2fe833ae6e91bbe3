from __future__ import annotations

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from concerto.core.identity import current_identity, logo_bytes, theme_css

YEAR = 365 * 24 * 60 * 60


@never_cache
def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Also allauth's 429 page (it looks for ``handler429`` in the root URLconf)."""
    return render(request, "errors/429.html", status=429)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)


def _cached(response: HttpResponse, *, current: bool) -> HttpResponse:
    """An address that carries the current version never changes: cached for a year. An
    older version is answered with today's content, for a few minutes only."""
    if current:
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=300)
    return response


@require_safe
def identity_theme(request: HttpRequest, version: str) -> HttpResponse:
    """The identity's colours as CSS variables (the CSP allows no inline style)."""
    identity = current_identity(request)
    response = HttpResponse(theme_css(identity), content_type="text/css; charset=utf-8")
    return _cached(response, current=version == identity.theme_version)


@require_safe
def identity_logo(request: HttpRequest, version: str) -> HttpResponse:
    """The City's logo, checked when uploaded (core.uploads.check_logo). An SVG is served
    with a CSP of its own: opened on its own, it could run nothing anyway."""
    identity = current_identity(request)
    content = logo_bytes() if identity.logo_type else b""
    if not content:
        raise Http404
    response = HttpResponse(content, content_type=identity.logo_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return _cached(response, current=version == identity.version)
