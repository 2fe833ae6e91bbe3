"""``manage.py synthesis_run SLUG``: run the workspace's analyses now, in this process.

    manage.py synthesis_run SLUG [--kind all|embeddings|discovery|suggestions|duplicates]
                                 [--question N]

The same runs as the "Analyses automatiques" page, stored with their state and timings,
but computed here instead of by a task worker (useful after ``loaddemo``, or from cron).
Discovery runs once per question (or only for ``--question N``).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concerto.processes.models import Process
from concerto.synthesis.machine import execute
from concerto.synthesis.models import AnalysisRun
from concerto.synthesis.runs import RunError, run_request

K = AnalysisRun.Kind
ORDER = (K.EMBEDDINGS, K.DUPLICATES, K.DISCOVERY, K.SUGGESTIONS)


class Command(BaseCommand):
    help = "Lance maintenant les analyses automatiques d'une démarche (sans file de tâches)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Identifiant d'adresse de la démarche.")
        parser.add_argument(
            "--kind", choices=["all", *K.values], default="all", help="Analyse à lancer."
        )
        parser.add_argument("--question", type=int, help="Numéro de la question (découverte).")

    def handle(self, *args: Any, **options: Any) -> None:
        process = Process.objects.filter(slug=options["slug"]).first()
        if process is None:
            raise CommandError(f"Démarche inconnue : {options['slug']}")
        kinds = ORDER if options["kind"] == "all" else (options["kind"],)
        questions = process.questions.order_by("number")
        if options["question"] is not None:
            questions = questions.filter(number=options["question"])
            if not questions.exists():
                raise CommandError(f"Question inconnue : {options['question']}")
        for kind in kinds:
            for question in questions if kind == K.DISCOVERY else [None]:
                try:
                    run = run_request(
                        process=process, kind=kind, question=question, actor=None, enqueue=False
                    )
                except RunError as exc:
                    raise CommandError(str(exc)) from exc
                execute(run.pk)
                run.refresh_from_db()
                where = f" (question {question.number})" if question else ""
                duration = run.duration_seconds or 0.0
                self.stdout.write(
                    f"{run.get_kind_display()}{where} : {run.get_state_display()}, "
                    f"{run.item_count} textes, {duration:.1f} s"
                    + (f" — {run.error}" if run.error else "")
                )
