"""Speed: the dashboard, an action page, the answer page, the exports and the API make
the same number of queries for a small strategy as for one ten times larger (actions,
milestones, contributions behind them)."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.strategy_volume import populate
from concerto.contributions.models import Contribution
from concerto.strategy.models import Action
from concerto.strategy.thread import thread_for
from tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_and_large(admin_user):
    small, large = ProcessFactory(), ProcessFactory()
    populate(small, actions=10, milestones=20, contributions=30, staff=admin_user)
    populate(large, actions=100, milestones=1000, contributions=600, staff=admin_user)
    return small, large


def _count(client, url: str) -> int:
    caches["pages"].clear()  # cold, both times
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    assert response.status_code == 200, (url, response.status_code)
    return len(context.captured_queries)


def _urls(process) -> dict[str, str]:
    slug = process.slug
    flagship = Action.objects.filter(process=process, parent__isnull=True).order_by("pk").first()
    parent = Action.objects.filter(process=process, children__isnull=False).first()
    return {
        "dashboard": reverse("strategy:dashboard", kwargs={"slug": slug}),
        "dashboard_filtered": reverse("strategy:dashboard", kwargs={"slug": slug})
        + "?quartier=q1&statut=in_progress",
        "action": flagship.get_absolute_url(),
        "parent_action": parent.get_absolute_url(),
        "answer": reverse("strategy:answer", kwargs={"slug": slug}),
        "export_csv": reverse("strategy:export_csv", kwargs={"slug": slug}),
        "export_json": reverse("strategy:export_json", kwargs={"slug": slug}),
        "api_actions": f"/api/processes/{slug}/actions",
        "api_action": f"/api/processes/{slug}/actions/{flagship.code}",
        "api_answers": f"/api/processes/{slug}/answers",
        "api_commitments": f"/api/processes/{slug}/commitments",
        "process": process.get_absolute_url(),
    }


def test_page_query_counts_do_not_grow(client, small_and_large):
    small, large = small_and_large
    counts = {}
    for name in _urls(small):
        counts[name] = (_count(client, _urls(small)[name]), _count(client, _urls(large)[name]))
    grown = {name: pair for name, pair in counts.items() if pair[0] != pair[1]}
    assert not grown, grown
    assert counts["dashboard"][0] <= 10 and counts["action"][0] <= 18, counts


def test_staff_update_page_query_count_does_not_grow(client_for, small_and_large):
    client = client_for("analyst")
    small, large = small_and_large
    counts = []
    for process in (small, large):
        action = Action.objects.filter(process=process).order_by("pk").first()
        counts.append(_count(client, reverse("strategy:action_update", kwargs={"pk": action.pk})))
    assert counts[0] == counts[1], counts


def test_thread_query_count_does_not_grow(small_and_large, django_assert_max_num_queries):
    counts = []
    for process in small_and_large:
        contribution = (
            Contribution.objects.filter(process=process).select_related("process").first()
        )
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as context:
            thread = thread_for(contribution.pk)
        assert thread.actions
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1] <= 9, counts
