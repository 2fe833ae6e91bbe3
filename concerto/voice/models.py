"""Voicemails left on the free line: the audio (private, deleted after the retention
period), the caller's number only as an HMAC, the speech-recognition draft."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from concerto.contributions.models import Contribution
from concerto.processes.models import Process


def audio_path(instance: Voicemail, filename: str) -> str:
    return f"private/voicemail/{uuid.uuid4().hex}{instance.extension}"


class Voicemail(models.Model):
    class Source(models.TextChoices):
        WEBHOOK = "webhook", _("webhook de l'opérateur")
        INBOX = "inbox", _("dossier de dépôt")

    class State(models.TextChoices):
        QUEUED = "queued", _("transcription automatique en attente")
        PROCESSING = "processing", _("transcription automatique en cours")
        READY = "ready", _("à relire")
        MANUAL = "manual", _("à transcrire à la main")
        ERROR = "error", _("erreur de transcription")
        TRANSCRIBED = "transcribed", _("validé")
        DISMISSED = "dismissed", _("classé sans suite")

    class Problem(models.TextChoices):
        """Why a message cannot go to speech recognition (it is queued all the same)."""

        NONE = "", _("aucun")
        EMPTY = "empty", _("fichier audio vide")
        UNREADABLE = "unreadable", _("fichier audio illisible")
        TOO_LONG = "too_long", _("enregistrement trop long")
        TOO_LARGE = "too_large", _("fichier trop volumineux")
        # The audio may be fine, but what the provider said about it could not be read
        # (an impossible date...): checked and transcribed by hand.
        INVALID_DATA = "invalid_data", _("données de l'opérateur à vérifier")

    process = models.ForeignKey(
        Process,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="voicemails",
        verbose_name=_("démarche"),
    )
    received_at = models.DateTimeField(_("reçu le"), db_index=True)
    caller_hash = models.CharField(_("numéro appelant (empreinte)"), max_length=64, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64, unique=True)
    original_name = models.CharField(_("nom d'origine"), max_length=120)
    audio = models.FileField(_("audio"), upload_to=audio_path, max_length=200, blank=True)
    extension = models.CharField(_("extension"), max_length=8)
    content_type = models.CharField(_("type de contenu"), max_length=50)
    audio_format = models.CharField(_("format audio"), max_length=80)
    duration = models.FloatField(_("durée (secondes)"))
    size = models.PositiveIntegerField(_("taille (octets)"))
    state = models.CharField(_("état"), max_length=12, choices=State.choices, default=State.QUEUED)
    problem = models.CharField(
        _("problème"), max_length=12, choices=Problem.choices, blank=True, default=""
    )
    message = models.CharField(_("courriel d'origine"), max_length=600, blank=True)
    draft_text = models.TextField(_("transcription automatique"), blank=True)
    segments = models.JSONField(_("segments"), default=list, blank=True)
    transcribed_seconds = models.FloatField(_("secondes transcrites"), null=True, blank=True)
    contribution = models.OneToOneField(
        Contribution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="voicemail",
        verbose_name=_("contribution"),
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("validé par"),
    )
    audio_deleted_at = models.DateTimeField(_("audio supprimé le"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("écarté par"),
    )
    dismissed_at = models.DateTimeField(_("classé sans suite le"), null=True, blank=True)
    dismiss_reason = models.CharField(_("motif"), max_length=300, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("message téléphonique")
        verbose_name_plural = _("messages téléphoniques")

    def __str__(self) -> str:
        return f"message n° {self.pk}"
