"""French search on both databases, accents and case folded (``contributions/search.py``).

PostgreSQL: the ``unaccent`` extension and a text search configuration ``french_unaccent``
(``french`` with ``unaccent`` before ``french_stem``); the trigger of migration 0006 now
builds ``search_vector`` with it, and every stored vector is rebuilt.

SQLite: an FTS5 table ``contributions_search`` over the new column ``search_terms`` (the
French stems of ``search_document``, written in Python by the code that writes the
document), kept in step by three triggers; tokenizer ``unicode61 remove_diacritics 2``.
Existing published contributions get their stems here. Nothing else is changed.
"""

from django.db import migrations, models

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION public.french_unaccent (COPY = pg_catalog.french);
        ALTER TEXT SEARCH CONFIGURATION public.french_unaccent
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
      END IF;
    END
    $$
    """,
    "DROP TRIGGER IF EXISTS contrib_search_vector ON contributions_contribution",
    "CREATE TRIGGER contrib_search_vector BEFORE INSERT OR UPDATE ON contributions_contribution "
    "FOR EACH ROW EXECUTE FUNCTION "
    "tsvector_update_trigger(search_vector, 'public.french_unaccent', search_document)",
    "UPDATE contributions_contribution SET search_vector = "
    "to_tsvector('public.french_unaccent', COALESCE(search_document, '')) "
    "WHERE search_document <> ''",
]
PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS contrib_search_vector ON contributions_contribution",
    "CREATE TRIGGER contrib_search_vector BEFORE INSERT OR UPDATE ON contributions_contribution "
    "FOR EACH ROW EXECUTE FUNCTION "
    "tsvector_update_trigger(search_vector, 'pg_catalog.french', search_document)",
    "UPDATE contributions_contribution SET search_vector = "
    "to_tsvector('pg_catalog.french', COALESCE(search_document, '')) "
    "WHERE search_document <> ''",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS public.french_unaccent",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS contrib_search_au",
    "DROP TRIGGER IF EXISTS contrib_search_ad",
    "DROP TRIGGER IF EXISTS contrib_search_ai",
    "DROP TABLE IF EXISTS contributions_search",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in PG_FORWARD:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        from concerto.contributions.search import SQLITE_INDEX, index_text

        for statement in SQLITE_INDEX:
            schema_editor.execute(statement)
        # The rows already there (every one, even with empty terms: the index must hold
        # what the 'delete' of a trigger will remove).
        schema_editor.execute(
            "INSERT INTO contributions_search(contributions_search) VALUES ('rebuild')"
        )
        Contribution = apps.get_model("contributions", "Contribution")
        rows = Contribution.objects.exclude(search_document="").values_list(
            "pk", "search_document"
        )
        for pk, document in rows.iterator():
            Contribution.objects.filter(pk=pk).update(search_terms=index_text(document))


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in PG_BACKWARD:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("contributions", "0009_received_analysed_published")]

    operations = [
        migrations.AddField(
            model_name="contribution",
            name="search_terms",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(forward, backward),
    ]
