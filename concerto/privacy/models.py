"""Requests about personal data (copy or erasure) from people without an account."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivacyRequest(models.Model):
    """A person asks, through the public form, for a copy of their data or its erasure.

    ``email`` and ``message`` are personal data: shown only to staff who handle requests,
    never logged nor written to the audit log, and purged by ``purge_personal_data`` once
    the request has been handled for longer than the retention period.
    """

    class Kind(models.TextChoices):
        EXPORT = "export", _("recevoir une copie de mes données")
        ERASURE = "erasure", _("faire effacer mes données")

    class Status(models.TextChoices):
        NEW = "new", _("à traiter")
        DONE = "done", _("traitée")
        REFUSED = "refused", _("refusée (identité non vérifiée)")

    kind = models.CharField(_("demande"), max_length=10, choices=Kind.choices)
    receipt = models.CharField(_("numéro de récépissé"), max_length=32, blank=True)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("traitée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("traitée le"), null=True, blank=True)
    personal_data_purged_at = models.DateTimeField(
        _("données personnelles purgées le"), null=True, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("demande sur les données personnelles")
        verbose_name_plural = _("demandes sur les données personnelles")

    def __str__(self) -> str:
        # Never the e-mail: this string goes to the audit log (target_label).
        return f"Demande n° {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.NEW
