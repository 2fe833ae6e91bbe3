"""Organisations (associations, collectives, companies...) on their own: their page, their
members and roles, their invitations, and the team's approval.

An organisation is *pending* when a resident creates it; the team approves it (or refuses
it, with a reason) before it may file a cahier d'acteurs or propose events in its name.

Personal data here (declared for the personal-data registry, see the lane ``privacy``):
``Invitation.email`` (the invited address: shown to the organisation's responsables and to
staff; blanked when the invitation is accepted or revoked, and purged when it expires),
``Membership.user`` (who belongs to which organisation: seen by the organisation's
responsables and staff, never public), ``Organisation.created_by``/``reviewed_by``.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concerto.processes.models import Neighbourhood


def logo_path(instance: Organisation, filename: str) -> str:
    return f"organisations/logos/{uuid.uuid4().hex}{instance.logo_extension}"


class Organisation(models.Model):
    """An association, a collective, a company, an institution or a council. It organises
    events and signs cahiers d'acteurs once the team has approved it."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("association")
        COLLECTIF = "collectif", _("collectif")
        ENTREPRISE = "entreprise", _("entreprise")
        INSTITUTION = "institution", _("institution")
        CONSEIL = "conseil", _("conseil")

    class Status(models.TextChoices):
        PENDING = "pending", _("en attente de validation")
        APPROVED = "approved", _("validée")
        REFUSED = "refused", _("refusée")

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=100, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    # Official numbers, checked by format and key (concerto.organisations.numbers).
    siret = models.CharField(_("numéro SIRET ou SIREN"), max_length=14, blank=True)
    rna = models.CharField(_("numéro RNA"), max_length=10, blank=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("quartier"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )
    description = models.TextField(_("présentation"), blank=True)
    website = models.URLField(_("site web"), blank=True, max_length=300)
    logo = models.FileField(upload_to=logo_path, max_length=200, blank=True, verbose_name=_("logo"))
    logo_content_type = models.CharField(max_length=100, blank=True, verbose_name=_("type du logo"))
    logo_extension = models.CharField(max_length=8, blank=True, verbose_name=_("extension du logo"))
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    refusal_reason = models.TextField(_("motif du refus"), blank=True)
    members: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="organisations",
        verbose_name=_("membres"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("examinée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("examinée le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("date de création"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("responsable")
        MEMBER = "member", _("membre")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("compte"),
    )
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True, verbose_name=_("membre depuis le"))

    class Meta:
        verbose_name = _("adhésion")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique")
        ]
        verbose_name_plural = _("adhésions")

    def __str__(self) -> str:
        # Never a name or an address: this string may reach the audit log.
        return f"adhésion n° {self.pk} ({self.organisation_id})"


class Invitation(models.Model):
    """An e-mail invitation to join an organisation. The link carries a signed token
    (django.core.signing) with the invitation's number and nonce; it expires after
    ``CONCERTO_INVITATION_DAYS``."""

    class Status(models.TextChoices):
        PENDING = "pending", _("envoyée")
        ACCEPTED = "accepted", _("acceptée")
        REVOKED = "revoked", _("annulée")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("adresse e-mail invitée"), blank=True)
    role = models.CharField(
        _("rôle"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    nonce = models.UUIDField(default=uuid.uuid4, editable=False, verbose_name=_("jeton"))
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invitée par"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("envoyée le"))
    answered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("réponse le"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        # Never the address: this string goes to the audit log.
        return f"invitation n° {self.pk} ({self.organisation_id})"
