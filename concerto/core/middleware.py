from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from concerto.core.ratelimit import RateLimited


class RateLimitedMiddleware:
    """Turns RateLimited into a readable 429 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RateLimited):
            # The page says what was done: the scope names it (see errors/429.html).
            scope = str(exception.args[0]) if exception.args else ""
            response = render(request, "errors/429.html", {"scope": scope}, status=429)
            response["Retry-After"] = "3600"
            return response
        return None
