"""Migration 0009 keeps every contribution and maps the old states to the new ones."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("contributions", "0008_search_index_no_pending_list")]
AFTER = [("contributions", "0009_received_analysed_published")]


@pytest.mark.django_db(transaction=True)
def test_old_states_are_mapped_and_nothing_is_lost():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Process = apps.get_model("processes", "Process")
    Contribution = apps.get_model("contributions", "Contribution")
    process = Process.objects.create(
        slug=f"migration-{uuid.uuid4().hex[:8]}",
        title="Démarche de test (inventée)",
        receipt_prefix="MIG",
        receipt_year=2022,
    )
    rows = {
        "pending-consent": ("pending", True, ""),
        "pending-no-consent": ("pending", False, ""),
        "published": ("published", True, ""),
        "rejected-off-topic": ("rejected", True, "off_topic"),
        "rejected-duplicate": ("rejected", False, "duplicate"),
        "rejected-offensive": ("rejected", True, "offensive"),
        "rejected-spam": ("rejected", True, "spam"),
        "rejected-advertising": ("rejected", True, "advertising"),
        "changes": ("changes_requested", True, ""),
    }
    for name, (status, consent, reason) in rows.items():
        Contribution.objects.create(
            process=process,
            receipt_number=name,
            kind="testimony",
            status=status,
            consent_publication=consent,
            consent_processing=True,
            rejection_reason=reason,
            submission_token=uuid.uuid4(),
            submitted_at=timezone.now(),
        )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Contribution = apps.get_model("contributions", "Contribution")
    got = dict(
        Contribution.objects.filter(process_id=process.pk).values_list("receipt_number", "status")
    )
    assert got == {
        "pending-consent": "pending",
        "pending-no-consent": "private",
        "published": "published",
        "rejected-off-topic": "rejected",
        "rejected-duplicate": "rejected",
        "rejected-offensive": "set_aside",
        "rejected-spam": "set_aside",
        "rejected-advertising": "set_aside",
        "changes": "changes_requested",
    }
    reasons = dict(
        Contribution.objects.filter(process_id=process.pk).values_list(
            "receipt_number", "rejection_reason"
        )
    )
    assert reasons["rejected-spam"] == "spam"  # the reason is kept
    # And back: nothing lost either.
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Contribution = apps.get_model("contributions", "Contribution")
    back = dict(
        Contribution.objects.filter(process_id=process.pk).values_list("receipt_number", "status")
    )
    assert back == {name: status for name, (status, _c, _r) in rows.items()}
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
