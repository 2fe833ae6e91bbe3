"""Received, analysed, published: two new states, every existing contribution kept.

* ``private``: received without consent to publication. Such contributions used to wait
  "à modérer" forever (and out of the analysis); they are analysed, never published.
* ``set_aside``: refused under the charter (insults, hatred, advertising, spam), the only
  contributions left out of the analysis, with their reason.
* Other refusals (off topic, names people, duplicate, other) keep ``rejected``: their
  publication is refused, they are analysed.

Backwards, ``private`` becomes ``pending`` and ``set_aside`` becomes ``rejected`` (their
reasons are kept): nothing is deleted either way.
"""

from django.db import migrations, models

CHARTER_REASONS = ("offensive", "advertising", "spam")


def forward(apps, schema_editor):
    Contribution = apps.get_model("contributions", "Contribution")
    Contribution.objects.filter(status="pending", consent_publication=False).update(
        status="private"
    )
    Contribution.objects.filter(status="rejected", rejection_reason__in=CHARTER_REASONS).update(
        status="set_aside"
    )


def backward(apps, schema_editor):
    Contribution = apps.get_model("contributions", "Contribution")
    Contribution.objects.filter(status="private").update(status="pending")
    Contribution.objects.filter(status="set_aside").update(status="rejected")


class Migration(migrations.Migration):
    dependencies = [("contributions", "0008_search_index_no_pending_list")]

    operations = [
        migrations.AlterField(
            model_name="contribution",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "à modérer"),
                    ("published", "publiée"),
                    ("rejected", "publication refusée"),
                    ("changes_requested", "modification demandée"),
                    ("private", "non publiée (sans accord de publication)"),
                    ("set_aside", "écartée de l'analyse (charte)"),
                ],
                db_index=True,
                default="pending",
                max_length=20,
                verbose_name="statut",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
