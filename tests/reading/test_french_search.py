"""French search, the same on SQLite (FTS5) and PostgreSQL (``french_unaccent``): accents
and case folded, French stems, ranked, no match inside another word, bad input answered
clearly (issue 13, §4). The suite runs on both databases: every expectation below holds on
each, so the two give the same top results. Every text here is invented."""

from __future__ import annotations

import html

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from concerto.contributions import public_selectors, search, selectors
from concerto.contributions.models import Contribution
from concerto.contributions.moderation import contribution_mask, contribution_moderate
from tests.reading.conftest import published

pytestmark = pytest.mark.django_db

TEXTS = {
    "A": "La solitude des personnes âgées isolées pèse. La solitude use, la solitude tue.",
    "B": "Les solitudes du dimanche : une épicerie solidaire ouverte le dimanche matin.",
    "C": "Nos aînés n'ont plus d'épicerie ; l'épicerie du bourg a fermé, les aînés attendent.",
    "D": "Santé : l'accès à la santé recule. Épiceries, épiceries, épiceries : toutes fermées.",
    "E": "Une semaine entière sans voir personne : la sante des personnes âgées en souffre.",
    "F": "Le bus de la ligne 23 passe trop rarement le soir après vingt heures.",
}

# query -> the letters of the expected results, most relevant first
EXPECTED = {
    "solitudes": ["A", "B"],
    "solitude": ["A", "B"],
    "SOLITUDE": ["A", "B"],
    "sante": ["D", "E"],
    "santé": ["D", "E"],
    "aîné": ["C"],
    "aînés": ["C"],
    "aines": ["C"],
    "aine": ["C"],  # never "semaine" (E)
    "épicerie": ["D", "C", "B"],
    "epiceries": ["D", "C", "B"],
    "personnes âgées isolées": ["A"],
    '"personnes âgées isolées"': ["A"],
    "personnes âgées": ["E", "A"],
    "solitude -dimanche": ["A"],
}


@pytest.fixture
def corpus(process):
    made = {}
    for letter, text in TEXTS.items():
        made[letter] = published(process, text=text)
    return made


def results(process, q: str) -> tuple[list[str], bool]:
    dimensions = selectors.process_dimensions(process)
    page = public_selectors.contribution_page(
        process, selectors.ContributionFilters(q=q), 1, dimensions
    )
    return [c.receipt_number for c in page.contributions], page.ranked


@pytest.mark.parametrize("q", list(EXPECTED))
def test_same_top_results_on_both_databases(process, corpus, q):
    receipts, ranked = results(process, q)
    assert receipts == [corpus[letter].receipt_number for letter in EXPECTED[q]], connection.vendor
    assert ranked


def test_or_accepts_either_word(process, corpus):
    found = results(process, "aines or sante")[0]
    assert sorted(found) == sorted(corpus[x].receipt_number for x in "CDE")


def test_no_match_inside_another_word(process, corpus):
    assert results(process, "aine")[0] == [corpus["C"].receipt_number]
    assert results(process, "main")[0] == []  # "matin", "semaine" hold no "main"
    assert results(process, "semaine")[0] == [corpus["E"].receipt_number]


@pytest.mark.parametrize(
    "q",
    [
        "!!!",
        "?,;:.",
        '"',
        '""',
        "*",
        "-",
        "- -",
        "NOT",
        "AND OR",
        "^",
        "(",
        "solitude*",
        'NEAR("solitude" "dimanche", 2)',
        'santé" OR "',
        "{col}: santé",
        "le la les de",
    ],
)
def test_punctuation_and_fts5_syntax_never_fail(client, process, corpus, q):
    url = reverse("contributions:list", kwargs={"slug": process.slug})
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    if not search.has_terms(q):
        text = html.unescape(response.content.decode())
        assert "ne contient aucun mot à chercher" in text
        # The search is ignored: every published contribution is listed.
        assert all(c.receipt_number in text for c in corpus.values())
    # The selectors themselves answer too: nothing found when there is no word.
    found = results(process, q)[0]
    if not search.has_terms(q):
        assert found == []


def test_fts5_operators_are_words_not_syntax(process, corpus):
    # Quoted as plain strings: NEAR, AND, * and - mean nothing to FTS5 here.
    assert search.fts5_query('NEAR("a" b) * -') == '"near a" AND "b"'
    assert search.fts5_query('sante OR "aines"') == '("sant" OR "ain")'
    assert results(process, "solitude*")[0] == results(process, "solitude")[0]


def test_a_search_of_500_characters_is_ignored_with_a_message(client, process, corpus):
    url = reverse("contributions:list", kwargs={"slug": process.slug})
    response = client.get(url, {"q": "solitude " * 56})
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "La recherche a été ignorée : elle dépasse 200 caractères." in text
    assert all(c.receipt_number in text for c in corpus.values())
    # The selectors alone bound it too.
    assert results(process, "solitude " * 56)[0] == [
        corpus["A"].receipt_number,
        corpus["B"].receipt_number,
    ]


def test_the_index_follows_publication_and_masking(process, moderator, corpus):
    a = corpus["A"]
    contribution_moderate(contribution=a, transition="reject", actor=moderator, reason="other")
    assert results(process, "solitude")[0] == [corpus["B"].receipt_number]
    b = Contribution.objects.get(pk=corpus["B"].pk)
    answer = b.answers.get()
    contribution_mask(
        contribution=b, actor=moderator, texts={answer.pk: "Une épicerie ouverte le matin."}
    )
    assert results(process, "dimanche")[0] == []
    assert b.receipt_number in results(process, "épicerie")[0]
    b.delete()
    assert b.receipt_number not in results(process, "épicerie")[0]


def test_an_unpublished_contribution_is_never_found(process):
    ContributionFactory = published.__globals__["ContributionFactory"]
    ContributionFactory(
        process=process, status=Contribution.Status.PRIVATE, text="Solitude privée."
    )
    assert results(process, "solitude")[0] == []


def test_sqlite_triggers_come_back_after_a_table_rebuild(process, corpus):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        for name in ("contrib_search_ai", "contrib_search_ad", "contrib_search_au"):
            cursor.execute(f"DROP TRIGGER {name}")
    call_command("migrate", verbosity=0)  # post_migrate creates them again
    assert results(process, "solitude")[0] == [
        corpus["A"].receipt_number,
        corpus["B"].receipt_number,
    ]
    late = published(process, text="Encore une solitude, la solitude du soir, solitude.")
    assert late.receipt_number in results(process, "solitude")[0]


def test_postgresql_uses_the_unaccented_configuration(process, corpus):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('french_unaccent', 'Aînés âgées')::text")
        assert cursor.fetchone()[0] == "'age':2 'ain':1"
