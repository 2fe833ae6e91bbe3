"""Full-text search in French on PostgreSQL: a GIN index on the same expression
that concerto.contributions.selectors uses. Nothing to do on SQLite (fallback)."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS contrib_search_fr ON contributions_contribution "
    "USING gin (to_tsvector('french'::regconfig, COALESCE(search_document, '')))"
)
DROP = "DROP INDEX IF EXISTS contrib_search_fr"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("contributions", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
