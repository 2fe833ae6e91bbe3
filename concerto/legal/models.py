"""The legal pages' editable texts: one row, edited by an admin in the back-office.

An empty field means "the default": the value from settings (mentions légales, data
controller, DPO) or the demo's default text (concerto.legal.defaults). The retention periods
of the privacy notice are never stored here: they come from the settings the purge commands
read (concerto.legal.notice).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalTexts(models.Model):
    class Conformity(models.TextChoices):
        FULL = "full", _("totalement conforme")
        PARTIAL = "partial", _("partiellement conforme")
        NONE = "none", _("non conforme")

    publisher = models.TextField(_("éditeur du site"), blank=True)
    publication_director = models.CharField(
        _("directeur·rice de la publication"), max_length=300, blank=True
    )
    host = models.TextField(_("hébergeur"), blank=True)
    data_controller = models.TextField(_("responsable du traitement"), blank=True)
    dpo_contact = models.TextField(_("délégué·e à la protection des données (contact)"), blank=True)
    accessibility_status = models.CharField(
        _("état de conformité au RGAA 4.1"), max_length=10, choices=Conformity.choices, blank=True
    )
    audit_date = models.DateField(_("date du dernier audit"), null=True, blank=True)
    audit_scope = models.TextField(_("périmètre et auteur du dernier audit"), blank=True)
    non_conformities = models.TextField(_("non-conformités connues"), blank=True)
    derogations = models.TextField(_("dérogations pour charge disproportionnée"), blank=True)
    accessibility_contact = models.TextField(_("retour d'information et contact"), blank=True)
    charter = models.TextField(_("charte de modération"), blank=True)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("modifiées le"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("modifiées par"),
    )

    class Meta:
        verbose_name = _("textes des pages légales")
        verbose_name_plural = _("textes des pages légales")

    def __str__(self) -> str:
        return "Pages légales"
