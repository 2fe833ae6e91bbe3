"""The audit log names accounts by their number, never by address (issue 11 §5), and the
migration that rewrote the rows written before keeps the log append-only."""

from __future__ import annotations

import html
import importlib

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from concerto.contributions.models import Attachment
from concerto.core.audit import audit
from concerto.core.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
migration = importlib.import_module("concerto.core.migrations.0004_audit_labels_by_account")


def all_text() -> str:
    return " ".join(
        " ".join([e.actor_label, e.target_label, e.reason, str(e.data)])
        for e in AuditEvent.objects.all()
    )


def test_staff_and_residents_and_target_accounts_are_named_by_number(moderator):
    resident = UserFactory(email="camille.habitante@exemple.test", display_name="Camille H.")
    staff_row = audit(actor=moderator, action="test.staff", target=resident)
    resident_row = audit(actor=resident, action="test.resident")
    assert staff_row.actor_label == f"compte n° {moderator.pk}"
    assert staff_row.actor == moderator  # staff rows still link to the account
    assert staff_row.target_label == f"compte n° {resident.pk}"
    assert resident_row.actor_label == f"compte n° {resident.pk}"
    assert resident_row.actor is None
    text = all_text()
    for value in (moderator.email, resident.email, "Camille H."):
        assert value not in text


def test_a_target_holding_an_address_is_masked(moderator):
    # An attachment is named by the file name its sender chose.
    target = Attachment(pk=7, original_name="CV jean.dupont@exemple.test 06 12 34 56 78.pdf")
    row = audit(actor=moderator, action="test.target", target=target)
    assert row.target_label == "CV [courriel masqué] [téléphone masqué].pdf"
    assert (row.target_type, row.target_id) == ("contributions.attachment", "7")


def test_the_back_office_still_shows_and_finds_staff_by_address(client_for, moderator):
    audit(actor=moderator, action="test.visible")
    client = client_for("admin")
    page = html.unescape(client.get(reverse("backoffice:audit")).content.decode())
    assert moderator.email in page and f"compte n° {moderator.pk}" in page
    found = client.get(reverse("backoffice:audit"), {"actor": "moderation@"})
    assert "test.visible" in found.content.decode()


class _Editor:
    """What the migration uses of a schema editor (a real one cannot open inside the test's
    transaction on SQLite)."""

    def __init__(self) -> None:
        self.connection = connection

    def execute(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_the_migration_rewrites_labels_with_an_address_and_keeps_the_log_append_only():
    staff = UserFactory(email="ancien.moderateur@exemple.test", roles=["moderator"])
    person = UserFactory(email="ancienne.habitante@exemple.test")
    old_staff = AuditEvent.objects.create(
        actor=staff, actor_label=staff.email, action="old.staff", reason="motif gardé"
    )
    old_target = AuditEvent.objects.create(
        actor_label="système",
        action="old.account",
        target_type="accounts.user",
        target_id=str(person.pk),
        target_label="Camille H.",
    )
    old_other = AuditEvent.objects.create(
        actor_label="système",
        action="old.other",
        target_type="privacy.privacyrequest",
        target_id="3",
        target_label="Demande de ancienne.habitante@exemple.test",
    )
    untouched = AuditEvent.objects.create(actor_label="système", action="old.clean")
    before = {e.pk: e.created_at for e in AuditEvent.objects.all()}

    migration.pseudonymise_labels(apps, _Editor())

    rows = {e.pk: e for e in AuditEvent.objects.all()}
    assert rows[old_staff.pk].actor_label == f"compte n° {staff.pk}"
    assert rows[old_staff.pk].reason == "motif gardé"
    assert rows[old_target.pk].target_label == f"compte n° {person.pk}"
    assert rows[old_other.pk].target_label == "Demande de [courriel masqué]"
    assert rows[untouched.pk].actor_label == "système"
    assert all(rows[pk].created_at == created for pk, created in before.items())
    note = AuditEvent.objects.get(action="core.audit_labels_pseudonymised")
    assert note.data == {"rows": 3}
    assert "exemple.test" not in all_text()
    # Still append-only in the database itself.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET reason = 'x' WHERE id = %s", [untouched.pk])
    # Run again: nothing to do, nothing written.
    migration.pseudonymise_labels(apps, _Editor())
    assert AuditEvent.objects.filter(action="core.audit_labels_pseudonymised").count() == 1


def test_the_migration_is_in_the_plan():
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection)
    assert ("core", "0004_audit_labels_by_account") in loader.applied_migrations
