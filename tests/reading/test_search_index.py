"""The French full-text search uses the GIN index of migration 0002 (PostgreSQL only)."""

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
    plan = _plan(selectors.search(Contribution.objects.all(), "logements"))
    assert "contrib_search_fr" in plan, plan
    filters = selectors.ContributionFilters(q="logements")
    queryset = selectors.filter_contributions(selectors.published_contributions(process), filters)
    ranked = selectors.order_results(queryset, filters, rank=True)
    assert [c.search_document for c in ranked] == ["Il manque du logement social."]


def test_generated_expression_is_the_index_expression(process, postgres_only):
    queryset = selectors.search(Contribution.objects.all(), "mot")
    sql, _ = queryset.query.sql_with_params()
    assert "to_tsvector(%s::regconfig, COALESCE(" in sql
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'contrib_search_fr'")
        (definition,) = cursor.fetchone()
    assert "to_tsvector('french'::regconfig, COALESCE(search_document, ''::text))" in definition
