"""The workspace's pages: who may open them, the no-JavaScript coding flow, the hidden
double coding, and query counts that do not grow with the data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concerto.core.roles import PERMISSIONS
from concerto.synthesis.coding_services import Target, coding_create
from concerto.synthesis.models import Coding, SampleItem
from concerto.synthesis.passages import passages
from concerto.synthesis.permissions import ACCESS, WITHOUT_OBJECT
from concerto.synthesis.sample_services import sample_create, sample_review
from tests.conftest import PERSONAS
from tests.synthesis.factories import TEXTS, published, theme

pytestmark = pytest.mark.django_db

ROLE_OF = {
    "admin": "admin",
    "analyst": "analyst",
    "moderator": "moderator",
    "transcriber": "transcriber",
    "official": "official",
}


def allowed(persona: str, permission: str) -> bool:
    return persona in ROLE_OF and any(r.value == ROLE_OF[persona] for r in PERMISSIONS[permission])


@pytest.fixture
def data(process, analyst):
    droits = theme(process, "Accès aux droits", actor=analyst)
    contribution = published(process, {1: TEXTS[1], 3: TEXTS[2]})
    [coding] = coding_create(answer=contribution.answers.first(), themes=[droits], actor=analyst)
    return {"theme": droits, "contribution": contribution, "coding": coding}


def url_for(name: str, process, data) -> str:
    if name == "processes":
        return reverse("synthesis:processes")
    kwargs = {"slug": process.slug}
    if name not in WITHOUT_OBJECT and name != "run_start":
        objects = {
            "theme": data["theme"].pk,
            "theme_action": data["theme"].pk,
            "version": 1,
            "code": data["contribution"].pk,
            "coding_delete": data["coding"].pk,
            "coding_quote": data["coding"].pk,
        }
        kwargs["pk"] = objects.get(name, 999999)
    return reverse(f"synthesis:{name}", kwargs=kwargs)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_for_every_persona(persona, client_for, process, data):
    client = client_for(persona)
    errors = []
    for name, access in ACCESS.items():
        url = url_for(name, process, data)
        response = client.get(url)
        if persona == "anonymous":
            expected = 302
        elif not allowed(persona, access.permission):
            expected = 403
        elif "GET" not in access.methods:
            expected = 405
        elif name in WITHOUT_OBJECT or name in ("theme", "version", "code"):
            expected = 200
        else:
            expected = 404
        if response.status_code != expected:
            errors.append(f"{name} {url} {persona}: {response.status_code}, attendu {expected}")
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("persona", ["moderator", "official", "resident", "transcriber"])
def test_writes_are_refused_without_synthesis_code(persona, client_for, process, data):
    client = client_for(persona)
    before = Coding.objects.count()
    response = client.post(
        url_for("code", process, data),
        {"answer": data["contribution"].answers.first().pk, "a0-themes": [data["theme"].pk]},
    )
    assert response.status_code == 403
    response = client.post(url_for("coding_delete", process, data))
    assert response.status_code == 403
    assert Coding.objects.count() == before


def test_nav_entry_for_analysts_only(client_for):
    url = reverse("synthesis:processes")
    assert url in client_for("analyst").get(reverse("backoffice:dashboard")).content.decode()
    assert url not in client_for("moderator").get(reverse("backoffice:dashboard")).content.decode()


def test_home_counts(client_for, process, data):
    published(process, {2: "Une autre contribution, pas encore codée."})
    page = client_for("analyst").get(reverse("synthesis:home", kwargs={"slug": process.slug}))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Contributions codées</th><td><a" in html
    assert ">1</a>" in html  # coded and uncoded: one each


def code_url(process, contribution) -> str:
    return reverse("synthesis:code", kwargs={"slug": process.slug, "pk": contribution.pk})


def test_coding_without_javascript_by_passage_and_by_pasted_excerpt(client_for, process, analyst):
    droits = theme(process, "Accès aux droits", actor=analyst)
    contribution = published(process, {1: TEXTS[1]})
    answer = contribution.answers.get()
    client = client_for("analyst")
    page = client.get(code_url(process, contribution)).content.decode()
    passage = passages(answer.shown_text)[0]
    assert f'value="{passage.key}"' in page  # the passage list of the form
    prefix = f"a{answer.pk}"
    response = client.post(
        code_url(process, contribution),
        {"answer": answer.pk, f"{prefix}-themes": [droits.pk], f"{prefix}-passage": passage.key},
    )
    assert response.status_code == 302
    coding = Coding.objects.get()
    assert (coding.start, coding.end, coding.excerpt) == (passage.start, passage.end, passage.text)
    response = client.post(
        code_url(process, contribution),
        {
            "answer": answer.pk,
            f"{prefix}-themes": [droits.pk],
            f"{prefix}-excerpt": "les démarches   en ligne",
            f"{prefix}-is_quote": "on",
            f"{prefix}-note": "Très parlant.",
        },
    )
    assert response.status_code == 302
    quote = Coding.objects.get(is_quote=True)
    assert quote.excerpt == "les démarches en ligne"
    assert answer.shown_text[quote.start : quote.end] == quote.excerpt
    assert quote.coder == analyst and quote.note == "Très parlant."


def test_a_missing_excerpt_is_refused_in_french_and_nothing_changes(client_for, process, analyst):
    droits = theme(process, "Accès aux droits", actor=analyst)
    contribution = published(process, {1: TEXTS[1]})
    answer = contribution.answers.get()
    prefix = f"a{answer.pk}"
    response = client_for("analyst").post(
        code_url(process, contribution),
        {"answer": answer.pk, f"{prefix}-themes": [droits.pk], f"{prefix}-excerpt": "inventé"},
    )
    assert response.status_code == 400
    assert "ne figure pas dans le texte publié" in response.content.decode()
    assert not Coding.objects.exists()
    response = client_for("analyst").post(
        code_url(process, contribution), {"answer": "pas-un-nombre"}
    )
    assert response.status_code == 302
    assert not Coding.objects.exists()


def test_only_a_set_aside_contribution_has_no_coding_page(client_for, process):
    from concerto.contributions.models import Contribution
    from tests.factories import ContributionFactory

    analyst = client_for("analyst")
    for status in (Contribution.Status.PENDING, Contribution.Status.PRIVATE):
        received = ContributionFactory(process=process, status=status)
        assert analyst.get(code_url(process, received)).status_code == 200
    set_aside = ContributionFactory(process=process, status=Contribution.Status.SET_ASIDE)
    assert analyst.get(code_url(process, set_aside)).status_code == 404


def test_remove_a_coding(client_for, process, data):
    response = client_for("analyst").post(url_for("coding_delete", process, data))
    assert response.status_code == 302
    assert not Coding.objects.exists()


def test_codebook_page_creates_a_theme_and_refuses_a_third_level(client_for, process, analyst):
    parent = theme(process, "Précarité", actor=analyst)
    child = theme(process, "Alimentation", parent=parent, actor=analyst)
    url = reverse("synthesis:codebook", kwargs={"slug": process.slug})
    client = client_for("analyst")
    response = client.post(url, {"name": "Jeunesse", "definition": "Les 18-25 ans."})
    assert response.status_code == 302
    # The form only offers top-level parents: a sub-theme as parent is an invalid choice.
    response = client.post(url, {"name": "Épiceries", "parent": child.pk})
    assert response.status_code == 400
    page = client.get(url).content.decode()
    assert "Jeunesse" in page and "Épiceries" not in page
    versions = client.get(reverse("synthesis:versions", kwargs={"slug": process.slug}))
    assert versions.status_code == 200
    version = client.get(reverse("synthesis:version", kwargs={"slug": process.slug, "pk": 3}))
    assert "Alimentation" in version.content.decode()


def test_the_other_analyst_never_sees_a_sample_coding_before_the_end(
    client_for, process, analyst, analyst_b
):
    from django.test import Client

    santé = theme(process, "Santé mentale", actor=analyst)
    for i in range(3):
        published(process, {1: f"Texte {i} sur la santé."})
    sample = sample_create(
        process=process, size=2, seed=3, coder_a=analyst, coder_b=analyst_b, actor=analyst
    )
    item = SampleItem.objects.filter(sample=sample).first()
    answer = item.contribution.answers.get()
    sample_review(sample=sample, answer=answer, themes=[santé], note="NOTE-DE-A", actor=analyst)
    other = Client()
    other.force_login(analyst_b, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("synthesis:sample_item", kwargs={"slug": process.slug, "pk": item.pk})
    assert "NOTE-DE-A" not in other.get(url).content.decode()
    assert "NOTE-DE-A" in client_for("analyst").get(url).content.decode()
    # Someone outside the pair cannot open it before the end.
    assert client_for("admin").get(url).status_code == 404
    agreement = reverse("synthesis:agreement", kwargs={"slug": process.slug, "pk": sample.pk})
    assert "Kappa global" not in client_for("admin").get(agreement).content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_list_query_count_does_not_grow(client_for, process, analyst):
    client = client_for("analyst")
    themes = [theme(process, f"Thème {i}", actor=analyst) for i in range(3)]
    url = reverse("synthesis:contributions", kwargs={"slug": process.slug})

    def add(count: int) -> None:
        for i in range(count):
            contribution = published(process, {1: TEXTS[i % 3], 2: TEXTS[(i + 1) % 3]})
            answer = contribution.answers.first()
            coding_create(answer=answer, themes=themes[: 1 + i % 3], actor=analyst)
            coding_create(
                answer=answer,
                themes=[themes[0]],
                target=Target(excerpt=answer.shown_text[:20]),
                is_quote=True,
                actor=analyst,
            )

    add(3)
    few = _queries(client, url)
    filtered = _queries(client, url + f"?coded=coded&theme={themes[0].pk}&question=")
    add(27)
    assert _queries(client, url) == few
    assert _queries(client, url + f"?coded=coded&theme={themes[0].pk}&question=") == filtered


def test_coding_page_query_count_does_not_grow(client_for, process, analyst):
    client = client_for("analyst")
    themes = [theme(process, f"Thème {i}", actor=analyst) for i in range(3)]
    long_text = " ".join(f"Phrase numéro {i} sur l'accès aux droits." for i in range(40))
    contribution = published(process, {1: long_text, 2: TEXTS[0], 3: TEXTS[2]})
    answers = list(contribution.answers.all())
    sentences = passages(long_text)
    url = code_url(process, contribution)

    def add(start: int, count: int) -> None:
        for i in range(start, start + count):
            p = sentences[i]
            coding_create(
                answer=answers[0] if answers[0].shown_text == long_text else answers[1],
                themes=[themes[i % 3]],
                target=Target(start=p.start, end=p.end),
                note=f"note {i}",
                actor=analyst,
            )

    add(0, 3)
    for _ in range(3):
        published(process, {1: "Autre contribution."})
    few = _queries(client, url)
    add(3, 27)
    for _ in range(27):
        published(process, {1: "Autre contribution."})
    assert Coding.objects.count() == 30
    assert _queries(client, url) == few
