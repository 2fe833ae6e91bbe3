"""One client IP for the rate limiter, django-axes and allauth (core/clientip.py)."""

from __future__ import annotations

import pytest
from allauth.account.adapter import get_adapter
from axes.helpers import get_client_ip_address
from django.test import RequestFactory

from concerto.core import ratelimit
from concerto.core.clientip import client_ip


def request(remote: str = "10.0.0.1", forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "198.51.100.1", "203.0.113.5"),  # no proxy: the header is ignored
        (1, "10.0.0.1", "198.51.100.1", "198.51.100.1"),
        (1, "10.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # spoofed hop ignored
        (2, "10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.1", "198.51.100.1"),
        (2, "10.0.0.2", "198.51.100.1", "10.0.0.2"),  # too short: the nearest proxy
        (1, "10.0.0.1", "pas-une-adresse", "10.0.0.1"),  # unreadable: the nearest proxy
        (1, "10.0.0.1", "198.51.100.1:51234", "198.51.100.1"),
        (1, "10.0.0.1", "[2001:DB8::1]:443", "2001:db8::1"),
        (1, "10.0.0.1", "2001:0db8:0000::0001", "2001:db8::1"),
        (0, "", None, "0.0.0.0"),  # noqa: S104 - the placeholder for "unknown"
    ],
)
def test_client_ip(settings, proxies, remote, forwarded, expected):
    settings.CONCERTO_TRUSTED_PROXIES = proxies
    assert client_ip(request(remote, forwarded)) == expected


def test_axes_allauth_and_the_rate_limiter_see_the_same_client(settings):
    settings.CONCERTO_TRUSTED_PROXIES = 1
    req = request("10.0.0.1", "6.6.6.6, 198.51.100.1")
    assert ratelimit.client_ip is client_ip
    assert get_client_ip_address(req) == "198.51.100.1"
    assert get_adapter(req).get_client_ip(req) == "198.51.100.1"
