"""Factories for the events tests. Every person and organisation here is invented."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from concerto.events.models import Event, Registration, RouteStop
from concerto.organisations.models import Membership, Organisation
from tests.factories import ProcessFactory, UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Association Exemple {n}")
    slug = factory.Sequence(lambda n: f"association-{n}")
    kind = Organisation.Kind.ASSOCIATION
    status = Organisation.Status.APPROVED


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


def _soon(days: int = 7, hour: int = 18) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    process = factory.SubFactory(ProcessFactory)
    kind = Event.Kind.ASSOCIATION_WORKSHOP
    organiser_kind = Event.Organiser.CITY
    title = factory.Sequence(lambda n: f"Atelier solidarités {n}")
    slug = factory.Sequence(lambda n: f"atelier-{n}")
    description = "Un atelier pour imaginer ensemble de nouvelles solidarités."
    start = factory.LazyFunction(_soon)
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=2))
    place_name = "Maison de quartier Exemple"
    address = "1 rue de l'Exemple, 44000 Nantes"
    neighbourhood = factory.LazyAttribute(lambda o: o.process.neighbourhoods.first())
    status = Event.Status.APPROVED


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Personne inscrite {n}")
    email = factory.Sequence(lambda n: f"inscrit{n}@exemple.test")
    status = Registration.Status.CONFIRMED
    created_at = factory.LazyFunction(timezone.now)


def soon(days: int = 7, hour: int = 18) -> dt.datetime:
    return _soon(days, hour)


def png_bytes(size: tuple[int, int] = (40, 30), color: str = "#2a7") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def add_stop(event: Event, *, position: int | None = None, with_photo: bool = False) -> RouteStop:
    """A stop of ``event``'s walking route (photo stored as the service would)."""
    if position is None:
        position = event.stops.count() + 1
    stop = RouteStop(
        event=event,
        position=position,
        place_name=f"Lieu d'étape {position}",
        initiative="épicerie solidaire",
        description="Une épicerie où chacun·e paie selon ses moyens.",
        address=f"{position} rue de l'Exemple, 44000 Nantes",
        latitude=Decimal("47.218000") + Decimal(position) / 1000,
        longitude=Decimal("-1.553000"),
    )
    if with_photo:
        stop.photo.save("etape.png", ContentFile(png_bytes()), save=False)
        stop.photo_content_type = "image/png"
        stop.photo_alt = "La devanture de l'épicerie, avec des cagettes de légumes."
    stop.save()
    return stop
