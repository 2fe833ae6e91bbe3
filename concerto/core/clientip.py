"""The client's IP address: one function for the rate limiter, django-axes and allauth.

Behind ``CONCERTO_TRUSTED_PROXIES`` reverse proxies, each proxy appends the address it
received the request from to ``X-Forwarded-For``; the client is therefore the hop that the
outermost trusted proxy saw, ``hops[-proxies]``. Anything to the left of it was written by
the client itself and is never trusted. A missing, short or unreadable header falls back
to ``REMOTE_ADDR`` (the nearest proxy), never to a value the client chose.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "0.0.0.0"  # noqa: S104 - a placeholder, never bound


def _valid(value: str) -> str | None:
    """The address in its canonical form, None if it is not an IP address."""
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:51234"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting X-Forwarded-For only through configured proxies."""
    proxies = int(settings.CONCERTO_TRUSTED_PROXIES)
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            address = _valid(hops[-proxies])
            if address is not None:
                return address
    return _valid(str(request.META.get("REMOTE_ADDR", ""))) or UNKNOWN
