"""The French full-text search uses the stored, trigger-maintained vector and its GIN index
(migration 0006, PostgreSQL only)."""

from __future__ import annotations

import pytest
from django.db import connection

from concerto.contributions import selectors
from concerto.contributions.models import Contribution
from tests.reading.conftest import published

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_search_uses_the_gin_index(process, postgres_only):
    for i in range(30):
        published(process, text=f"Texte {i} sur les transports.")
    published(process, text="Il manque du logement social.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE contributions_contribution")
    # On so few rows the planner prefers the process index when it may: the search alone
    # shows that the generated expression is the one of the index (on 20,000 rows the
    # full page query uses it too, see docs).
    plan = _plan(selectors.search(Contribution.objects.order_by(), "logements"))
    assert "contrib_search_vector_gin" in plan, plan
    filters = selectors.ContributionFilters(q="logements")
    queryset = selectors.filter_contributions(selectors.published_contributions(process), filters)
    ranked = selectors.order_results(queryset, filters, rank=True)
    assert [c.search_document for c in ranked] == ["Il manque du logement social."]


def test_trigger_keeps_the_vector_in_step_with_the_text(process, postgres_only):
    contribution = published(process, text="Des jardins partagés au pied des immeubles.")
    assert selectors.search(Contribution.objects.all(), "jardin").get() == contribution
    Contribution.objects.filter(pk=contribution.pk).update(search_document="Une épicerie.")
    assert not selectors.search(Contribution.objects.all(), "jardin").exists()
    assert selectors.search(Contribution.objects.all(), "épiceries").get() == contribution
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'contrib_search_vector_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "gin (search_vector)" in definition
