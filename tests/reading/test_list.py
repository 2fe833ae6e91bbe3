from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concerto.contributions.models import Answer, Contribution
from concerto.processes.models import Channel
from tests.factories import ProcessFactory
from tests.reading.conftest import make_contributions, published

pytestmark = pytest.mark.django_db


def list_url(process) -> str:
    return reverse("contributions:list", kwargs={"slug": process.slug})


def receipts(response) -> set[str]:
    return set(re.findall(r"Contribution ([A-Z0-9]+-\d{4}-\d{6})", response.content.decode()))


def test_list_shows_published_contributions_with_metadata(client, process):
    contribution = published(
        process, text="Un texte public sur les jardins partagés.", author_name="Dominique"
    )
    response = client.get(list_url(process))
    assert response.status_code == 200
    html = response.content.decode()
    assert contribution.receipt_number in html
    assert "jardins partagés" in html
    assert "Dominique" in html
    assert "Centre-ville" in html
    assert "Une proposition" in html
    assert "Formulaire en ligne" in html
    assert "1 contribution" in html
    assert reverse("contributions:export_csv", kwargs={"slug": process.slug}) in html
    assert "/api/docs" in html


def test_anonymous_author_and_masked_text(client, process):
    contribution = published(process, author_name="", text="Appelez Jean Dupont au 0601020304.")
    contribution.answers.update(public_text="Appelez [masqué] au [masqué].")
    html = client.get(list_url(process)).content.decode()
    assert "Anonyme" in html
    assert "Jean Dupont" not in html
    assert "0601020304" not in html


def test_unpublished_never_listed(client, process, hidden):
    visible = published(process)
    response = client.get(list_url(process))
    assert receipts(response) == {visible.receipt_number}
    html = response.content.decode()
    assert "Motsecretinvisible" not in html
    assert "Secrète" not in html
    response = client.get(list_url(process), {"q": "Motsecretinvisible"})
    assert receipts(response) == set()


def test_unpublished_process_list_is_404(client):
    process = ProcessFactory(is_published=False)
    published(process)
    assert client.get(list_url(process)).status_code == 404


@pytest.mark.parametrize(
    ("param", "expected"),
    [
        ("kind", {"testimony"}),
        ("channel", {"paper"}),
        ("profile", {"volunteer"}),
    ],
)
def test_simple_filters(client, process, param, expected):
    match = published(
        process, kind="testimony", channel="paper", profile="volunteer", text="Attendu."
    )
    other = published(process, text="Autre.")
    value = next(iter(expected))
    response = client.get(list_url(process), {param: value})
    assert response.status_code == 200
    assert receipts(response) == {match.receipt_number}
    assert other.receipt_number not in response.content.decode()


def test_neighbourhood_and_question_filters(client, process):
    north = process.neighbourhoods.get(slug="q1")
    q2 = process.questions.get(number=2)
    in_north = published(process, neighbourhood=north)
    answered_q2 = published(process)
    Answer.objects.create(contribution=answered_q2, question=q2, text="Sur la question 2.")
    response = client.get(list_url(process), {"neighbourhood": north.pk})
    assert receipts(response) == {in_north.receipt_number}
    response = client.get(list_url(process), {"question": q2.pk})
    assert receipts(response) == {answered_q2.receipt_number}
    response = client.get(list_url(process), {"question": q2.pk, "neighbourhood": north.pk})
    assert receipts(response) == set()
    assert "0 contribution" in response.content.decode()


def test_facet_counts_ignore_their_own_filter(client, process):
    north = process.neighbourhoods.get(slug="q1")
    published(process, kind="testimony")
    published(process, kind="proposal")
    published(process, kind="proposal", neighbourhood=north)
    response = client.get(list_url(process), {"kind": "proposal"})
    facets = response.context["facets"]
    kinds = {o.value: o.count for o in facets["kind"].options}
    assert kinds["testimony"] == 1
    assert kinds["proposal"] == 2
    neighbourhoods = {o.label: o.count for o in facets["neighbourhood"].options}
    assert neighbourhoods == {"Centre-ville": 1, "Nantes Nord": 1, "Hors Nantes": 0}
    questions = {o.value: o.count for o in facets["question"].options}
    assert questions[str(process.questions.get(number=1).pk)] == 2
    assert response.context["page"].total == 2
    html = response.content.decode()
    assert "Nantes Nord (1)" in html
    assert "2 contributions" in html


def test_search_finds_a_word_in_one_contribution(client, process):
    target = published(process, text="Il manque des bancs publics près du tramway.")
    published(process, text="Il faudrait plus de jardins.")
    response = client.get(list_url(process), {"q": "tramway"})
    assert response.status_code == 200
    assert receipts(response) == {target.receipt_number}
    response = client.get(list_url(process), {"q": "TRAMWAY bancs"})
    assert receipts(response) == {target.receipt_number}
    response = client.get(list_url(process), {"q": "tramway jardins"})
    assert receipts(response) == set()


def test_search_combines_with_filters(client, process):
    target = published(process, text="Le tramway de nuit.", kind="testimony")
    published(process, text="Le tramway de jour.", kind="proposal")
    response = client.get(list_url(process), {"q": "tramway", "kind": "testimony"})
    assert receipts(response) == {target.receipt_number}


@pytest.mark.postgres
def test_french_stemming_on_postgres(client, process, postgres_only):
    target = published(process, text="Il n'y a pas assez de logement social dans le quartier.")
    published(process, text="Les transports sont trop rares.")
    response = client.get(list_url(process), {"q": "logements sociaux"})
    assert receipts(response) == {target.receipt_number}
    assert response.context["page"].ranked


def test_pagination_twenty_per_page_accessible(client, process):
    make_contributions(process, 45)
    response = client.get(list_url(process))
    page = response.context["page"]
    assert page.total == 45
    assert page.num_pages == 3
    assert len(receipts(response)) == 20
    html = response.content.decode()
    assert 'aria-label="Pagination des contributions"' in html
    assert 'aria-current="page"' in html
    second = client.get(list_url(process), {"page": 2, "kind": "proposal"})
    assert second.context["page"].number == 1  # 15 proposals: one page
    last = client.get(list_url(process), {"page": 3})
    assert len(receipts(last)) == 5
    assert receipts(last).isdisjoint(receipts(response))


@pytest.mark.parametrize(
    "params",
    [
        {"question": "abc"},
        {"question": "999999999999999999999999"},
        {"neighbourhood": "999999"},
        {"neighbourhood": "-1"},
        {"profile": "pirate"},
        {"kind": "<script>"},
        {"channel": "pigeon"},
        {"page": "-1"},
        {"page": "99999"},
        {"page": "abc"},
        {"page": "1e309"},
        {"q": "x" * 2000},
        {"q": "\x00"},
        {"q": "a\x00b"},
        {"q": '"'},
        {"q": "-"},
        {"q": "!!! & | :* <-> ( ) '"},
        {"q": "or"},
        {"q": "   "},
        {"q": "é" * 150},
    ],
)
def test_bad_parameters_never_500(client, process, params):
    published(process, text="Un texte.")
    response = client.get(list_url(process), params)
    assert response.status_code in (200, 400)


def test_ignored_filter_is_explained_in_french(client, process):
    published(process)
    response = client.get(list_url(process), {"neighbourhood": "999999", "q": "y" * 2000})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Le filtre « Quartier » demandé n&#x27;existe pas" in html
    assert "La recherche a été ignorée" in html
    assert response.context["page"].total == 1


def test_page_past_the_end_shows_the_last_page(client, process):
    make_contributions(process, 25)
    response = client.get(list_url(process), {"page": "99999"})
    assert response.status_code == 200
    assert response.context["page"].number == 2


def test_post_is_not_allowed(client, process):
    assert client.post(list_url(process)).status_code == 405


def _count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
        assert response.status_code == 200
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "logement"},
        {"kind": "proposal", "neighbourhood": "first", "question": "first", "q": "solidarité"},
        {"page": "2"},
    ],
)
def test_list_queries_do_not_grow(client, process, params):
    if params.get("neighbourhood") == "first":
        params = {
            **params,
            "neighbourhood": process.neighbourhoods.first().pk,
            "question": process.questions.first().pk,
        }
    make_contributions(process, 3)
    few = _count_queries(client, list_url(process), params)
    make_contributions(process, 30)
    many = _count_queries(client, list_url(process), params)
    assert few == many
    assert many <= 12


def test_channel_facet_lists_every_channel_kind(client, process):
    published(process, channel=Channel.Kind.PHONE)
    facets = client.get(list_url(process)).context["facets"]
    channels = {o.value: o.count for o in facets["channel"].options}
    assert set(channels) == set(Channel.Kind.values)
    assert channels["phone"] == 1
    assert Contribution.objects.count() == 1
