"""The synthesis report: stakes ("enjeux"), each with findings ("constats") and
proposals ("préconisations").

A proposal's ``number`` is stable: given once per report, never reused or renumbered,
so that the officials' answer (concerto.strategy) can refer to it point by point.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from concerto.processes.models import Process
from concerto.synthesis.models import Coding, Theme


class Report(models.Model):
    process = models.OneToOneField(
        Process, on_delete=models.CASCADE, related_name="report", verbose_name=_("démarche")
    )
    title = models.CharField(_("titre"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    method = models.TextField(_("méthode"), blank=True)
    next_proposal_number = models.PositiveIntegerField(
        _("numéro de la prochaine préconisation"), default=1, editable=False
    )
    updated_at = models.DateTimeField(_("dernière modification"), auto_now=True)

    class Meta:
        verbose_name = _("rapport de synthèse")
        verbose_name_plural = _("rapports de synthèse")

    def __str__(self) -> str:
        return self.title


class ReportVersion(models.Model):
    """A published version: the whole report frozen as data, with its PDF."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="versions", verbose_name=_("rapport")
    )
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("contenu publié"))
    pdf = models.FileField(_("PDF"), upload_to="reports/", blank=True)
    # Set when the background task could not build the PDF (the page says so).
    pdf_error = models.CharField(_("erreur de génération du PDF"), max_length=300, blank=True)
    note = models.CharField(_("motif"), max_length=300, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("publié par"),
    )
    published_at = models.DateTimeField(_("publiée le"))

    class Meta:
        ordering = ["report", "-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")
        ]
        verbose_name = _("version publiée du rapport")
        verbose_name_plural = _("versions publiées du rapport")

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"


class Stake(models.Model):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="stakes", verbose_name=_("rapport")
    )
    position = models.PositiveIntegerField(_("ordre"), default=0)
    title = models.CharField(_("enjeu"), max_length=200)
    summary = models.TextField(_("présentation"), blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="stakes", verbose_name=_("thèmes")
    )

    class Meta:
        ordering = ["report", "position", "pk"]
        verbose_name = _("enjeu")
        verbose_name_plural = _("enjeux")

    def __str__(self) -> str:
        return self.title


class Finding(models.Model):
    stake = models.ForeignKey(
        Stake, on_delete=models.CASCADE, related_name="findings", verbose_name=_("enjeu")
    )
    position = models.PositiveIntegerField(_("ordre"), default=0)
    text = models.TextField(_("constat"))
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="findings", verbose_name=_("thèmes")
    )
    quotes = models.ManyToManyField(
        Coding, blank=True, related_name="findings", verbose_name=_("citations")
    )

    class Meta:
        ordering = ["stake", "position", "pk"]
        verbose_name = _("constat")
        verbose_name_plural = _("constats")

    def __str__(self) -> str:
        return self.text[:80]


class Proposal(models.Model):
    stake = models.ForeignKey(
        Stake, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("enjeu")
    )
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("rapport")
    )
    number = models.PositiveIntegerField(_("numéro"), editable=False)
    position = models.PositiveIntegerField(_("ordre"), default=0)
    title = models.CharField(_("préconisation"), max_length=300)
    text = models.TextField(_("texte"), blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="proposals", verbose_name=_("thèmes")
    )
    quotes = models.ManyToManyField(
        Coding, blank=True, related_name="proposals", verbose_name=_("citations")
    )
    withdrawn = models.BooleanField(_("retirée"), default=False)

    class Meta:
        ordering = ["report", "number"]
        verbose_name = _("préconisation")
        verbose_name_plural = _("préconisations")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="report_proposal_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"P{self.number}. {self.title}"

    @property
    def code(self) -> str:
        return f"P{self.number}"


class Figure(models.Model):
    """A figure of the report: one statistic (``concerto.reports.statistics``, by its
    ``key``), recomputed at publication and frozen into the version. ``stake`` empty: the
    figure belongs to the key figures at the top of the report."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="figures", verbose_name=_("rapport")
    )
    stake = models.ForeignKey(
        Stake,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="figures",
        verbose_name=_("enjeu"),
    )
    key = models.CharField(_("statistique"), max_length=60)
    position = models.PositiveIntegerField(_("ordre"), default=0)
    caption = models.CharField(_("commentaire"), max_length=300, blank=True)

    class Meta:
        ordering = ["report", "stake", "position", "pk"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self) -> str:
        return self.key
