"""Organisations and memberships now live in ``concerto.organisations``: the event's foreign
key follows, the old models leave the state. State only: the tables are kept (and renamed by
organisations 0002)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_registration_phones_e164"),
        ("organisations", "0001_initial"),
        ("collective", "0002_organisation_moves_to_organisations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="event",
                    name="organisation",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="events", to="organisations.organisation", verbose_name="organisation"),
                ),
                migrations.RemoveField(model_name="organisation", name="members"),
                migrations.RemoveConstraint(model_name="membership", name="membership_unique"),
                migrations.DeleteModel(name="Membership"),
                migrations.DeleteModel(name="Organisation"),
            ],
        ),
    ]
