"""The audit log (read-only, append-only) and role management."""

from __future__ import annotations

import html

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from concerto.backoffice.services import RoleError, role_set
from concerto.contributions.moderation import contribution_moderate
from concerto.core.audit import audit
from concerto.core.models import AuditEvent
from concerto.core.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
AUDIT = reverse("backoffice:audit")
ROLES = reverse("backoffice:roles")


def text(response) -> str:
    return html.unescape(response.content.decode())


# --- append-only -------------------------------------------------------------------------


@pytest.fixture
def event(moderator, contribution) -> AuditEvent:
    contribution_moderate(
        contribution=contribution,
        transition="reject",
        actor=moderator,
        reason="duplicate",
        note="Déjà reçue.",
    )
    return AuditEvent.objects.get(action="contribution.reject")


def test_decision_row_says_who_when_what_why(event, moderator, contribution):
    assert event.actor == moderator
    assert event.created_at is not None
    assert event.target_type == "contributions.contribution"
    assert event.target_id == str(contribution.pk)
    assert event.reason == "doublon — Déjà reçue."


def test_orm_cannot_update_or_delete(event):
    event.reason = "réécrit"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="réécrit")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).reason == "doublon — Déjà reçue."


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditevent SET reason = 'réécrit' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ],
)
def test_raw_sql_cannot_update_or_delete(event, sql):
    if sql.startswith("DELETE") and connection.vendor == "sqlite":
        pytest.skip(
            "SQLite : pas de déclencheur contre DELETE (le flush des tests Django vide les "
            "tables par DELETE, voir core/migrations/0002) ; vérifié sur PostgreSQL."
        )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).reason == "doublon — Déjà reçue."


def test_django_admin_audit_is_read_only(admin_user, event, client):
    model_admin = admin.site._registry[AuditEvent]
    request = RequestFactory().get("/")
    request.user = admin_user
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)

    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/admin-django/core/auditevent/").status_code == 200
    change = client.get(f"/admin-django/core/auditevent/{event.pk}/change/")
    assert change.status_code == 200
    assert 'name="reason"' not in change.content.decode()
    assert client.get("/admin-django/core/auditevent/add/").status_code == 403
    delete = client.post(f"/admin-django/core/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_django_admin_pages_load(client, contribution):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser, backend="django.contrib.auth.backends.ModelBackend")
    for url in [
        "/admin-django/",
        "/admin-django/accounts/user/",
        "/admin-django/accounts/user/add/",
        f"/admin-django/accounts/user/{superuser.pk}/change/",
        "/admin-django/contributions/contribution/",
        f"/admin-django/contributions/contribution/{contribution.pk}/change/",
        "/admin-django/processes/process/",
        f"/admin-django/processes/process/{contribution.process_id}/change/",
        "/admin-django/processes/urn/",
        "/admin-django/resources/resource/",
        "/admin-django/resources/newspost/",
    ]:
        assert client.get(url).status_code == 200, url
    response = client.post(
        "/admin-django/accounts/user/add/",
        {
            "email": "Nouveau@Exemple.test",
            "password1": "Un-mot-de-passe-42",
            "password2": "Un-mot-de-passe-42",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, text(response)[:3000]


# --- audit page ------------------------------------------------------------------------------


def test_audit_page_lists_and_filters(client_for, event, admin_user):
    audit(actor=admin_user, action="role.grant", target=admin_user, data={"role": "analyst"})
    client = client_for("admin")
    page = text(client.get(AUDIT))
    assert "contribution.reject" in page and "role.grant" in page
    assert "doublon — Déjà reçue." in page
    only_reject = text(client.get(AUDIT, {"action": "contribution.reject"}))
    assert "doublon — Déjà reçue." in only_reject
    assert "Administration a donné le rôle" not in only_reject  # the filter lists it, "… a donné…"
    assert "a refusé la publication de la contribution" in only_reject
    by_actor = text(client.get(AUDIT, {"actor": "admin@"}))
    assert "Administration a donné le rôle" in by_actor  # a sentence, not role.grant
    assert "Modération a refusé la publication" not in by_actor
    assert client.post(AUDIT).status_code == 405
    for persona in ("moderator", "analyst", "resident"):
        assert client_for(persona).get(AUDIT).status_code == 403


# --- roles -------------------------------------------------------------------------------------


def test_admin_grants_and_revokes_a_role_audited(client_for, admin_user):
    newcomer = UserFactory(email="nouvelle@exemple.test")
    client = client_for("admin")
    response = client.post(
        ROLES, {"email": "Nouvelle@Exemple.test", "role": "moderator", "operation": "grant"}
    )
    assert response.status_code == 302
    assert newcomer.groups.filter(name="moderator").exists()
    event = AuditEvent.objects.get(action="role.grant")
    assert event.actor == admin_user and event.target_id == str(newcomer.pk)
    assert event.data["role"] == "moderator"
    page = text(client.get(ROLES))
    assert "Rôle modérateur·rice attribué à nouvelle@exemple.test." in page
    assert "nouvelle@exemple.test" in page

    again = client.post(ROLES, {"email": newcomer.email, "role": "moderator", "operation": "grant"})
    assert again.status_code == 302
    assert AuditEvent.objects.filter(action="role.grant").count() == 1

    client.post(ROLES, {"email": newcomer.email, "role": "moderator", "operation": "revoke"})
    assert not newcomer.groups.exists()
    assert AuditEvent.objects.filter(action="role.revoke", actor=admin_user).count() == 1


def test_admin_cannot_remove_own_admin_role(client_for, admin_user):
    response = client_for("admin").post(
        ROLES, {"email": admin_user.email, "role": "admin", "operation": "revoke"}
    )
    assert response.status_code == 400
    assert "votre propre rôle d'administration" in text(response)
    assert admin_user.groups.filter(name="admin").exists()
    assert not AuditEvent.objects.filter(action="role.revoke").exists()


def test_unknown_email_and_bad_role_are_400(client_for):
    client = client_for("admin")
    response = client.post(
        ROLES, {"email": "personne@exemple.test", "role": "analyst", "operation": "grant"}
    )
    assert response.status_code == 400
    assert "Aucun compte n'existe avec cette adresse e-mail." in text(response)
    assert (
        client.post(
            ROLES, {"email": "personne@exemple.test", "role": "roi", "operation": "grant"}
        ).status_code
        == 400
    )


def test_role_service_checks_permission_and_another_admin_may_demote(admin_user, moderator):
    with pytest.raises(PermissionError):
        role_set(actor=moderator, email=admin_user.email, role=Role.ADMIN, grant=False)
    other_admin = UserFactory(roles=["admin"])
    assert role_set(actor=other_admin, email=admin_user.email, role=Role.ADMIN, grant=False)
    assert not admin_user.groups.filter(name="admin").exists()
    with pytest.raises(RoleError):
        role_set(actor=other_admin, email=other_admin.email, role=Role.ADMIN, grant=False)
    assert Group.objects.filter(name="admin").exists()


@pytest.mark.django_db
def test_granting_admin_opens_the_django_admin_and_revoking_closes_it(admin_user):
    person = UserFactory(email="nouvelle-admin@exemple.test")
    assert role_set(actor=admin_user, email=person.email, role=Role.ADMIN, grant=True)
    person.refresh_from_db()
    assert person.is_staff
    assert role_set(actor=admin_user, email=person.email, role=Role.ADMIN, grant=False)
    person.refresh_from_db()
    assert not person.is_staff
