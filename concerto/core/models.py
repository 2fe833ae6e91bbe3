"""The audit log: every decision, who, when, what and why. Rows are append-only."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Le journal d'audit ne peut pas être modifié.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Le journal d'audit ne peut pas être effacé.")


class AuditEvent(models.Model):
    """One line of the audit log. Never updated, never deleted (also enforced by a
    database trigger, see migration 0002)."""

    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("acteur"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.CharField(_("type d'objet"), max_length=64, blank=True)
    target_id = models.CharField(_("identifiant d'objet"), max_length=64, blank=True)
    target_label = models.CharField(_("objet"), max_length=200, blank=True)
    reason = models.TextField(_("motif"), blank=True)
    data = models.JSONField(_("détails"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("événement d'audit")
        verbose_name_plural = _("journal d'audit")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Le journal d'audit ne peut pas être modifié.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Le journal d'audit ne peut pas être effacé.")

    @property
    def actor_name(self) -> str:
        """For staff pages: a staff member's current address (through the link, not stored
        in the row), else the stored label. Select ``actor`` with the rows."""
        if self.actor_id is not None and self.actor is not None:
            return f"{self.actor.email} ({self.actor_label})"
        return self.actor_label


class RateCounter(models.Model):
    """One fixed-window rate-limit counter (core/ratelimit.py). The key holds the scope, a
    keyed hash of the client (never the IP itself) and the window number."""

    key = models.CharField(_("compteur"), max_length=120, primary_key=True)
    count = models.PositiveIntegerField(_("nombre"), default=0)
    expires_at = models.DateTimeField(_("expire le"), db_index=True)

    class Meta:
        verbose_name = _("compteur de limitation de débit")
        verbose_name_plural = _("compteurs de limitation de débit")

    def __str__(self) -> str:
        return f"{self.key} = {self.count}"


class SiteIdentity(models.Model):
    """The City's identity (one row, pk 1, written by ``core.identity.identity_update``):
    names, logo, colours, footer links and contact. Without a row, the defaults of
    ``core.identity.DEFAULTS`` (the Nantes demo) apply."""

    platform_name = models.CharField(_("nom de la plateforme"), max_length=60)
    city_name = models.CharField(_("nom de la collectivité"), max_length=80)
    logo = models.BinaryField(_("logo"), blank=True, default=b"")
    logo_type = models.CharField(_("type du logo"), max_length=20, blank=True)
    colour_primary = models.CharField(_("couleur principale"), max_length=7)
    colour_secondary = models.CharField(_("couleur secondaire"), max_length=7)
    footer_links = models.JSONField(_("liens du pied de page"), default=list, blank=True)
    contact_address = models.TextField(_("adresse de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone de contact"), max_length=20, blank=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("identité de la collectivité")
        verbose_name_plural = _("identité de la collectivité")

    def __str__(self) -> str:
        return f"{self.platform_name} · {self.city_name}"
