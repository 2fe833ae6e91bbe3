"""Rewrite the audit labels that hold an e-mail address: accounts become "compte n° <id>".

The log is append-only (migration 0002: a trigger refuses UPDATE). This one-time rewrite
removes personal data only, and is safe because it runs in the migration's transaction:

- PostgreSQL: ``ALTER TABLE … DISABLE TRIGGER`` takes an ACCESS EXCLUSIVE lock on the table
  until the transaction ends, so nothing else can write while the trigger is off, and the
  trigger is enabled again before the commit (a failure rolls everything back, trigger on);
- SQLite: the trigger is dropped and created again inside the same write transaction.

Rewritten: ``actor_label`` holding an e-mail (staff rows, which also link to the account),
``target_label`` of an account (its name or address) and any other ``target_label``
holding an e-mail or phone number (masked). Nothing else in the row changes; a new row
records how many were rewritten. Not reversible (the addresses are gone, as intended).
"""

import re

from django.db import migrations

# Copied from concerto/core/pii.py as they were: a migration must not change with the code.
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
PHONE_RE = re.compile(r"(?:(?:\+|00)33[\s.-]?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b")

PG_DISABLE = "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_no_update"
PG_ENABLE = "ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_no_update"
SQLITE_DROP = "DROP TRIGGER IF EXISTS core_auditevent_no_update"
SQLITE_CREATE = (
    "CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'Le journal d''audit ne peut pas être modifié.'); END;"
)


def _mask(text):
    return PHONE_RE.sub("[téléphone masqué]", EMAIL_RE.sub("[courriel masqué]", text))


def _new_labels(actor_id, actor_label, target_type, target_id, target_label):
    actor = actor_label
    if EMAIL_RE.search(actor_label):
        actor = f"compte n° {actor_id}" if actor_id is not None else _mask(actor_label)
    target = target_label
    if target_type == "accounts.user" and target_id:
        target = f"compte n° {target_id}"
    elif EMAIL_RE.search(target_label) or PHONE_RE.search(target_label):
        target = _mask(target_label)
    return actor, target


def pseudonymise_labels(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    rows = AuditEvent._base_manager.values_list(
        "pk", "actor_id", "actor_label", "target_type", "target_id", "target_label"
    )
    changes = []
    for pk, actor_id, actor_label, target_type, target_id, target_label in rows.iterator():
        actor, target = _new_labels(actor_id, actor_label, target_type, target_id, target_label)
        if (actor, target) != (actor_label, target_label):
            changes.append((pk, actor, target))
    if not changes:
        return
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # Deferred foreign-key checks still pending in this transaction would forbid ALTER.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(PG_DISABLE)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    for pk, actor, target in changes:
        AuditEvent._base_manager.filter(pk=pk).update(actor_label=actor, target_label=target)
    if vendor == "postgresql":
        schema_editor.execute(PG_ENABLE)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    AuditEvent._base_manager.create(
        actor_label="système",
        action="core.audit_labels_pseudonymised",
        reason="Adresses e-mail remplacées par le numéro de compte (migration core 0004).",
        data={"rows": len(changes)},
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_rate_counter")]
    operations = [migrations.RunPython(pseudonymise_labels, migrations.RunPython.noop)]
