"""The analysts' workspace: a codebook per process and the coding of contributions.

A ``Coding`` applies one theme to one answer of a contribution, either to the whole
answer (``start``/``end`` empty) or to an excerpt: character offsets into the answer's
shown (published) text, with a copy of the excerpt so that a later change of the text is
detected instead of silently shifting the quote.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from concerto.contributions.models import Answer
from concerto.processes.models import Process


class Codebook(models.Model):
    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="codebook")
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("grille de codage")
        verbose_name_plural = _("grilles de codage")

    def __str__(self) -> str:
        return f"{self.process} — v{self.version}"


class CodebookVersion(models.Model):
    """A frozen copy of the codebook, written by every change (who, when, why)."""

    codebook = models.ForeignKey(Codebook, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("numéro"))
    snapshot = models.JSONField(_("contenu"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    note = models.CharField(_("motif"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        ordering = ["codebook", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["codebook", "number"], name="codebook_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.codebook} v{self.number}"


class Theme(models.Model):
    """A theme (``parent`` empty) or a sub-theme: two levels only."""

    codebook = models.ForeignKey(Codebook, on_delete=models.CASCADE, related_name="themes")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("thème parent"),
    )
    position = models.PositiveIntegerField(_("ordre"), default=0)
    name = models.CharField(_("nom"), max_length=160)
    definition = models.TextField(_("définition"), blank=True)
    examples = models.TextField(_("exemples"), blank=True)
    is_archived = models.BooleanField(_("archivé"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["codebook", "position", "pk"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")

    def __str__(self) -> str:
        return self.name


class Coding(models.Model):
    """One coding decision: a theme applied to an answer or to an excerpt of it."""

    class Origin(models.TextChoices):
        MANUAL = "manual", _("codage manuel")
        SUGGESTION = "suggestion", _("suggestion acceptée")

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="codings")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="codings")
    start = models.PositiveIntegerField(_("début"), null=True, blank=True)
    end = models.PositiveIntegerField(_("fin"), null=True, blank=True)
    excerpt = models.TextField(_("extrait"), blank=True)
    is_quote = models.BooleanField(_("citation"), default=False)
    note = models.TextField(_("note"), blank=True)
    origin = models.CharField(max_length=12, choices=Origin.choices, default=Origin.MANUAL)
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="codings"
    )
    created_at = models.DateTimeField(_("codé le"), auto_now_add=True)

    class Meta:
        ordering = ["answer_id", "start", "pk"]
        verbose_name = _("codage")
        verbose_name_plural = _("codages")
        constraints = [
            models.CheckConstraint(
                condition=(Q(start__isnull=True) & Q(end__isnull=True))
                | (Q(start__isnull=False) & Q(end__gt=models.F("start"))),
                name="coding_offsets_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.theme} ← {self.answer_id}"
