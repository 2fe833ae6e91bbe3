"""A participatory process (démarche), its mandate, phases, questions and channels."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Process(models.Model):
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=80, unique=True)
    summary = models.TextField(_("résumé"), blank=True)
    # Mandat cadre
    who_may_take_part = models.TextField(_("qui peut participer"), blank=True)
    objectives = models.TextField(_("objectifs"), blank=True)
    policy_impacts = models.TextField(
        _("impacts possibles sur les politiques publiques"), blank=True
    )
    commitment = models.TextField(_("engagement des élu·e·s à répondre"), blank=True)
    # Contact and channels
    phone_number = models.CharField(_("ligne téléphonique gratuite"), max_length=30, blank=True)
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    receipt_prefix = models.CharField(
        _("préfixe des numéros de récépissé"),
        max_length=8,
        help_text=_("Par exemple ASN : les récépissés seront ASN-2022-000123."),
    )
    receipt_year = models.PositiveSmallIntegerField(_("année des récépissés"))
    receipt_counter = models.PositiveIntegerField(
        _("compteur de récépissés"), default=0, editable=False
    )
    # The profiles the contribution form offers, with the label this process gives them
    # ({"resident": "habitant·e de Nantes", ...}); empty: every profile, default labels.
    profile_labels = models.JSONField(
        _("profils proposés"),
        default=dict,
        db_default=models.Value({}, output_field=models.JSONField()),
        blank=True,
    )
    is_published = models.BooleanField(_("publiée"), default=False)
    created_at = models.DateTimeField(_("date de création"), auto_now_add=True)

    class Meta:
        ordering = ["-receipt_year", "title"]
        verbose_name = _("démarche")
        verbose_name_plural = _("démarches")
        constraints = [
            # Receipt numbers are unique across the site: two processes sharing a prefix
            # and a year would both count from 1 and collide on their first receipt.
            models.UniqueConstraint(
                fields=["receipt_prefix", "receipt_year"], name="process_receipt_series_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("processes:detail", kwargs={"slug": self.slug})


class Phase(models.Model):
    class Kind(models.TextChoices):
        CONTRIBUTIONS = "contributions", _("contributions")
        EVENT = "event", _("temps fort")
        INSTRUCTION = "instruction", _("instruction")
        ANSWER = "answer", _("réponse")
        IMPLEMENTATION = "implementation", _("mise en œuvre")

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="phases", verbose_name=_("démarche")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="phase_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_current(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on


class Question(models.Model):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="questions", verbose_name=_("démarche")
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("question"), max_length=300)
    description = models.TextField(_("présentation"), blank=True)
    prompts = models.TextField(_("pistes de réflexion"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="question_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Neighbourhood(models.Model):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="neighbourhoods", verbose_name=_("démarche")
    )
    name = models.CharField(_("nom"), max_length=100)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=100)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    is_outside = models.BooleanField(_("hors territoire"), default=False)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("quartier")
        verbose_name_plural = _("quartiers")
        constraints = [
            models.UniqueConstraint(fields=["process", "slug"], name="neighbourhood_slug_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Channel(models.Model):
    """A way to take part, with its own opening and closing dates."""

    class Kind(models.TextChoices):
        ONLINE = "online", _("formulaire en ligne")
        PAPER = "paper", _("formulaire papier")
        PHONE = "phone", _("message téléphonique")
        COLLECTIVE = "collective", _("cahier d'acteurs")
        WORK = "work", _("œuvre originale")
        EVENT = "event", _("compte rendu d'événement")

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="channels", verbose_name=_("démarche")
    )
    kind = models.CharField(_("canal"), max_length=20, choices=Kind.choices)
    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(_("clôture"))
    instructions = models.TextField(_("mode d'emploi"), blank=True)
    # Put before the number of the receipts of this channel (ASN-2026-T000042); the numbers
    # themselves come from the one counter of the process, so they never collide.
    receipt_code = models.CharField(
        _("lettre des récépissés"), max_length=2, blank=True, default="", db_default=""
    )

    class Meta:
        ordering = ["opens_at", "kind"]
        verbose_name = _("canal de participation")
        verbose_name_plural = _("canaux de participation")
        constraints = [
            models.UniqueConstraint(fields=["process", "kind"], name="channel_kind_unique"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="channel_closes_after_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.process})"

    def is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class Urn(models.Model):
    """A ballot box for paper forms, at a known place."""

    class PlaceKind(models.TextChoices):
        MAISON_DE_QUARTIER = "maison_quartier", _("maison de quartier")
        MAIRIE_ANNEXE = "mairie_annexe", _("mairie annexe")
        CENTRE_SOCIAL = "centre_social", _("centre social")
        COMMERCE = "commerce", _("commerce")
        AUTRE = "autre", _("autre lieu")

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="urns", verbose_name=_("démarche")
    )
    code = models.SlugField(_("code"), max_length=40)
    place_name = models.CharField(_("lieu"), max_length=200)
    place_kind = models.CharField(_("type de lieu"), max_length=20, choices=PlaceKind.choices)
    address = models.CharField(_("adresse"), max_length=300)
    neighbourhood = models.ForeignKey(
        Neighbourhood, verbose_name=_("quartier"), on_delete=models.PROTECT, related_name="urns"
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    opening_hours = models.CharField(_("horaires"), max_length=300, blank=True)
    present_from = models.DateField(_("présente du"), null=True, blank=True)
    present_until = models.DateField(_("présente jusqu'au"), null=True, blank=True)

    class Meta:
        ordering = ["neighbourhood__order", "place_name"]
        verbose_name = _("urne")
        verbose_name_plural = _("urnes")
        constraints = [models.UniqueConstraint(fields=["process", "code"], name="urn_code_unique")]

    def __str__(self) -> str:
        return self.place_name
