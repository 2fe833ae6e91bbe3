"""Events of a process (workshops, panels, festival...), their organisers, registrations
and reports. Times are stored in UTC and shown in Europe/Paris (settings.TIME_ZONE)."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concerto.contributions.models import Contribution

# Organisations moved to concerto.organisations; re-exported for older imports.
from concerto.organisations.models import Membership as Membership
from concerto.organisations.models import Organisation as Organisation
from concerto.processes.models import Neighbourhood, Process


class Event(models.Model):
    class Kind(models.TextChoices):
        MEDIATION = "mediation", _("médiation dans un quartier")
        PANEL = "panel", _("panel citoyen")
        VEILLEURS = "veilleurs", _("atelier « veilleurs »")
        ASSOCIATION_WORKSHOP = "association_workshop", _("atelier d'association")
        FESTIVAL = "festival", _("festival")
        CONFERENCE = "conference", _("conférence")
        ROUND_TABLE = "round_table", _("table ronde")
        OTHER = "other", _("autre")

    class Organiser(models.TextChoices):
        CITY = "city", _("la Ville")
        ORGANISATION = "organisation", _("une organisation")
        RESIDENT = "resident", _("un·e habitant·e")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("ouvert au public")
        CLOSED = "closed", _("fermé (sur invitation)")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposé")
        CHANGES_REQUESTED = "changes_requested", _("modification demandée")
        APPROVED = "approved", _("publié")
        REFUSED = "refused", _("refusé")
        CANCELLED = "cancelled", _("annulé")

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="events", verbose_name=_("démarche")
    )
    kind = models.CharField(_("type d'événement"), max_length=30, choices=Kind.choices)
    organiser_kind = models.CharField(
        _("organisé par"), max_length=20, choices=Organiser.choices, default=Organiser.CITY
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=100)
    description = models.TextField(_("description"))
    start = models.DateTimeField(_("début"), db_index=True)
    end = models.DateTimeField(_("fin"))
    # Where: a place and/or an online link.
    place_name = models.CharField(_("lieu"), max_length=200, blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("quartier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    online_url = models.URLField(_("lien de la réunion en ligne"), max_length=500, blank=True)
    # Who
    visibility = models.CharField(
        _("ouverture"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    audience = models.CharField(_("public visé"), max_length=300, blank=True)
    # Accessibility
    step_free_access = models.BooleanField(_("accessible en fauteuil roulant"), default=False)
    sign_language = models.BooleanField(_("interprétation en langue des signes"), default=False)
    hearing_loop = models.BooleanField(_("boucle magnétique"), default=False)
    childcare = models.BooleanField(_("garde d'enfants"), default=False)
    is_free = models.BooleanField(_("gratuit"), default=True)
    price = models.CharField(_("tarif"), max_length=200, blank=True)
    accessibility_notes = models.TextField(_("autres informations d'accessibilité"), blank=True)
    # Registration
    capacity = models.PositiveIntegerField(
        _("nombre de places"),
        null=True,
        blank=True,
        help_text=_("Laissez vide s'il n'y a pas de limite."),
    )
    registration_open = models.BooleanField(_("inscriptions ouvertes"), default=True)
    # Life cycle
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    refusal_reason = models.TextField(_("motif du refus"), blank=True)
    moderation_note = models.TextField(_("message de la modération"), blank=True)
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_events",
    )
    # A session of a multi-session event (festival programme).
    parent = models.ForeignKey(
        "self",
        verbose_name=_("fait partie de"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sessions",
    )
    room = models.CharField(_("salle"), max_length=200, blank=True)
    speakers = models.TextField(_("intervenant·e·s"), blank=True)
    is_demo = models.BooleanField(_("donnée de démonstration"), default=False)
    created_at = models.DateTimeField(_("date de création"), auto_now_add=True)
    updated_at = models.DateTimeField(_("dernière modification"), auto_now=True)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        constraints = [
            models.UniqueConstraint(fields=["process", "slug"], name="event_slug_unique"),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="event_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="event_capacity_positive",
            ),
            models.CheckConstraint(
                condition=Q(organiser_kind="organisation", organisation__isnull=False)
                | (~Q(organiser_kind="organisation") & Q(organisation__isnull=True)),
                name="event_organisation_matches_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["process", "status", "start"], name="event_agenda_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.process.slug, "event": self.slug})

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    @property
    def accessibility_features(self) -> list[str]:
        return [
            str(ACCESSIBILITY_LABELS[name]) for name in ACCESSIBILITY_FIELDS if getattr(self, name)
        ]

    @property
    def organiser_label(self) -> str:
        if self.organiser_kind == self.Organiser.ORGANISATION and self.organisation is not None:
            return self.organisation.name
        return str(self.Organiser(self.organiser_kind).label)


ACCESSIBILITY_FIELDS = ("step_free_access", "sign_language", "hearing_loop", "childcare")
ACCESSIBILITY_LABELS = {
    "step_free_access": _("accessible en fauteuil roulant"),
    "sign_language": _("langue des signes"),
    "hearing_loop": _("boucle magnétique"),
    "childcare": _("garde d'enfants"),
}


class Registration(models.Model):
    """One person's seat (or place on the waiting list). The minimum: a name and a way to
    reach them (e-mail or phone)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("inscrit·e")
        WAITLISTED = "waitlisted", _("liste d'attente")
        CANCELLED = "cancelled", _("annulée")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("événement")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("compte"),
    )
    name = models.CharField(_("nom"), max_length=100)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    status = models.CharField(
        _("statut"), max_length=12, choices=Status.choices, default=Status.CONFIRMED
    )
    attended = models.BooleanField(_("présent·e"), null=True, blank=True)
    created_at = models.DateTimeField(_("inscrit·e le"), db_index=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    # Set when the name and contact were erased (on request, or by the retention purge):
    # the row stays, so that the figures (registered, attended) do not change.
    anonymised_at = models.DateTimeField(_("anonymisée le"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone="") | Q(anonymised_at__isnull=False),
                name="registration_has_contact",
            ),
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False) & ~Q(status="cancelled"),
                name="registration_one_per_account",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="registration_event_idx")]

    def __str__(self) -> str:
        return f"{self.event_id} / {self.pk}"


class EventReport(models.Model):
    """The organiser's report (compte rendu), which is a collective contribution."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="report", verbose_name=_("événement")
    )
    contribution = models.OneToOneField(
        Contribution,
        on_delete=models.CASCADE,
        related_name="event_report",
        verbose_name=_("contribution"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("auteur·rice"),
    )
    created_at = models.DateTimeField(_("date de création"), auto_now_add=True)

    class Meta:
        verbose_name = _("compte rendu")
        verbose_name_plural = _("comptes rendus")

    def __str__(self) -> str:
        return f"{self.event_id} → {self.contribution_id}"


def stop_photo_path(instance: RouteStop, filename: str) -> str:
    return f"events/parcours/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class RouteStop(models.Model):
    """One stop of a walking route (the « Parcours des solidarités ») belonging to an
    event: a place, the solidarity initiative met there, and where to find it."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="stops", verbose_name=_("événement")
    )
    position = models.PositiveSmallIntegerField(_("numéro d'étape"))
    place_name = models.CharField(_("lieu"), max_length=200)
    initiative = models.CharField(_("initiative"), max_length=200)
    description = models.TextField(_("description"))
    address = models.CharField(_("adresse"), max_length=300)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("quartier"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="route_stops",
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    # Checked by content and re-encoded (concerto.core.uploads) before it is saved;
    # served by a view that checks the event is published.
    photo = models.FileField(_("photo"), upload_to=stop_photo_path, blank=True, max_length=200)
    photo_alt = models.CharField(_("description de la photo"), max_length=300, blank=True)
    photo_content_type = models.CharField(_("type de la photo"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("date de création"), auto_now_add=True)
    updated_at = models.DateTimeField(_("dernière modification"), auto_now=True)

    class Meta:
        ordering = ["event", "position", "id"]
        verbose_name = _("étape de parcours")
        verbose_name_plural = _("étapes de parcours")
        constraints = [
            models.UniqueConstraint(fields=["event", "position"], name="route_stop_position"),
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(photo_alt=""), name="route_stop_photo_has_alt"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.place_name}"
