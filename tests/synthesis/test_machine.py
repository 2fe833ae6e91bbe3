"""Machine help through the background tasks (run immediately in tests): runs are stored
with their state and timings, clusters become themes, suggestions are accepted or
corrected and retrained, duplicates are grouped, embeddings are computed once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from concerto.contributions.models import Answer
from concerto.core.models import AuditEvent
from concerto.synthesis.assist_services import (
    suggestion_accept,
    suggestion_correct,
    theme_from_cluster,
)
from concerto.synthesis.codebook_services import CodebookError
from concerto.synthesis.coding_services import CodingError, coding_create
from concerto.synthesis.models import (
    AnalysisRun,
    Cluster,
    Codebook,
    Coding,
    DuplicateGroup,
    Embedding,
    Suggestion,
)
from concerto.synthesis.runs import RunError, run_request
from concerto.synthesis.selectors import answer_weights, waiting_suggestions
from tests.factories import UserFactory
from tests.synthesis.factories import published, theme

pytestmark = pytest.mark.django_db

K = AnalysisRun.Kind
TOPICS = {
    "seniors": [
        "Les personnes âgées vivent seules et ne voient plus personne depuis la crise.",
        "Ma voisine âgée de 84 ans ne sort plus, elle est très seule.",
        "Les seniors isolés attendent une visite, personne ne vient les voir.",
        "Beaucoup de personnes âgées souffrent de solitude dans le quartier.",
    ],
    "alimentation": [
        "Les files d'attente aux distributions alimentaires se sont allongées.",
        "Une épicerie solidaire permettrait aux familles de bien manger à petit prix.",
        "Bien manger coûte cher, les familles achètent les produits les moins chers.",
        "L'aide alimentaire doit proposer des produits frais et locaux.",
    ],
    "droits": [
        "Les démarches administratives en ligne découragent beaucoup de personnes.",
        "Beaucoup ne demandent pas les aides auxquelles ils ont droit : c'est le non-recours.",
        "Les dossiers d'aide sociale sont trop compliqués à remplir.",
        "Il faut un accueil humain pour expliquer les droits et les aides.",
    ],
}


def run(process, kind, django_capture_on_commit_callbacks, **kwargs) -> AnalysisRun:
    with django_capture_on_commit_callbacks(execute=True):
        item = run_request(process=process, kind=kind, actor=kwargs.pop("actor", None), **kwargs)
    item.refresh_from_db()
    return item


@pytest.fixture
def corpus(process):
    return [published(process, {1: text}) for texts in TOPICS.values() for text in texts]


def test_discovery_stores_clusters_that_become_themes(
    process, analyst, corpus, django_capture_on_commit_callbacks
):
    question = process.questions.get(number=1)
    item = run(
        process,
        K.DISCOVERY,
        django_capture_on_commit_callbacks,
        question=question,
        params={"n_clusters": 3},
        actor=analyst,
    )
    assert item.state == AnalysisRun.State.DONE, item.error
    assert item.started_at and item.finished_at and item.duration_seconds is not None
    assert item.item_count == 12
    clusters = list(Cluster.objects.filter(run=item))
    assert len(clusters) == 3
    answers = {a.pk: a for a in Answer.objects.filter(contribution__process=process)}
    assert sorted(pk for c in clusters for pk in c.members) == sorted(answers)
    for cluster in clusters:
        assert cluster.keywords
        for rep in cluster.representatives:
            text = answers[rep["answer"]].shown_text
            assert text[rep["start"] : rep["end"]] == rep["excerpt"] != ""
    version_before = Codebook.objects.filter(process=process).first()
    created = theme_from_cluster(cluster=clusters[0], actor=analyst)
    assert created.definition and created.examples
    assert created.name.lower().startswith(clusters[0].keywords[0].lower()[:3])
    clusters[0].refresh_from_db()
    assert clusters[0].theme == created
    assert version_before is None  # the codebook was created by this change
    assert Codebook.objects.get(process=process).version == 2
    with pytest.raises(CodebookError, match="déjà donné"):
        theme_from_cluster(cluster=clusters[0], actor=analyst)
    # The pages show the run and its clusters.
    from django.test import Client

    client = Client()
    client.force_login(analyst, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("synthesis:run", kwargs={"slug": process.slug, "pk": item.pk}))
    assert page.status_code == 200 and "Créer un thème" in page.content.decode()
    machine = client.get(reverse("synthesis:machine", kwargs={"slug": process.slug}))
    assert "terminée" in machine.content.decode()


def test_discovery_with_too_few_answers_fails_with_a_message(
    process, django_capture_on_commit_callbacks
):
    published(process, {1: "Une seule réponse."})
    item = run(
        process,
        K.DISCOVERY,
        django_capture_on_commit_callbacks,
        question=process.questions.get(number=1),
    )
    assert item.state == AnalysisRun.State.FAILED
    assert "Trop peu de réponses" in item.error


def test_an_unexpected_error_is_recorded(
    process, corpus, monkeypatch, django_capture_on_commit_callbacks
):
    import concerto.synthesis.analysis as analysis

    def broken(*args, **kwargs):
        raise ValueError("panne")

    monkeypatch.setattr(analysis, "discover", broken)
    item = run(
        process,
        K.DISCOVERY,
        django_capture_on_commit_callbacks,
        question=process.questions.get(number=1),
    )
    assert item.state == AnalysisRun.State.FAILED
    assert "ValueError" in item.error and item.finished_at is not None


def test_bad_run_requests_are_refused(process, analyst):
    with pytest.raises(RunError, match="question"):
        run_request(process=process, kind=K.DISCOVERY, actor=analyst)
    with pytest.raises(RunError, match="de 2 à"):
        run_request(
            process=process,
            kind=K.DISCOVERY,
            question=process.questions.first(),
            params={"n_clusters": 99},
            actor=analyst,
        )
    with pytest.raises(RunError, match="inconnue"):
        run_request(process=process, kind="magie", actor=analyst)
    run_request(process=process, kind=K.DUPLICATES, actor=analyst)  # queued, not run
    with pytest.raises(RunError, match="déjà en attente"):
        run_request(process=process, kind=K.DUPLICATES, actor=analyst)
    assert AnalysisRun.objects.count() == 1


@pytest.fixture
def codebook(process, analyst):
    return {
        "seniors": theme(
            process,
            "Isolement des seniors",
            actor=analyst,
            definition="Personnes âgées seules, solitude, visites.",
        ),
        "alimentation": theme(
            process,
            "Alimentation",
            actor=analyst,
            definition="Aide alimentaire, épicerie solidaire, bien manger.",
        ),
        "droits": theme(
            process,
            "Accès aux droits",
            actor=analyst,
            definition="Non-recours, démarches, aides, dossiers administratifs.",
        ),
    }


def test_suggestions_from_definitions_then_accept_and_correct(
    process, analyst, corpus, codebook, django_capture_on_commit_callbacks
):
    item = run(process, K.SUGGESTIONS, django_capture_on_commit_callbacks, actor=analyst)
    assert item.state == AnalysisRun.State.DONE, item.error
    assert item.training_size == 0 and item.summary["mode"] == "definitions"
    suggestions = list(Suggestion.objects.filter(run=item).order_by("position"))
    assert len(suggestions) == 12
    assert [s.position for s in suggestions] == list(range(1, 13))
    assert all(s.scores for s in suggestions)
    queue = list(waiting_suggestions(process))
    assert queue == suggestions  # least certain first
    first, second = queue[0], queue[1]
    codings = suggestion_accept(suggestion=first, actor=analyst)
    assert codings and all(c.origin == Coding.Origin.SUGGESTION for c in codings)
    assert all(c.start is None and c.coder == analyst for c in codings)
    first.refresh_from_db()
    assert first.status == Suggestion.Status.ACCEPTED and first.decided_by == analyst
    corrected = suggestion_correct(suggestion=second, themes=[codebook["droits"]], actor=analyst)
    assert [(c.theme, c.origin) for c in corrected] == [(codebook["droits"], "manual")]
    with pytest.raises(CodingError, match="déjà été traitée"):
        suggestion_accept(suggestion=first, actor=analyst)
    assert len(waiting_suggestions(process)) == 10
    assert AuditEvent.objects.filter(action="synthesis.suggestion_accept").count() == 1
    assert AuditEvent.objects.filter(action="synthesis.suggestion_correct").count() == 1
    # Training on the codings now: the old waiting suggestions are replaced.
    again = run(process, K.SUGGESTIONS, django_capture_on_commit_callbacks, actor=analyst)
    assert again.state == AnalysisRun.State.DONE, again.error
    assert again.training_size == 2 and again.summary["mode"] == "codings"
    assert not Suggestion.objects.filter(run=item, status=Suggestion.Status.WAITING).exists()
    assert Suggestion.objects.filter(run=again).count() == 10


def test_suggestions_are_learned_from_codings(
    process, analyst, codebook, django_capture_on_commit_callbacks
):
    answers = {}
    for key, texts in TOPICS.items():
        for text in texts:
            answers.setdefault(key, []).append(published(process, {1: text}).answers.get())
    for key, items in answers.items():
        for answer in items[:3]:
            coding_create(answer=answer, themes=[codebook[key]], actor=analyst)
    item = run(process, K.SUGGESTIONS, django_capture_on_commit_callbacks, actor=analyst)
    assert item.state == AnalysisRun.State.DONE, item.error
    assert item.training_size == 9
    best = {s.answer_id: s.scores[0][0] for s in Suggestion.objects.filter(run=item)}
    expected = {items[3].pk: codebook[key].pk for key, items in answers.items()}
    assert sum(best[pk] == theme_id for pk, theme_id in expected.items()) >= 2


def test_retraining_after_n_new_codings(
    process, analyst, corpus, codebook, settings, django_capture_on_commit_callbacks
):
    settings.CONCERTO_SYNTHESIS_RETRAIN_EVERY = 3
    run(process, K.SUGGESTIONS, django_capture_on_commit_callbacks, actor=analyst)
    answers = [c.answers.get() for c in corpus]
    for answer in answers[:2]:
        with django_capture_on_commit_callbacks(execute=True):
            coding_create(answer=answer, themes=[codebook["droits"]], actor=analyst)
    assert AnalysisRun.objects.filter(kind=K.SUGGESTIONS).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        coding_create(answer=answers[2], themes=[codebook["droits"]], actor=analyst)
    runs = list(AnalysisRun.objects.filter(kind=K.SUGGESTIONS).order_by("pk"))
    assert len(runs) == 2
    assert runs[1].created_by is None and runs[1].training_size == 3
    assert runs[1].state == AnalysisRun.State.DONE, runs[1].error


def test_duplicates_groups_and_campaign_weights(
    process, analyst, django_capture_on_commit_callbacks
):
    campaign = "Nous demandons un centre social ouvert le dimanche dans notre quartier !"
    members = [published(process, {1: campaign}) for _ in range(3)]  # three people
    near = published(process, {1: campaign.replace("!", ".")})
    user = UserFactory()
    same = [
        published(process, {2: f"Idée numéro {i} pour les aînés."}, user=user) for i in range(2)
    ]
    copy = published(
        process,
        {1: "Le même texte partout.", 3: "le même texte   partout."},
        email="copie@exemple.test",
    )
    published(process, {1: "Une réponse sans rapport avec les autres, sur le logement."})
    item = run(process, K.DUPLICATES, django_capture_on_commit_callbacks, actor=analyst)
    assert item.state == AnalysisRun.State.DONE, item.error
    groups = list(DuplicateGroup.objects.filter(run=item).prefetch_related("members"))
    by_kind = {}
    for group in groups:
        by_kind.setdefault(group.kind, []).append(group)
    [near_group] = by_kind[DuplicateGroup.Kind.NEAR]
    answer_ids = {m.answer_id for m in near_group.members.all()}
    assert {c.answers.get().pk for c in [*members, near]} <= answer_ids
    assert near_group.is_campaign and near_group.authors >= 3
    [person] = by_kind[DuplicateGroup.Kind.SAME_PERSON]
    assert {m.answer_id for m in person.members.all()} == {c.answers.get().pk for c in same}
    assert all(m.weight == pytest.approx(0.5) for m in person.members.all())
    [author_copy] = by_kind[DuplicateGroup.Kind.AUTHOR_COPY]
    assert {m.answer_id for m in author_copy.members.all()} == set(
        copy.answers.values_list("pk", flat=True)
    )
    weights = answer_weights(process)
    assert weights[members[0].answers.get().pk] == 1
    merged = answer_weights(process, merge_campaigns=True)
    assert merged[members[0].answers.get().pk] <= 1 / 3 + 1e-9
    assert merged[same[0].answers.get().pk] == pytest.approx(0.5)
    from django.test import Client

    client = Client()
    client.force_login(analyst, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("synthesis:duplicates", kwargs={"slug": process.slug}))
    assert page.status_code == 200 and "campagne de copier-coller" in page.content.decode()


def test_embeddings_are_computed_once_per_text_and_model(
    process, corpus, django_capture_on_commit_callbacks
):
    from concerto.synthesis.analysis import MODEL_VERSION

    first = run(process, K.EMBEDDINGS, django_capture_on_commit_callbacks)
    assert first.state == AnalysisRun.State.DONE, first.error
    assert first.summary == {"answers": 12, "computed": 12, "reused": 0}
    assert first.model_version == MODEL_VERSION
    assert Embedding.objects.filter(model_version=MODEL_VERSION).count() == 12
    stored = Embedding.objects.first()
    assert len(bytes(stored.vector)) == 4 * stored.dimensions
    second = run(process, K.EMBEDDINGS, django_capture_on_commit_callbacks)
    assert second.summary == {"answers": 12, "computed": 0, "reused": 12}
    answer = corpus[0].answers.get()
    Answer.objects.filter(pk=answer.pk).update(public_text="Texte masqué par la modération.")
    third = run(process, K.EMBEDDINGS, django_capture_on_commit_callbacks)
    assert third.summary == {"answers": 12, "computed": 1, "reused": 11}
    assert Embedding.objects.count() == 12
    # Discovery now uses the stored vectors.
    discovery = run(
        process,
        K.DISCOVERY,
        django_capture_on_commit_callbacks,
        question=process.questions.get(number=1),
        params={"n_clusters": 3},
    )
    assert discovery.state == AnalysisRun.State.DONE, discovery.error
    assert discovery.summary["embeddings"] is True


def test_start_a_run_from_the_page(client_for, process, corpus, django_capture_on_commit_callbacks):
    client = client_for("analyst")
    url = reverse("synthesis:run_start", kwargs={"slug": process.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"kind": "duplicates"})
    assert response.status_code == 302
    item = AnalysisRun.objects.get()
    assert response["Location"].endswith(f"/aide/analyses/{item.pk}/")
    item.refresh_from_db()
    assert item.state == AnalysisRun.State.DONE
    response = client.post(url, {"kind": "discovery"})  # no question: refused, in French
    assert response.status_code == 302
    assert AnalysisRun.objects.count() == 1


def test_suggestion_queue_page_accept_and_correct(
    client_for, process, analyst, corpus, codebook, django_capture_on_commit_callbacks
):
    run(process, K.SUGGESTIONS, django_capture_on_commit_callbacks, actor=analyst)
    client = client_for("analyst")
    url = reverse("synthesis:suggestions", kwargs={"slug": process.slug})
    page = client.get(url)
    assert page.status_code == 200
    assert "12 suggestions en attente" in page.content.decode()
    first, second = list(waiting_suggestions(process))[:2]
    decide = "synthesis:suggestion_decide"
    response = client.post(
        reverse(decide, kwargs={"slug": process.slug, "pk": first.pk}),
        {f"s{first.pk}-action": "accept"},
    )
    assert response.status_code == 302
    assert Coding.objects.filter(answer=first.answer, origin="suggestion").exists()
    # Correcting without choosing a theme is refused, nothing changes.
    target = reverse(decide, kwargs={"slug": process.slug, "pk": second.pk})
    client.post(target, {f"s{second.pk}-action": "correct"})
    assert not Coding.objects.filter(answer=second.answer).exists()
    client.post(
        target,
        {f"s{second.pk}-action": "correct", f"s{second.pk}-themes": [codebook["seniors"].pk]},
    )
    assert list(Coding.objects.filter(answer=second.answer).values_list("theme", "origin")) == [
        (codebook["seniors"].pk, "manual")
    ]
    assert "10 suggestions en attente" in client.get(url).content.decode()


def test_suggestions_page_query_count_does_not_grow(
    client_for, process, analyst, codebook, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("analyst")
    url = reverse("synthesis:suggestions", kwargs={"slug": process.slug})

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    for text in TOPICS["seniors"][:3]:
        published(process, {1: text})
    run(process, K.SUGGESTIONS, django_capture_on_commit_callbacks, actor=analyst)
    few = count()
    for i in range(27):
        published(process, {1: f"{TOPICS['droits'][i % 4]} ({i})"})
    run(process, K.SUGGESTIONS, django_capture_on_commit_callbacks, actor=analyst)
    assert count() == few
