"""The move of organisations into their own app keeps every row: existing organisations
become approved, cahiers typed without an organisation are linked to one of their name."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("organisations", None)]  # before the move: events owns organisations
AFTER = [("organisations", "0003_existing_organisations")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    applied = MigrationExecutor(connection)
    return applied._create_project_state(with_applied_migrations=True).apps


@pytest.fixture
def old_apps():
    yield _migrate(BEFORE)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # back to the latest


def test_existing_rows_survive_the_move(old_apps):
    old = old_apps
    User = old.get_model("accounts", "User")
    Organisation = old.get_model("events", "Organisation")
    Membership = old.get_model("events", "Membership")
    Process = old.get_model("processes", "Process")
    Contribution = old.get_model("contributions", "Contribution")
    Cahier = old.get_model("collective", "CollectiveContribution")
    user = User.objects.create(email="ancien@exemple.test")
    kept = Organisation.objects.create(
        name="Asso historique", slug="asso-historique", kind="association"
    )
    Membership.objects.create(organisation=kept, user=user, role="admin")
    process = Process.objects.create(
        title="Démarche", slug="demarche-migration", receipt_prefix="MIG", receipt_year=2022
    )
    cahiers = []
    for n, (name, kind) in enumerate(
        [
            ("Collectif des Dervallières", "collectif"),
            ("asso historique", "association"),
            ("Collectif des Dervallières", "collectif"),
        ]
    ):
        contribution = Contribution.objects.create(
            process=process,
            receipt_number=f"MIG-{n}",
            kind="proposal",
            consent_publication=True,
            consent_processing=True,
            submitted_at=timezone.now(),
        )
        cahiers.append(
            Cahier.objects.create(
                contribution=contribution,
                organisation_name=name,
                organisation_kind=kind,
                people_count=3,
                production_method="Réunion",
                contact_name="Camille",
                contact_email="camille@exemple.test",
                source="document",
            )
        )
    new = _migrate(AFTER)
    NewOrganisation = new.get_model("organisations", "Organisation")
    NewCahier = new.get_model("collective", "CollectiveContribution")
    historic = NewOrganisation.objects.get(slug="asso-historique")
    assert historic.status == "approved" and historic.pk == kept.pk
    assert historic.memberships.get().user_id == user.pk
    created = NewOrganisation.objects.get(name="Collectif des Dervallières")
    assert created.status == "approved" and created.kind == "collectif"
    linked = {c.pk: c.organisation_id for c in NewCahier.objects.all()}
    assert linked == {
        cahiers[0].pk: created.pk,
        cahiers[1].pk: historic.pk,
        cahiers[2].pk: created.pk,
    }
    # The names typed stay as they were.
    assert NewCahier.objects.get(pk=cahiers[1].pk).organisation_name == "asso historique"
