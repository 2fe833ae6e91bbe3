"""Make the audit log append-only in the database itself.

PostgreSQL (production): no UPDATE, no DELETE (row triggers; TRUNCATE needs the table
owner). SQLite: no UPDATE; deleting rows is refused by the ORM only, because Django's
test flush empties tables with DELETE on SQLite.
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION concerto_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'Le journal d''audit ne peut pas être modifié.';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE OR DELETE ON core_auditevent
  FOR EACH ROW EXECUTE FUNCTION concerto_audit_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS core_auditevent_no_update ON core_auditevent;
DROP FUNCTION IF EXISTS concerto_audit_append_only();
"""
SQLITE_FORWARD = [
    "CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'Le journal d''audit ne peut pas être modifié.'); END;",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_update;",
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete;",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
