"""Phone numbers of registrations in E.164 (``+33612345678``), as the service now stores
them, so that a number typed two ways is recognised as one person.

Nothing is merged: two registrations of one event that now have the same number are both
kept, and listed (by number only, no personal data) in the output of ``migrate`` for the
organisers to check. A number that cannot be read is left as it was, and listed too.
Not reversible (the formats people typed are not kept): going back leaves E.164 numbers,
which the old code reads as any other string."""

import sys

import phonenumbers
from django.db import migrations
from django.db.models import Count

REGION = "FR"  # numbers without a country code are French (concerto.core.phones)


def _e164(raw):
    try:
        number = phonenumbers.parse(raw.strip(), REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_phones(apps, schema_editor):
    Registration = apps.get_model("events", "Registration")
    changed, unreadable = [], []
    for registration in Registration.objects.exclude(phone="").only("pk", "phone").iterator():
        value = _e164(registration.phone)
        if value is None:
            unreadable.append(registration.pk)
        elif value != registration.phone:
            registration.phone = value
            changed.append(registration)
    Registration.objects.bulk_update(changed, ["phone"], batch_size=500)
    duplicates = (
        Registration.objects.exclude(phone="")
        .exclude(status="cancelled")
        .values("event_id", "phone")
        .annotate(count=Count("id"))
        .filter(count__gt=1)
        .order_by("event_id")
    )
    lines = []
    for group in duplicates:
        ids = sorted(
            Registration.objects.filter(event_id=group["event_id"], phone=group["phone"])
            .exclude(status="cancelled")
            .values_list("pk", flat=True)
        )
        lines.append(
            f"  événement n° {group['event_id']} : inscriptions n° "
            + ", ".join(str(pk) for pk in ids)
            + " (même numéro de téléphone, toutes gardées : à vérifier)"
        )
    if changed or unreadable or lines:
        out = sys.stdout
        out.write(f"\n  {len(changed)} numéro(s) de téléphone d'inscription mis au format E.164.\n")
        if unreadable:
            out.write(
                "  Numéros illisibles laissés tels quels, inscriptions n° "
                + ", ".join(str(pk) for pk in sorted(unreadable))
                + "\n"
            )
        if lines:
            out.write("  Même numéro pour plusieurs inscriptions d'un événement :\n")
            out.write("\n".join(lines) + "\n")


class Migration(migrations.Migration):
    dependencies = [("events", "0002_route_stops_and_anonymised_registrations")]

    operations = [migrations.RunPython(normalise_phones, migrations.RunPython.noop)]
