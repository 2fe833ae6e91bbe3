"""Every staff URL of the collective app and the phone channel, every persona: the
permission declared in their ACCESS tables is enforced on GET and POST."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from concerto.collective.permissions import ACCESS as COLLECTIVE_ACCESS
from concerto.core.roles import PERMISSIONS, Role
from concerto.voice.permissions import ACCESS as VOICE_ACCESS
from tests.conftest import PERSONAS

ROLES: dict[str, frozenset[Role] | None] = {
    "anonymous": None,
    "resident": frozenset(),
    "moderator": frozenset({Role.MODERATOR}),
    "analyst": frozenset({Role.ANALYST}),
    "admin": frozenset({Role.ADMIN}),
    "transcriber": frozenset({Role.TRANSCRIBER}),
    "official": frozenset({Role.OFFICIAL}),
}
TABLES = {"collective": COLLECTIVE_ACCESS, "voice": VOICE_ACCESS}
PUBLIC = {
    "collective:file",
    "collective:detail",
    "collective:pdf",
    "collective:work_detail",
    "collective:work_public_file",
    "voice:webhook",
}


def patterns() -> dict[str, URLPattern]:
    found: dict[str, URLPattern] = {}

    def walk(entries: list[Any], namespace: str) -> None:
        for entry in entries:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and namespace in TABLES:
                found[f"{namespace}:{entry.name}"] = entry

    walk(get_resolver().url_patterns, "")
    return found


URLS = patterns()


def test_every_staff_url_is_guarded_by_its_entry():
    staff = {name for name in URLS if name not in PUBLIC}
    declared = {f"{ns}:{name}" for ns, table in TABLES.items() for name in table}
    assert staff == declared
    for name in staff:
        namespace, short = name.split(":")
        assert getattr(URLS[name].callback, "access", None) is TABLES[namespace][short]


def _path(name: str, process) -> str:
    route = str(URLS[name].pattern)
    kwargs: dict[str, Any] = {}
    if "<int:pk>" in route:
        kwargs["pk"] = 999999
    if "<slug:slug>" in route:
        kwargs["slug"] = process.slug
    return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_on_every_staff_url(persona, client_for, process):
    client = client_for(persona)
    roles = ROLES[persona]
    errors = []
    for ns, table in TABLES.items():
        for short, access in table.items():
            name = f"{ns}:{short}"
            path = _path(name, process)
            for method in ("GET", "POST"):
                response = client.get(path) if method == "GET" else client.post(path, {})
                allowed = roles is not None and bool(
                    roles & PERMISSIONS[access.permission_for(method)]
                )
                if roles is None:
                    expected = {302}
                elif not allowed:
                    expected = {403}
                elif method not in access.methods:
                    expected = {405}
                else:
                    expected = {200, 302, 400, 404}
                if response.status_code not in expected:
                    errors.append(f"{method} {name} as {persona}: {response.status_code}")
    assert not errors, "\n".join(errors)
