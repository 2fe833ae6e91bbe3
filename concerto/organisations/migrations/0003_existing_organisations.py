"""Existing data, without loss.

* Organisations created before self-registration were created by the team: approved.
* Cahiers d'acteurs entered without an organisation (typed from a document) keep their
  ``organisation_name`` and ``organisation_kind`` as they are, and are linked to an
  organisation of that name (found case-insensitively, or created, approved: the team
  received the cahier). Reversing only unlinks what this migration linked.
"""

from django.db import migrations
from django.utils.text import slugify


def _unique_slug(Organisation, name):
    base = (slugify(name) or "organisation")[:90]
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def forwards(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    Cahier = apps.get_model("collective", "CollectiveContribution")
    Organisation.objects.all().update(status="approved")
    for cahier in Cahier.objects.filter(organisation__isnull=True).exclude(organisation_name=""):
        name = cahier.organisation_name.strip()
        organisation = Organisation.objects.filter(name__iexact=name).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                name=name,
                slug=_unique_slug(Organisation, name),
                kind=cahier.organisation_kind or "association",
                status="approved",
            )
        cahier.organisation = organisation
        cahier.save(update_fields=["organisation"])


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_organisation_page_invitations"),
        ("collective", "0002_organisation_moves_to_organisations"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
