"""Documents attached to a process and its news posts."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concerto.processes.models import Process


class Resource(models.Model):
    class Kind(models.TextChoices):
        DECRYPTAGE = "decryptage", _("document de décryptage")
        SURVEY = "survey", _("synthèse d'enquête")
        MANDATE = "mandate", _("mandat cadre")
        REPORT = "report", _("rapport")
        OTHER = "other", _("document")

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="resources", verbose_name=_("démarche")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("fichier"), upload_to="public/resources/", blank=True)
    url = models.URLField(_("lien"), blank=True)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    is_published = models.BooleanField(_("publiée"), default=True)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")

    def __str__(self) -> str:
        return self.title


class NewsPost(models.Model):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="news", verbose_name=_("démarche")
    )
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=200)
    summary = models.TextField(_("chapô"), blank=True)
    body = models.TextField(_("texte"))
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")
        constraints = [models.UniqueConstraint(fields=["process", "slug"], name="news_slug_unique")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "resources:news_detail", kwargs={"slug": self.process.slug, "news_slug": self.slug}
        )
