"""Organisations and memberships move from ``events`` to their own app. State only: the
tables stay as they are (renamed by 0002), no row is copied, so nothing can be lost."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("events", "0003_registration_phones_e164"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Organisation",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=200, verbose_name="nom")),
                        ("slug", models.SlugField(max_length=100, unique=True, verbose_name="identifiant d'adresse")),
                        ("kind", models.CharField(choices=[("association", "association"), ("collectif", "collectif"), ("entreprise", "entreprise"), ("institution", "institution"), ("conseil", "conseil")], max_length=20, verbose_name="type")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                    ],
                    options={"verbose_name": "organisation", "ordering": ["name"], "db_table": "events_organisation"},
                ),
                migrations.CreateModel(
                    name="Membership",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("role", models.CharField(choices=[("admin", "responsable"), ("member", "membre")], default="member", max_length=10, verbose_name="rôle")),
                        ("joined_at", models.DateTimeField(auto_now_add=True)),
                        ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="memberships", to="organisations.organisation")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="memberships", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={"verbose_name": "adhésion", "db_table": "events_membership"},
                ),
                migrations.AddConstraint(
                    model_name="membership",
                    constraint=models.UniqueConstraint(fields=("organisation", "user"), name="membership_unique"),
                ),
                migrations.AddField(
                    model_name="organisation",
                    name="members",
                    field=models.ManyToManyField(related_name="organisations", through="organisations.Membership", to=settings.AUTH_USER_MODEL, verbose_name="membres"),
                ),
            ],
        ),
    ]
