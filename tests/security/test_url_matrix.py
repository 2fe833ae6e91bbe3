"""The permission matrix: every URL of the site (from the resolver) x every persona gets the
status declared in tests/security/url_access.py; every view checks the CSRF token."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from tests.security.url_access import (
    ACCESS,
    PERSONAS,
    TOKEN_AUTHENTICATED,
    is_csrf_exempt_allowed,
    lookup,
)
from tests.security.urls import SiteURL, concrete_path, site_urls

SITE_URLS = site_urls()


def test_every_url_has_an_entry():
    missing = [url for url in SITE_URLS if lookup(url.name) is None]
    assert not missing, "Adresses sans entrée dans tests/security/url_access.py :\n" + "\n".join(
        f'  "{url.name}": PUBLIC | LOGIN_REQUIRED | STAFF("perm") | ...,  # /{url.route}'
        for url in missing
    )


def test_every_exact_entry_has_a_url():
    names = {url.name for url in SITE_URLS}
    stale = [key for key in ACCESS if "*" not in key and key not in names]
    assert not stale, f"Entrées de url_access.py sans adresse : {stale}"


def _expected(url: SiteURL) -> tuple[str, object]:
    found = lookup(url.name)
    assert found is not None, f"{url.name} : ajoutez une entrée dans url_access.py"
    return found


def _logged_in(client_for, persona: str, enforce_csrf: bool = False) -> Client:
    client = client_for(persona)
    if enforce_csrf:
        csrf_client = Client(enforce_csrf_checks=True)
        csrf_client.cookies = client.cookies
        return csrf_client
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_get_matrix(persona, client_for, site):
    """One test per persona, every URL: all the mismatches are reported at once."""
    client = client_for(persona)
    errors = []
    for url in SITE_URLS:
        key, access = _expected(url)
        path = concrete_path(url, access, site)
        response = client.get(path)
        expected = access.statuses[persona]
        if response.status_code != expected:
            errors.append(
                f"{url.name} [{key}: {access.label}] GET {path} as {persona}: "
                f"{response.status_code}, attendu {expected}"
            )
        elif expected == 302 and not response["Location"].startswith(
            target := access.redirect_for(persona)
        ):
            errors.append(
                f"{url.name} GET {path} as {persona}: redirige vers {response['Location']}, "
                f"attendu {target}…"
            )
    assert not errors, "\n".join(errors)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "admin"])
def test_post_without_csrf_token_is_refused(persona, client_for, site, caplog):
    """Every view refuses a POST without a CSRF token (403) before doing anything; the
    few csrf_exempt views (the read-only API) must not accept POST at all (405)."""
    client = _logged_in(client_for, persona, enforce_csrf=True)
    errors = []
    for url in SITE_URLS:
        _key, access = _expected(url)
        path = concrete_path(url, access, site)
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
            response = client.post(path, {"x": "1"})
        exempt = getattr(url.callback, "csrf_exempt", False)
        if exempt:
            if not is_csrf_exempt_allowed(url.name):
                errors.append(f"{url.name} ({path}) est csrf_exempt sans être dans CSRF_EXEMPT")
            elif response.status_code != (
                expected := 403 if url.name in TOKEN_AUTHENTICATED else 405
            ):
                errors.append(f"{url.name} POST {path}: {response.status_code}, attendu {expected}")
            continue
        refused_by_csrf = any("CSRF" in record.getMessage() for record in caplog.records)
        if response.status_code != 403 or not refused_by_csrf:
            errors.append(
                f"{url.name} POST sans jeton CSRF {path} as {persona}: {response.status_code}"
            )
    assert not errors, "\n".join(errors)
