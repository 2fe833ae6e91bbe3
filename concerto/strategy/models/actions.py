"""The strategy: commitments (engagements) and their actions, with milestones, budget lines
per year, indicators and a history of every change (``ActionChange``).

An action may have sub-actions (one level: ``parent``); the progress of an action with
sub-actions is computed from them (weighted by their planned budget or equally, as the
parent says), never typed. Writes go through ``concerto.strategy.services``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concerto.processes.models import Neighbourhood, Process
from concerto.reports.models import Proposal
from concerto.strategy.models.answers import ProposalAnswer


class Commitment(models.Model):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("démarche")
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("engagement"), max_length=300)
    description = models.TextField(_("présentation"), blank=True)
    position = models.PositiveIntegerField(_("ordre"), default=0)
    created_at = models.DateTimeField(_("date de création"), auto_now_add=True)

    class Meta:
        ordering = ["process", "position", "number"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="commitment_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Action(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("prévue")
        IN_PROGRESS = "in_progress", _("en cours")
        DONE = "done", _("réalisée")
        POSTPONED = "postponed", _("reportée")
        ABANDONED = "abandoned", _("abandonnée")

    class Weighting(models.TextChoices):
        BUDGET = "budget", _("pondéré par le budget prévu des sous-actions")
        EQUAL = "equal", _("chaque sous-action compte autant")

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="actions", verbose_name=_("démarche")
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="actions", verbose_name=_("engagement")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("action parente"),
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    # "2.3" (commitment 2, action 3) or "2.3.1" for a sub-action: stable, used in addresses.
    code = models.CharField(_("code"), max_length=20)
    position = models.PositiveIntegerField(_("ordre"), default=0)
    title = models.CharField(_("action"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    is_flagship = models.BooleanField(_("action phare"), default=False)
    lead_service = models.CharField(_("service pilote"), max_length=200, blank=True)
    partners = models.TextField(_("partenaires"), blank=True)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, blank=True, related_name="actions", verbose_name=_("quartiers concernés")
    )
    start_date = models.DateField(_("début prévu"), null=True, blank=True)
    end_date = models.DateField(_("fin prévue"), null=True, blank=True)
    status = models.CharField(
        _("statut"), max_length=12, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    status_reason = models.TextField(_("motif du statut"), blank=True)
    # Typed for an action without sub-actions; computed from them otherwise.
    progress = models.PositiveSmallIntegerField(
        _("avancement (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    progress_weighting = models.CharField(
        _("calcul de l'avancement"),
        max_length=8,
        choices=Weighting.choices,
        default=Weighting.BUDGET,
    )
    proposals = models.ManyToManyField(
        Proposal,
        blank=True,
        related_name="actions",
        verbose_name=_("préconisations mises en œuvre"),
    )
    answers = models.ManyToManyField(
        ProposalAnswer,
        blank=True,
        related_name="actions",
        verbose_name=_("réponses mises en œuvre"),
    )
    started_on = models.DateField(_("commencée le"), null=True, blank=True)
    done_on = models.DateField(_("réalisée le"), null=True, blank=True)
    created_at = models.DateTimeField(_("date de création"), auto_now_add=True)
    updated_at = models.DateTimeField(_("dernière modification"), auto_now=True)

    class Meta:
        ordering = ["commitment__position", "commitment__number", "position", "number"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.UniqueConstraint(fields=["process", "code"], name="action_code_unique"),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="action_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="action_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["process", "is_flagship"], name="action_flagship_idx")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("strategy:action", kwargs={"slug": self.process.slug, "code": self.code})


class Milestone(models.Model):
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("action")
    )
    title = models.CharField(_("jalon"), max_length=300)
    due_on = models.DateField(_("échéance"))
    done = models.BooleanField(_("atteint"), default=False)
    done_on = models.DateField(_("atteint le"), null=True, blank=True)

    class Meta:
        ordering = ["action", "due_on", "pk"]
        verbose_name = _("jalon")
        verbose_name_plural = _("jalons")

    def __str__(self) -> str:
        return self.title


class BudgetLine(models.Model):
    """The money of one action for one year, in euros. Never negative; spent above
    committed needs a reason."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("action")
    )
    year = models.PositiveSmallIntegerField(_("année"))
    planned = models.DecimalField(_("prévu"), max_digits=12, decimal_places=2, default=Decimal(0))
    committed = models.DecimalField(
        _("engagé"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    spent = models.DecimalField(_("dépensé"), max_digits=12, decimal_places=2, default=Decimal(0))
    reason = models.TextField(_("motif du dépassement"), blank=True)

    class Meta:
        ordering = ["action", "year"]
        verbose_name = _("ligne budgétaire")
        verbose_name_plural = _("lignes budgétaires")
        constraints = [
            models.UniqueConstraint(fields=["action", "year"], name="budget_line_year_unique"),
            models.CheckConstraint(
                condition=Q(planned__gte=0) & Q(committed__gte=0) & Q(spent__gte=0),
                name="budget_line_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(spent__lte=F("committed")) | ~Q(reason=""),
                name="budget_line_overspend_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action_id} {self.year}"


class Indicator(models.Model):
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("action")
    )
    name = models.CharField(_("indicateur"), max_length=200)
    unit = models.CharField(_("unité"), max_length=40)
    baseline = models.DecimalField(_("valeur de départ"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("cible"), max_digits=14, decimal_places=2)
    position = models.PositiveIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["action", "position", "pk"]
        verbose_name = _("indicateur")
        verbose_name_plural = _("indicateurs")

    def __str__(self) -> str:
        return self.name


class IndicatorMeasure(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="measures", verbose_name=_("indicateur")
    )
    measured_on = models.DateField(_("mesuré le"))
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["indicator", "measured_on"]
        verbose_name = _("mesure")
        verbose_name_plural = _("mesures")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="indicator_measure_date_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.measured_on}: {self.value}"


class ActionChange(models.Model):
    """One change of an action (who, when, the field, old and new values, why). Written by
    every update service; never changed."""

    class Field(models.TextChoices):
        CREATED = "created", _("création")
        DETAILS = "details", _("description")
        STATUS = "status", _("statut")
        PROGRESS = "progress", _("avancement")
        DATES = "dates", _("dates")
        MILESTONE = "milestone", _("jalon")
        MILESTONE_DONE = "milestone_done", _("jalon atteint")
        BUDGET = "budget", _("budget")
        INDICATOR = "indicator", _("indicateur")
        MEASURE = "measure", _("mesure d'indicateur")
        LINKS = "links", _("préconisations et réponses liées")

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="changes", verbose_name=_("action")
    )
    field = models.CharField(_("champ"), max_length=20, choices=Field.choices)
    old_value = models.TextField(_("ancienne valeur"), blank=True)
    new_value = models.TextField(_("nouvelle valeur"), blank=True)
    reason = models.TextField(_("motif"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("auteur·rice du changement"),
    )
    created_at = models.DateTimeField(_("le"), db_index=True)

    class Meta:
        ordering = ["action", "-created_at", "-pk"]
        verbose_name = _("changement d'une action")
        verbose_name_plural = _("historique des actions")

    def __str__(self) -> str:
        return f"{self.action_id} {self.field}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("L'historique ne se modifie pas : ajoutez une ligne.")
        super().save(*args, **kwargs)
