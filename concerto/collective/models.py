"""Collective contributions (the cahier d'acteurs) and original works.

Each cahier and each work is a ``Contribution`` (channel "collective" or "work") with its
answers; the models here hold what the common contribution has no room for. The contact
person of a cahier and the original document are private: never shown publicly.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from concerto.contributions.models import Contribution
from concerto.organisations.models import Organisation
from concerto.processes.models import Process, Question


def original_path(instance: CollectiveContribution, filename: str) -> str:
    return f"private/collective/{uuid.uuid4().hex}{instance.original_extension}"


class CollectiveContribution(models.Model):
    class Source(models.TextChoices):
        ONLINE = "online", _("déposé en ligne")
        DOCUMENT = "document", _("saisi d'après un document reçu")

    contribution = models.OneToOneField(
        Contribution,
        on_delete=models.CASCADE,
        related_name="cahier",
        verbose_name=_("contribution"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cahiers",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(_("nom de l'organisation"), max_length=200)
    organisation_kind = models.CharField(
        _("type d'organisation"), max_length=20, choices=Organisation.Kind.choices
    )
    people_count = models.PositiveIntegerField(_("nombre de personnes associées"))
    production_method = models.TextField(_("comment la contribution a été élaborée"))
    # Private: the contact person is never shown publicly.
    contact_name = models.CharField(_("personne à contacter"), max_length=120)
    contact_email = models.EmailField(_("e-mail du contact"))
    contact_phone = models.CharField(_("téléphone du contact"), max_length=40, blank=True)
    source = models.CharField(_("origine"), max_length=10, choices=Source.choices)
    original = models.FileField(
        _("document d'origine"), upload_to=original_path, max_length=200, blank=True
    )
    original_name = models.CharField(_("nom d'origine"), max_length=120, blank=True)
    original_content_type = models.CharField(
        _("type de contenu d'origine"), max_length=100, blank=True
    )
    original_extension = models.CharField(_("extension d'origine"), max_length=8, blank=True)
    is_late = models.BooleanField(_("reçu après la clôture"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saisi par"),
    )
    created_at = models.DateTimeField(_("date de création"), auto_now_add=True)

    class Meta:
        verbose_name = _("cahier d'acteurs")
        verbose_name_plural = _("cahiers d'acteurs")

    def __str__(self) -> str:
        return f"{self.organisation_name} ({self.contribution_id})"


class Proposal(models.Model):
    cahier = models.ForeignKey(
        CollectiveContribution,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("cahier d'acteurs"),
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    text = models.TextField(_("proposition"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        constraints = [
            models.UniqueConstraint(fields=["cahier", "number"], name="proposal_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


def work_path(instance: OriginalWork, filename: str) -> str:
    return f"private/works/{uuid.uuid4().hex}{instance.extension}"


class OriginalWork(models.Model):
    class Kind(models.TextChoices):
        VIDEO = "video", _("vidéo")
        AUDIO = "audio", _("audio (radio)")
        PHOTO = "photo", _("photo (dessin, théâtre…)")

    process = models.ForeignKey(
        Process, on_delete=models.PROTECT, related_name="works", verbose_name=_("démarche")
    )
    kind = models.CharField(_("nature de l'œuvre"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=200)
    authors = models.CharField(_("auteurs ou autrices"), max_length=200, blank=True)
    description = models.TextField(_("description"))
    # A transcript (video, audio) or an alternative text (photo): required to publish.
    text_alternative = models.TextField(_("transcription ou texte alternatif"), blank=True)
    questions = models.ManyToManyField(Question, related_name="works", verbose_name=_("questions"))
    file = models.FileField(_("fichier"), upload_to=work_path, max_length=200)
    original_name = models.CharField(_("nom d'origine"), max_length=120)
    content_type = models.CharField(_("type de contenu"), max_length=100)
    extension = models.CharField(_("extension"), max_length=8)
    contribution = models.OneToOneField(
        Contribution, on_delete=models.CASCADE, related_name="work", verbose_name=_("contribution")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("déposé par"),
    )
    created_at = models.DateTimeField(_("date de création"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("œuvre originale")
        verbose_name_plural = _("œuvres originales")

    def __str__(self) -> str:
        return self.title
