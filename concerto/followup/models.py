"""Droit de suite: what became of a contribution, told to its author, and the annual report.

- ``FollowupEvent``: an append-only log of the changes that stem from a contribution
  (published, cited by the report, answered, an action started or done), detected by
  ``concerto.followup.detection`` for the contributions whose author opted in.
- ``FollowupDigest`` / ``FollowupNotice``: one row per e-mail sent (to a recipient known only
  by a keyed hash of the address) and one per event it told, so nothing is told twice and
  nobody gets more than one e-mail a week.
- ``AnnualReport``: the yearly follow-up report, its figures frozen as data, and its PDF.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from concerto.contributions.models import Contribution
from concerto.processes.models import Process


class FollowupEvent(models.Model):
    """Something that changed downstream of a contribution. Rows are never updated."""

    class Kind(models.TextChoices):
        PUBLISHED = "published", _("contribution publiée")
        CITED = "cited", _("citée par le rapport de synthèse")
        ANSWERED = "answered", _("réponse de la Ville publiée")
        ANSWER_CHANGED = "answer_changed", _("réponse de la Ville modifiée")
        ACTION_STARTED = "action_started", _("action commencée")
        ACTION_DONE = "action_done", _("action terminée")

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.CASCADE,
        related_name="followup_events",
        verbose_name=_("contribution"),
    )
    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices)
    # The object that changed ("reports.proposal", "strategy.action"…) and its version.
    object_type = models.CharField(_("type d'objet"), max_length=40, blank=True)
    object_id = models.CharField(_("identifiant de l'objet"), max_length=40, blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    # A public label of that object as it was when the change was detected (never the
    # contribution's text): "P12. Ouvrir…", "retenue", the title of an action.
    label = models.CharField(_("libellé"), max_length=300, blank=True)
    detail = models.CharField(_("précision"), max_length=300, blank=True)
    occurred_at = models.DateTimeField(_("survenu le"))
    created_at = models.DateTimeField(_("détecté le"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("événement de suivi")
        verbose_name_plural = _("événements de suivi")
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "kind", "object_type", "object_id", "version"],
                name="followup_event_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contribution_id} {self.kind} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Le journal de suivi ne se modifie pas : ajoutez une ligne.")
        super().save(*args, **kwargs)


class FollowupDigest(models.Model):
    """One e-mail sent to one recipient. The address is not kept: ``recipient_key`` is a
    keyed hash of it (``concerto.followup.recipients.recipient_key``)."""

    recipient_key = models.CharField(_("destinataire (empreinte)"), max_length=64, db_index=True)
    sent_at = models.DateTimeField(_("envoyé le"), db_index=True)
    contribution_count = models.PositiveIntegerField(_("nombre de contributions"), default=0)
    event_count = models.PositiveIntegerField(_("nombre d'événements"), default=0)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("courriel de suivi")
        verbose_name_plural = _("courriels de suivi")
        indexes = [models.Index(fields=["recipient_key", "-sent_at"], name="followup_digest_idx")]

    def __str__(self) -> str:
        return f"{self.recipient_key[:12]} {self.sent_at:%Y-%m-%d}"


class FollowupNotice(models.Model):
    """An event told in a digest: each event is told once."""

    digest = models.ForeignKey(
        FollowupDigest,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("envoi groupé"),
    )
    event = models.OneToOneField(
        FollowupEvent, on_delete=models.CASCADE, related_name="notice", verbose_name=_("événement")
    )

    class Meta:
        verbose_name = _("nouvelle envoyée")
        verbose_name_plural = _("nouvelles envoyées")

    def __str__(self) -> str:
        return f"{self.digest_id} / {self.event_id}"


def annual_pdf_path(instance: AnnualReport, filename: str) -> str:
    return f"private/followup/{uuid.uuid4().hex}.pdf"


class AnnualReport(models.Model):
    """A "Rapport annuel de suivi" for a date range: figures computed from the database when
    it was generated, kept as data (``content``) so that the page and the PDF never drift."""

    class Status(models.TextChoices):
        PENDING = "pending", _("en préparation")
        READY = "ready", _("prêt")
        ERROR = "error", _("erreur")

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="annual_reports", verbose_name=_("démarche")
    )
    period_start = models.DateField(_("du"))
    period_end = models.DateField(_("au"))
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    content = models.JSONField(_("contenu"), default=dict, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=annual_pdf_path, max_length=200, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("créé par"),
    )
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    generated_at = models.DateTimeField(_("produit le"), null=True, blank=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("publié par"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("rapport annuel de suivi")
        verbose_name_plural = _("rapports annuels de suivi")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="annual_report_period_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.process} — {self.period_start} → {self.period_end}"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY
