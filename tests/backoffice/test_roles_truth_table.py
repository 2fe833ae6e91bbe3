"""docs/roles.md == core.roles.PERMISSIONS, and every back-office URL obeys it, for every
persona. URLs are discovered from the resolver: a new page without an entry in
concerto.backoffice.permissions.ACCESS makes this test fail."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from concerto.backoffice.permissions import ACCESS
from concerto.contributions.models import Contribution
from concerto.core.models import AuditEvent
from concerto.core.roles import PERMISSIONS, Role
from tests.conftest import PERSONAS, RIGHTS_PERSONAS
from tests.factories import UserFactory

ROLES_MD = Path(settings.BASE_DIR) / "docs" / "roles.md"
COLUMNS = ("admin", "moderator", "analyst", "transcriber", "official", "resident", "anonymous")
# The access-to-rights roles have a table of their own in roles.md (a role absent from a
# table's columns holds none of its permissions).
RIGHTS_COLUMNS = ("rights_agent", "rights_supervisor", "admin", "resident", "anonymous")
ALL_COLUMNS = (*COLUMNS, "rights_agent", "rights_supervisor")

# The staff roles of each persona of tests/conftest.py (None: not logged in).
PERSONA_ROLES: dict[str, frozenset[Role] | None] = {
    "anonymous": None,
    "resident": frozenset(),
    "moderator": frozenset({Role.MODERATOR}),
    "analyst": frozenset({Role.ANALYST}),
    "admin": frozenset({Role.ADMIN}),
    "transcriber": frozenset({Role.TRANSCRIBER}),
    "official": frozenset({Role.OFFICIAL}),
    "rights_agent": frozenset({Role.RIGHTS_AGENT}),
    "rights_supervisor": frozenset({Role.RIGHTS_SUPERVISOR}),
}


# --- (a) the documentation says what the code does ------------------------------------


def parse_roles_md() -> dict[str, dict[str, bool]]:
    table: dict[str, dict[str, bool]] = {}
    header: list[str] | None = None
    headers: list[tuple[str, ...]] = []
    for line in ROLES_MD.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0] == "permission":
            header = cells
            headers.append(tuple(cells[1:]))
            continue
        if set("".join(cells)) <= {"-", " ", ":"}:
            continue  # the separator line
        permission = cells[0].strip("`")
        assert permission not in table, f"{permission} apparaît deux fois dans roles.md"
        assert header is not None, line
        values = dict(zip(header[1:], cells[1:], strict=True))
        assert set(values.values()) <= {"oui", "non"}, line
        table[permission] = {column: values.get(column) == "oui" for column in ALL_COLUMNS}
    assert headers in ([COLUMNS], [COLUMNS, RIGHTS_COLUMNS]), headers
    return table


def test_roles_md_equals_permissions():
    documented = parse_roles_md()
    assert list(documented) == list(PERMISSIONS)
    for permission, allowed in PERMISSIONS.items():
        expected = {column: False for column in ALL_COLUMNS}
        expected.update({role.value: True for role in allowed})
        assert documented[permission] == expected, permission


def test_persona_roles_cover_every_role_and_persona():
    assert set(PERSONA_ROLES) == set(PERSONAS) | set(RIGHTS_PERSONAS)
    assert {role for roles in PERSONA_ROLES.values() if roles for role in roles} == set(Role)


# --- (b) every back-office URL, every persona --------------------------------------------


def backoffice_patterns() -> dict[str, URLPattern]:
    """Every URL pattern under the ``backoffice`` namespace, by name (nested includes too)."""
    found: dict[str, URLPattern] = {}

    def walk(patterns: list[Any], namespaces: tuple[str, ...]) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, (*namespaces, entry.namespace or ""))
            elif isinstance(entry, URLPattern) and "backoffice" in namespaces:
                assert entry.name, f"URL sans nom dans le back-office : {entry.pattern}"
                found[entry.name] = entry

    walk(get_resolver().url_patterns, ())
    return found


BACKOFFICE_URLS = backoffice_patterns()


def test_every_url_has_an_access_entry_and_every_entry_a_url():
    assert BACKOFFICE_URLS, "aucune adresse trouvée sous le namespace backoffice"
    missing = set(BACKOFFICE_URLS) - set(ACCESS)
    assert not missing, f"adresses sans permission déclarée dans ACCESS : {sorted(missing)}"
    assert not set(ACCESS) - set(BACKOFFICE_URLS), "entrées d'ACCESS sans adresse"


@pytest.mark.parametrize("name", sorted(BACKOFFICE_URLS))
def test_view_is_guarded_by_its_entry(name):
    callback = BACKOFFICE_URLS[name].callback
    assert getattr(callback, "access", None) is ACCESS.get(name), (
        f"la vue {name} n'est pas décorée par staff_view({name!r})"
    )


@pytest.fixture
def url_objects(contribution, attachment) -> dict[str, Any]:
    """Real objects for the URL kwargs: ``pk`` is an attachment's for the attachment view,
    a contribution's everywhere else."""
    return {"contribution": contribution, "attachment": attachment}


def url_for(name: str, objects: dict[str, Any]) -> str:
    converters = BACKOFFICE_URLS[name].pattern.converters
    kwargs: dict[str, Any] = {}
    for key in converters:
        assert key == "pk", f"{name}: paramètre d'adresse inconnu du test : {key}"
        kwargs[key] = objects["attachment" if name == "attachment" else "contribution"].pk
    return reverse(f"backoffice:{name}", kwargs=kwargs)


def persona_may(persona: str, permission: str) -> bool:
    roles = PERSONA_ROLES[persona]
    return bool(roles and roles & PERMISSIONS[permission])


def expected_get_status(name: str, persona: str) -> int:
    access = ACCESS[name]
    if PERSONA_ROLES[persona] is None:
        return 302
    if not persona_may(persona, access.permission_for("GET")):
        return 403
    if "GET" not in access.methods:
        return 405
    return 200


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS + RIGHTS_PERSONAS)
@pytest.mark.parametrize("name", sorted(BACKOFFICE_URLS))
def test_get_truth_table(name, persona, client_for, url_objects):
    assert name in ACCESS, f"{name} : aucune permission déclarée"
    url = url_for(name, url_objects)
    response = client_for(persona).get(url)
    assert response.status_code == expected_get_status(name, persona), (name, persona)
    if response.status_code == 302:
        assert response["Location"].startswith("/comptes/login/?next=")
    if response.status_code == 200:
        assert "no-store" in response.get("Cache-Control", "")


# --- (c) POST actions, every persona ------------------------------------------------------


def _published(objects: dict[str, Any]) -> bool:
    objects["contribution"].refresh_from_db()
    return objects["contribution"].status == Contribution.Status.PUBLISHED


def _masked(objects: dict[str, Any]) -> bool:
    answer = objects["contribution"].answers.get()
    return "[courriel masqué]" in answer.public_text


def _edited(objects: dict[str, Any]) -> bool:
    return objects["contribution"].answers.get().public_text == "Texte relu par l'équipe."


def _granted(objects: dict[str, Any]) -> bool:
    return objects["newcomer"].groups.filter(name="analyst").exists()


def _identity_saved(objects: dict[str, Any]) -> bool:
    from concerto.core.models import SiteIdentity

    return SiteIdentity.objects.filter(platform_name="Nantes en dialogue").exists()


IDENTITY_POST = {
    "platform_name": "Nantes en dialogue",
    "city_name": "Ville de Nantes",
    "colour_primary": "#0b4f8a",
    "colour_secondary": "#ffd400",
    "footer_links": "",
    "contact_address": "",
    "contact_phone": "",
}

# name -> (POST data builder, "the action had its effect")
POST_CASES: dict[str, tuple[Callable[[dict[str, Any]], dict[str, Any]], Callable[..., bool]]] = {
    "bulk": (
        lambda o: {"ids": [o["contribution"].pk], "action": "publish", "filters": "status="},
        _published,
    ),
    "decide": (lambda o: {"transition": "publish"}, _published),
    "mask": (lambda o: {}, _masked),
    "public_texts": (
        lambda o: {f"public_{o['contribution'].answers.get().pk}": "Texte relu par l'équipe."},
        _edited,
    ),
    "roles": (
        lambda o: {"email": o["newcomer"].email, "role": "analyst", "operation": "grant"},
        _granted,
    ),
    "identity": (lambda o: IDENTITY_POST, _identity_saved),
}
POST_URLS = sorted(name for name, access in ACCESS.items() if "POST" in access.methods)


def test_every_post_url_has_a_case():
    assert set(POST_URLS) == set(POST_CASES)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", POST_URLS)
def test_post_truth_table(name, persona, client_for, url_objects):
    objects = {**url_objects, "newcomer": UserFactory(email="nouvelle@exemple.test")}
    build, had_effect = POST_CASES[name]
    audit_before = AuditEvent.objects.count()
    response = client_for(persona).post(url_for(name, objects), build(objects))
    allowed = PERSONA_ROLES[persona] is not None and persona_may(
        persona, ACCESS[name].permission_for("POST")
    )
    if PERSONA_ROLES[persona] is None:
        assert response.status_code == 302
        assert response["Location"].startswith("/comptes/login/?next=")
    elif not allowed:
        assert response.status_code == 403
    else:
        assert response.status_code == 302, response.content.decode()[:2000]
    assert had_effect(objects) is allowed, (name, persona)
    assert (AuditEvent.objects.count() > audit_before) is allowed
