"""Background work of the analysts' workspace (Django Tasks API): embeddings, theme
discovery, suggestions and duplicates. Tests run them immediately (settings_test)."""

from __future__ import annotations

from django_tasks import task


@task()
def analysis_run(run_id: int) -> None:
    from concerto.synthesis.machine import execute

    execute(run_id)
