"""The work of the background analyses, between the database and the pure functions of
``concerto.synthesis.analysis`` (imported lazily: they load numpy, spaCy, the models).

Each run reads what it needs, computes outside any transaction (a long write
transaction would block SQLite), then writes its results in one short transaction and
records its state and timings. A failure leaves a ``failed`` run with a message.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.contributions.models import Answer
from concerto.contributions.workflow import analysed
from concerto.synthesis.models import (
    AnalysisRun,
    Cluster,
    Coding,
    DuplicateGroup,
    DuplicateMember,
    Embedding,
    Suggestion,
    Theme,
)
from concerto.synthesis.passages import passages
from concerto.synthesis.selectors import person_keys

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)
S = AnalysisRun.State
K = AnalysisRun.Kind
MIN_DISCOVERY = 4  # answers
EXCERPT_MAX = 300  # characters of a representative excerpt
CAMPAIGN_MIN_AUTHORS = 3  # distinct people behind the same text: a copy-paste campaign
EMBED_CHUNK = 256


class AnalysisFailure(Exception):
    """An analysis that cannot run on this data (message in French)."""


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def analysed_answers(process_id: int, question_id: int | None = None) -> list[Answer]:
    """The answers of every contribution in the analysis (published or not, except those
    set aside under the charter: ``contributions.workflow``)."""
    answers = Answer.objects.filter(
        analysed("contribution__"), contribution__process_id=process_id
    ).select_related("contribution")
    if question_id is not None:
        answers = answers.filter(question_id=question_id)
    return list(answers.order_by("pk"))


# --- Running ----------------------------------------------------------------------------------


def execute(run_id: int) -> None:
    """Run the analysis ``run_id`` if it is still queued (a task may be delivered twice)."""
    claimed = AnalysisRun.objects.filter(pk=run_id, state=S.QUEUED).update(
        state=S.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    run = AnalysisRun.objects.select_related("process", "question").get(pk=run_id)
    try:
        WORKERS[run.kind](run)
    except AnalysisFailure as exc:
        _fail(run, str(exc))
    except Exception as exc:
        logger.error("Analyse %s (%s) en échec : %s", run.pk, run.kind, type(exc).__name__)
        message = _("Erreur inattendue pendant l'analyse (%(error)s).")
        _fail(run, message % {"error": type(exc).__name__})
    else:
        run.state = S.DONE
        run.finished_at = timezone.now()
        run.save()


def _fail(run: AnalysisRun, message: str) -> None:
    AnalysisRun.objects.filter(pk=run.pk).update(
        state=S.FAILED, finished_at=timezone.now(), error=message[:1000]
    )


# --- Embeddings -------------------------------------------------------------------------------


def stored_embeddings(answers: Sequence[Answer]) -> np.ndarray | None:
    """The stored vectors of ``answers``, in order, if every one is present and current
    (same model version, same text); else None (the analysis then does without)."""
    if not answers:
        return None
    import numpy as np

    from concerto.synthesis.analysis import MODEL_VERSION

    rows = {
        answer_id: (digest, dims, bytes(vector))
        for answer_id, digest, dims, vector in Embedding.objects.filter(
            answer__in=[a.pk for a in answers], model_version=MODEL_VERSION
        ).values_list("answer_id", "text_hash", "dimensions", "vector")
    }
    vectors = []
    for answer in answers:
        row = rows.get(answer.pk)
        if row is None or row[0] != text_hash(answer.shown_text):
            return None
        vectors.append(np.frombuffer(row[2], dtype="<f4", count=row[1]))
    return np.vstack(vectors)


def run_embeddings(run: AnalysisRun) -> None:
    from concerto.synthesis.analysis import MODEL_VERSION, embed

    answers = analysed_answers(run.process_id)
    current = dict(
        Embedding.objects.filter(
            answer__in=[a.pk for a in answers], model_version=MODEL_VERSION
        ).values_list("answer_id", "text_hash")
    )
    todo = [a for a in answers if current.get(a.pk) != text_hash(a.shown_text)]
    for offset in range(0, len(todo), EMBED_CHUNK):
        chunk = todo[offset : offset + EMBED_CHUNK]
        vectors = embed([a.shown_text for a in chunk])
        with transaction.atomic():
            Embedding.objects.filter(
                answer__in=[a.pk for a in chunk], model_version=MODEL_VERSION
            ).delete()
            Embedding.objects.bulk_create(
                Embedding(
                    answer=answer,
                    model_version=MODEL_VERSION,
                    text_hash=text_hash(answer.shown_text),
                    dimensions=int(vector.shape[0]),
                    vector=vector.astype("<f4").tobytes(),
                )
                for answer, vector in zip(chunk, vectors, strict=True)
            )
    run.model_version = MODEL_VERSION
    run.item_count = len(todo)
    run.summary = {
        "answers": len(answers),
        "computed": len(todo),
        "reused": len(answers) - len(todo),
    }


# --- Theme discovery --------------------------------------------------------------------------


def representative_excerpt(text: str, keywords: Sequence[str]) -> dict[str, Any]:
    """The passage of ``text`` that mentions most keywords, cut to ``EXCERPT_MAX``
    characters at a word boundary: always an exact substring, with its offsets."""
    stems = [k.lower()[:5] for k in keywords if k]
    candidates = passages(text) or []
    if not candidates:
        return {"start": 0, "end": 0, "excerpt": ""}
    best = max(candidates, key=lambda p: sum(stem in p.text.lower() for stem in stems))
    start, end = best.start, best.end
    if end - start > EXCERPT_MAX:
        cut = text.rfind(" ", start, start + EXCERPT_MAX)
        end = cut if cut > start else start + EXCERPT_MAX
    return {"start": start, "end": end, "excerpt": text[start:end]}


def run_discovery(run: AnalysisRun) -> None:
    assert run.question_id is not None
    answers = analysed_answers(run.process_id, run.question_id)
    if len(answers) < MIN_DISCOVERY:
        raise AnalysisFailure(
            _(
                "Trop peu de réponses publiées à cette question (%(count)d) pour les "
                "regrouper : il en faut au moins %(min)d."
            )
            % {"count": len(answers), "min": MIN_DISCOVERY}
        )
    from concerto.synthesis.analysis import discover

    texts = [a.shown_text for a in answers]
    vectors = stored_embeddings(answers)
    n_clusters = run.params.get("n_clusters")
    result = discover(
        texts,
        n_clusters=int(n_clusters) if n_clusters else None,
        seed=int(run.params.get("seed", 0)),
        embeddings=vectors,
    )
    clusters = []
    for position, cluster in enumerate(result.clusters, start=1):
        representatives = []
        for index in list(cluster.representatives)[:3]:
            excerpt = representative_excerpt(texts[index], cluster.keywords)
            representatives.append({"answer": answers[index].pk, **excerpt})
        clusters.append(
            Cluster(
                run=run,
                position=position,
                keywords=[str(k) for k in cluster.keywords][:12],
                members=[answers[i].pk for i in cluster.members],
                representatives=representatives,
            )
        )
    with transaction.atomic():
        Cluster.objects.bulk_create(clusters)
    run.item_count = len(answers)
    run.summary = {"clusters": len(clusters), "embeddings": vectors is not None}


# --- Suggestions ------------------------------------------------------------------------------


def theme_text(theme: Theme) -> str:
    """What the suggester knows of a theme before anything is coded."""
    return " ".join(part for part in (theme.name + ".", theme.definition, theme.examples) if part)


def run_suggestions(run: AnalysisRun) -> None:
    from concerto.synthesis.analysis import Suggester, uncertainty_order

    themes = list(
        Theme.objects.filter(codebook__process_id=run.process_id, is_archived=False).order_by(
            "position", "pk"
        )
    )
    if not themes:
        raise AnalysisFailure(
            _("La grille de codage n'a aucun thème actif : créez des thèmes d'abord.")
        )
    active = {t.pk for t in themes}
    answers = analysed_answers(run.process_id)
    labels: dict[int, set[str]] = defaultdict(set)
    coded: set[int] = set()
    for answer_id, theme_id in Coding.objects.filter(
        answer__in=[a.pk for a in answers]
    ).values_list("answer_id", "theme_id"):
        coded.add(answer_id)
        if theme_id in active:
            labels[answer_id].add(str(theme_id))
    train = [a for a in answers if labels.get(a.pk)]
    todo = [a for a in answers if a.pk not in coded]
    train_vectors = stored_embeddings(train)
    todo_vectors = stored_embeddings(todo)
    if train and todo and (train_vectors is None) != (todo_vectors is None):
        train_vectors = todo_vectors = None  # both or neither
    model = Suggester.fit(
        [a.shown_text for a in train],
        [labels[a.pk] for a in train],
        {str(t.pk): theme_text(t) for t in themes},
        embeddings=train_vectors,
    )
    predictions = (
        model.predict([a.shown_text for a in todo], embeddings=todo_vectors) if todo else []
    )
    order = uncertainty_order(predictions) if predictions else []
    suggestions = []
    for rank, index in enumerate(order, start=1):
        scores = sorted(
            ((int(key), round(float(value), 4)) for key, value in predictions[index].items()),
            key=lambda pair: -pair[1],
        )
        suggestions.append(
            Suggestion(
                run=run,
                answer=todo[index],
                scores=[list(pair) for pair in scores[:8]],
                position=rank,
            )
        )
    with transaction.atomic():
        Suggestion.objects.filter(
            run__process_id=run.process_id, status=Suggestion.Status.WAITING
        ).exclude(run=run).update(status=Suggestion.Status.REPLACED)
        Suggestion.objects.bulk_create(suggestions)
    run.training_size = len(train)
    run.item_count = len(todo)
    run.model_version = str(getattr(model, "version", "") or "")[:120]
    run.summary = {
        "themes": len(themes),
        "mode": "codings" if train else "definitions",
        "embeddings": todo_vectors is not None,
    }


# --- Duplicates -------------------------------------------------------------------------------


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def run_duplicates(run: AnalysisRun) -> None:
    from concerto.synthesis.analysis import duplicate_weights, find_duplicates

    threshold = float(run.params.get("threshold", 0.85))
    answers = analysed_answers(run.process_id)
    people = person_keys([a.contribution for a in answers])
    by_question: dict[int, list[Answer]] = defaultdict(list)
    for answer in answers:
        by_question[answer.question_id].append(answer)
    groups: list[tuple[DuplicateGroup, list[tuple[Answer, float]]]] = []

    def add(kind: str, question_id: int | None, members: list[tuple[Answer, float]]) -> None:
        authors = len({people[a.contribution_id] for a, _w in members})
        group = DuplicateGroup(
            run=run,
            kind=kind,
            question_id=question_id,
            authors=authors,
            is_campaign=kind == DuplicateGroup.Kind.NEAR and authors >= CAMPAIGN_MIN_AUTHORS,
        )
        groups.append((group, members))

    for question_id, items in sorted(by_question.items()):
        if len(items) >= 2:
            found = find_duplicates([a.shown_text for a in items], threshold=threshold)
            weights = duplicate_weights(found, len(items))
            for indices in found:
                add(
                    DuplicateGroup.Kind.NEAR,
                    question_id,
                    [(items[i], float(weights[i])) for i in sorted(indices)],
                )
        by_person: dict[str, list[Answer]] = defaultdict(list)
        for answer in items:
            by_person[people[answer.contribution_id]].append(answer)
        for same in by_person.values():
            if len(same) >= 2:
                members = [(a, 1 / len(same)) for a in same]
                add(DuplicateGroup.Kind.SAME_PERSON, question_id, members)
    # The same text sent by the same person on several questions.
    copies: dict[tuple[str, str], list[Answer]] = defaultdict(list)
    for answer in answers:
        copies[(people[answer.contribution_id], _normalised(answer.shown_text))].append(answer)
    for same in copies.values():
        if len({a.question_id for a in same}) >= 2:
            add(DuplicateGroup.Kind.AUTHOR_COPY, None, [(a, 1.0) for a in same])
    with transaction.atomic():
        DuplicateGroup.objects.bulk_create([group for group, _m in groups])
        DuplicateMember.objects.bulk_create(
            DuplicateMember(group=group, answer=answer, weight=weight)
            for group, members in groups
            for answer, weight in members
        )
    counts: dict[str, int] = defaultdict(int)
    for group, _m in groups:
        counts[group.kind] += 1
        counts["campaigns"] += int(group.is_campaign)
    run.item_count = len(answers)
    run.summary = {"threshold": threshold, **counts}


WORKERS: dict[str, Callable[[AnalysisRun], None]] = {
    K.EMBEDDINGS: run_embeddings,
    K.DISCOVERY: run_discovery,
    K.SUGGESTIONS: run_suggestions,
    K.DUPLICATES: run_duplicates,
}
