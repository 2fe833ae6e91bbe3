"""What a public list, search or contribution page costs in SQL queries, with and without
the anonymous page cache (bench/RESULTS.md §1e: these budgets keep a page that is not in
the cache cheap). Exact numbers on purpose: a new query on these paths must be a decision.

In tests the shared cache is in memory, so reading the public version costs no query; with
the database cache in production it adds one per request (two on a list page not in the
page cache: the page and the process memo).
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concerto.contributions.models import Contribution
from tests.conftest import prime_site_caches
from tests.reading.conftest import make_contributions, published

pytestmark = pytest.mark.django_db

# process, questions, neighbourhoods; facet counts; page of results; their answers
LIST_QUERIES = 6
# the contribution with its process; its answers; its files
DETAIL_QUERIES = 3


@pytest.fixture
def page_cache(settings):
    settings.CONCERTO_PAGE_CACHE_SECONDS = 60


def list_url(process) -> str:
    return reverse("contributions:list", kwargs={"slug": process.slug})


def count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
        assert response.status_code == 200
    return len(captured.captured_queries)


def filters_of(process, params: dict[str, str]) -> dict[str, object]:
    """``"matching"``: the neighbourhood of a proposal and question 1, which it answers."""
    if params.get("neighbourhood") == "matching":
        proposal = Contribution.objects.filter(process=process, kind="proposal").first()
        params = {
            **params,
            "neighbourhood": proposal.neighbourhood_id,
            "question": process.questions.get(number=1).pk,
        }
    return params


@pytest.mark.parametrize(
    "params",
    [
        {"q": "logement"},
        {"q": "logement solidarité", "page": "2"},
        {"q": "logement", "kind": "proposal", "neighbourhood": "matching"},
        {"kind": "proposal", "neighbourhood": "matching"},
    ],
)
def test_a_search_costs_the_same_queries_for_3_or_48_matches(client, process, params):
    make_contributions(process, 3)
    params = filters_of(process, params)
    assert client.get(list_url(process), params).context["page"].total >= 1
    cache.clear()  # the plain list's facet counts are cached: count them cold too
    prime_site_caches()
    few = count(client, list_url(process), params)
    make_contributions(process, 45)  # every text says "logement": 48 matches, 3 pages
    cache.clear()
    prime_site_caches()
    many = count(client, list_url(process), params)
    assert few == many == LIST_QUERIES


def test_page_cache_miss_and_hit_budgets(client, process, page_cache):
    make_contributions(process, 25)
    url = list_url(process)
    # A first page builds the process memo (three queries) then the list (three).
    assert count(client, url, {"q": "logement"}) == LIST_QUERIES
    # Another search (a page-cache miss, as most searches are): facets, results, answers.
    assert count(client, url, {"q": "solidarité"}) == 3
    assert count(client, url, {"q": "texte numéro", "page": "2"}) == 3
    # The same URL again: served from the page cache.
    assert count(client, url, {"q": "solidarité"}) == 0
    contribution = Contribution.objects.filter(status="published").first()
    detail = contribution.get_absolute_url()
    assert count(client, detail) == DETAIL_QUERIES
    assert count(client, detail) == 0


def test_detail_costs_three_queries_with_many_answers_and_files(client, process):
    few = make_contributions(process, 1)[0]
    many = make_contributions(process, 1)[0]
    for number in range(4, 12):
        question = process.questions.create(number=number, title=f"Question {number}")
        many.answers.create(question=question, text=f"Réponse {number}.")
    assert count(client, few.get_absolute_url()) == DETAIL_QUERIES
    assert count(client, many.get_absolute_url()) == DETAIL_QUERIES


def test_search_counts_are_not_written_to_the_shared_cache(client, process):
    """Searches are a long tail: their facet counts are computed (one query over the
    matches), never stored, so they cannot evict the cached counts of the plain list."""
    make_contributions(process, 3)
    with mock.patch.object(cache, "set", wraps=cache.set) as cache_set:
        client.get(list_url(process), {"q": "logement"})
        client.get(list_url(process), {"q": "logement", "kind": "proposal"})
        searched = [c.args[0] for c in cache_set.call_args_list]
        client.get(list_url(process), {"kind": "proposal"})
        listed = [c.args[0] for c in cache_set.call_args_list]
    assert not [key for key in searched if key.startswith("contributions:facets:")]
    assert [key for key in listed if key.startswith("contributions:facets:")]


def test_memo_of_process_and_filters_follows_edits_at_once(client, process, page_cache):
    published(process, text="Un texte sur les jardins.")
    url = list_url(process)
    assert client.get(url).status_code == 200
    question = process.questions.get(number=1)
    question.title = "Un intitulé tout neuf"
    question.save()
    assert "Un intitulé tout neuf" in client.get(url, {"q": "jardins"}).content.decode()
    process.is_published = False
    process.save()
    assert client.get(url, {"q": "jardins"}).status_code == 404


def test_list_and_detail_show_demo_flag_missing_neighbourhood_and_profile(client, process):
    contribution = published(process, text="Un texte de démonstration.", author_name="<b>Zoé</b>")
    Contribution.objects.filter(pk=contribution.pk).update(
        is_demo=True, neighbourhood=None, profile=""
    )
    for html in (
        client.get(list_url(process)).content.decode(),
        client.get(contribution.get_absolute_url()).content.decode(),
    ):
        assert "démonstration" in html
        assert "&lt;b&gt;Zoé&lt;/b&gt;" in html
        assert "<b>Zoé</b>" not in html
        assert "Une proposition" in html
        assert "Formulaire en ligne" in html


@pytest.mark.postgres
def test_search_index_has_no_pending_list(postgres_only):
    """Migration 0008: with a pending list every search scanned it, and the planner chose
    sequential scans (bench/RESULTS.md §1e)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = 'contrib_search_vector_gin'"
        )
        (options,) = cursor.fetchone()
    assert "fastupdate=off" in options


@pytest.mark.postgres
def test_facet_counts_scan_the_matches_once_through_the_gin_index(client, process, postgres_only):
    make_contributions(process, 30)
    published(process, text="Il manque du logement social près du tramway.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE contributions_contribution")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(list_url(process), {"q": "tramway"})
    assert response.context["page"].total == 1
    [facets] = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("WITH m ")]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # few rows: force what 20,000 choose
        cursor.execute(f"EXPLAIN {facets}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert plan.count("contrib_search_vector_gin") == 1, plan
    assert plan.count("CTE m") == 1, plan
