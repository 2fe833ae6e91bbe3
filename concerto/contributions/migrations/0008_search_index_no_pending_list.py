"""The GIN index of the French search vector without its "pending list" (PostgreSQL).

By default (``fastupdate = on``) a GIN index first appends new entries to an unsorted
pending list, merged into the index only by VACUUM or once the list exceeds
``gin_pending_list_limit`` (4 MB). Every search reads the whole list: on the bench
database (20,000 contributions, 369 pending pages) a one-word search scanned it for
1.5 ms even when it matched 4 rows, and the planner, counting those pages, preferred a
sequential scan of the whole table for a word matching 1,000 rows (12 ms instead of
1.4 ms). Public searches are read far more often than contributions are published, so
the index is kept without a pending list: a publication pays a few direct index updates
instead (bench/RESULTS.md, §1e). Existing pending entries are merged at once.
"""

from django.db import migrations

INDEX = "contrib_search_vector_gin"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} SET (fastupdate = off)")
        schema_editor.execute(
            f"SELECT gin_clean_pending_list(i) FROM to_regclass('{INDEX}') AS i WHERE i IS NOT NULL"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [("contributions", "0007_followup_opt_in")]
    operations = [migrations.RunPython(forward, backward)]
