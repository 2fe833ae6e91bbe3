"""Requesting background analyses: a run is stored (queued), audited, then enqueued as a
django-tasks task after the commit; the task (``tasks.analysis_run``) does the work and
records its state and timings."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.core.audit import audit
from concerto.processes.models import Process, Question
from concerto.synthesis.models import AnalysisRun, Coding

K = AnalysisRun.Kind
S = AnalysisRun.State
# A run queued or running for longer than this is considered lost (a worker died): a new
# one may be requested.
STALE_AFTER = dt.timedelta(hours=2)
MAX_CLUSTERS = 30


class RunError(Exception):
    """A refused request, with a message for the analyst (French)."""


def retrain_every() -> int:
    """After how many new codings the suggestions are retrained (0: only on demand)."""
    return int(getattr(settings, "CONCERTO_SYNTHESIS_RETRAIN_EVERY", 20))


def _busy(process: Process, kind: str, question: Question | None) -> bool:
    return AnalysisRun.objects.filter(
        process=process,
        kind=kind,
        question=question,
        state__in=(S.QUEUED, S.RUNNING),
        created_at__gte=timezone.now() - STALE_AFTER,
    ).exists()


def run_request(
    *,
    process: Process,
    kind: str,
    actor: User | None,
    question: Question | None = None,
    params: dict[str, Any] | None = None,
    enqueue: bool = True,
) -> AnalysisRun:
    """Store a queued run and, after the commit, enqueue its task (``enqueue=False``: the
    caller runs it itself, e.g. the ``synthesis_run`` command)."""
    if kind not in K.values:
        raise RunError(_("Analyse inconnue."))
    params = dict(params or {})
    if kind == K.DISCOVERY:
        if question is None:
            raise RunError(_("Choisissez la question dont les réponses seront regroupées."))
        clusters = params.get("n_clusters")
        if clusters is not None and not 2 <= int(clusters) <= MAX_CLUSTERS:
            raise RunError(
                _("Le nombre de groupes va de 2 à %(max)d (ou laissez vide).")
                % {"max": MAX_CLUSTERS}
            )
    elif question is not None:
        raise RunError(_("Cette analyse porte sur toutes les questions de la démarche."))
    if question is not None and question.process_id != process.pk:
        raise RunError(_("Cette question appartient à une autre démarche."))
    with transaction.atomic():
        Process.objects.select_for_update().filter(pk=process.pk).first()
        if _busy(process, kind, question):
            raise RunError(_("Une analyse de ce type est déjà en attente ou en cours : patientez."))
        run = AnalysisRun.objects.create(
            process=process, kind=kind, question=question, params=params, created_by=actor
        )
        audit(
            actor=actor,
            action="synthesis.run_request",
            target=run,
            data={"kind": kind, "question": question.pk if question else None, **params},
        )
        if enqueue:
            transaction.on_commit(partial(_enqueue, run.pk), robust=True)
    return run


def _enqueue(run_id: int) -> None:
    from concerto.synthesis.tasks import analysis_run

    analysis_run.enqueue(run_id)


def _last_training(process_id: int) -> AnalysisRun | None:
    return (
        AnalysisRun.objects.filter(process_id=process_id, kind=K.SUGGESTIONS)
        .exclude(state=S.FAILED)
        .order_by("-created_at", "-pk")
        .first()
    )


def codings_since_training(process: Process) -> tuple[int, AnalysisRun | None]:
    """How many codings were made since the last suggestions run was requested."""
    last = _last_training(process.pk)
    codings = Coding.objects.filter(answer__contribution__process=process)
    if last is not None:
        codings = codings.filter(created_at__gt=last.created_at)
    return codings.count(), last


def maybe_retrain(process_id: int) -> AnalysisRun | None:
    """Request a suggestions run when ``retrain_every()`` codings were made since the last
    one (once suggestions were asked for: the first run is on demand). Cheap when there
    is nothing to do: it runs after every coding."""
    every = retrain_every()
    if every <= 0:
        return None
    last = _last_training(process_id)
    if last is None:
        return None
    process = last.process
    count = Coding.objects.filter(
        answer__contribution__process=process, created_at__gt=last.created_at
    ).count()
    if count < every:
        return None
    try:
        return run_request(process=process, kind=K.SUGGESTIONS, actor=None)
    except RunError:
        return None  # one is already waiting
