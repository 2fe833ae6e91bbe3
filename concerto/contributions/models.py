"""Contributions, whatever channel they arrive through, with their answers and files."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concerto.processes.models import Channel, Neighbourhood, Process, Question


class Contribution(models.Model):
    class Status(models.TextChoices):
        # What each state means for the analysis and publication: workflow.STATES.
        PENDING = "pending", _("à modérer")
        PUBLISHED = "published", _("publiée")
        REJECTED = "rejected", _("publication refusée")
        CHANGES_REQUESTED = "changes_requested", _("modification demandée")
        PRIVATE = "private", _("non publiée (sans accord de publication)")
        SET_ASIDE = "set_aside", _("écartée de l'analyse (charte)")

    class Kind(models.TextChoices):
        TESTIMONY = "testimony", _("un témoignage")
        EXPERIENCE = "experience", _("une expérience vécue")
        PROPOSAL = "proposal", _("une proposition")

    class Profile(models.TextChoices):
        RESIDENT = "resident", _("habitant·e")
        CONCERNED = "concerned", _("personne concernée")
        VOLUNTEER = "volunteer", _("bénévole")
        PROFESSIONAL = "professional", _("professionnel·le")
        ASSOCIATION = "association", _("association")
        COMPANY = "company", _("entreprise")
        ELECTED = "elected", _("élu·e")
        OTHER = "other", _("autre")

    class AgeBracket(models.TextChoices):
        UNDER_18 = "under_18", _("moins de 18 ans")
        AGE_18_25 = "18_25", _("18 à 25 ans")
        AGE_26_40 = "26_40", _("26 à 40 ans")
        AGE_41_60 = "41_60", _("41 à 60 ans")
        AGE_61_75 = "61_75", _("61 à 75 ans")
        OVER_75 = "over_75", _("plus de 75 ans")

    class RejectionReason(models.TextChoices):
        OFF_TOPIC = "off_topic", _("hors sujet")
        OFFENSIVE = "offensive", _("propos injurieux, haineux ou discriminatoires")
        PERSONAL_DATA = "personal_data", _("met en cause des personnes nommément")
        ADVERTISING = "advertising", _("publicité ou propagande")
        DUPLICATE = "duplicate", _("doublon")
        SPAM = "spam", _("envoi automatique (spam)")
        OTHER = "other", _("autre motif")

    process = models.ForeignKey(
        Process, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("démarche")
    )
    receipt_number = models.CharField(_("numéro de récépissé"), max_length=32, unique=True)
    channel = models.CharField(
        _("canal"), max_length=20, choices=Channel.Kind.choices, default=Channel.Kind.ONLINE
    )
    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # Who: the minimum, private except the optional pseudonym.
    author_name = models.CharField(_("nom ou pseudonyme"), max_length=80, blank=True)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        verbose_name=_("compte"),
    )
    # Unknown for some paper forms and phone messages: required on the online form only.
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("quartier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    profile = models.CharField(_("profil"), max_length=20, choices=Profile.choices, blank=True)
    age_bracket = models.CharField(
        _("tranche d'âge"), max_length=10, choices=AgeBracket.choices, blank=True
    )
    consent_publication = models.BooleanField(_("accord pour la publication"))
    consent_processing = models.BooleanField(_("accord pour le traitement des données"))
    # "Droit de suite" (concerto.followup): at most one e-mail a week about what became of
    # the contribution. Only meaningful with an e-mail; erased with it.
    followup_opt_in = models.BooleanField(
        _(
            "Je souhaite être informé·e des suites données à ma contribution "
            "(au plus un e-mail par semaine)"
        ),
        default=False,
    )
    # An address or phone number for a follow-up by post or phone (written on the paper
    # form, typed by the transcriber). Private; erased on request and after retention.
    followup_contact = models.CharField(
        _("contact pour le suivi (courrier ou téléphone)"), max_length=300, blank=True
    )
    # Life cycle
    submission_token = models.UUIDField(
        _("jeton d'envoi"), unique=True, default=uuid.uuid4, editable=False
    )
    submitted_at = models.DateTimeField(_("reçue le"), db_index=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True, db_index=True)
    rejection_reason = models.CharField(
        _("motif de refus"), max_length=20, choices=RejectionReason.choices, blank=True
    )
    moderation_note = models.TextField(_("message de la modération"), blank=True)
    edit_round = models.PositiveSmallIntegerField(
        _("tour de modification"), default=0, editable=False
    )
    # Denormalised public text for full-text search (``search.py``). On PostgreSQL a trigger
    # keeps ``search_vector`` = to_tsvector('french_unaccent', search_document), GIN-indexed
    # (migrations 0006, 0011), so ranking never re-parses the texts; it stays empty on SQLite.
    search_document = models.TextField(_("texte indexé"), blank=True, editable=False)
    search_vector = SearchVectorField(_("index de recherche"), null=True, editable=False)
    # SQLite only: the French stems of ``search_document`` (``search.index_text``), which
    # triggers copy into the FTS5 table ``contributions_search`` (migration 0011).
    search_terms = models.TextField(_("termes de recherche"), blank=True, editable=False)
    is_demo = models.BooleanField(_("donnée de démonstration"), default=False)
    # Personal data rights (concerto.privacy): when the author's identity was erased on
    # request, and when the retention purge removed the raw personal fields.
    anonymised_at = models.DateTimeField(_("anonymisée le"), null=True, blank=True)
    personal_data_purged_at = models.DateTimeField(
        _("données personnelles purgées le"), null=True, blank=True
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [
            models.Index(fields=["process", "status", "-published_at"], name="contrib_public_idx"),
            models.Index(fields=["process", "status", "-submitted_at"], name="contrib_queue_idx"),
        ]

    def __str__(self) -> str:
        return self.receipt_number

    def get_absolute_url(self) -> str:
        return reverse(
            "contributions:detail",
            kwargs={"slug": self.process.slug, "receipt": self.receipt_number},
        )

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def public_author(self) -> str:
        return self.public_author_of(self.author_name)

    @staticmethod
    def public_author_of(author_name: str) -> str:
        """The name shown publicly for ``author_name`` (also for rows read without a model)."""
        return author_name or "Anonyme"


class Answer(models.Model):
    """What a contribution says on one question. ``public_text`` is what is shown:
    the author's text, possibly with personal data masked by moderation."""

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("contribution"),
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    text = models.TextField(_("texte"))
    public_text = models.TextField(_("texte publié"), blank=True)

    class Meta:
        ordering = ["question__number"]
        constraints = [
            models.UniqueConstraint(fields=["contribution", "question"], name="answer_unique")
        ]
        verbose_name = _("réponse à une question")
        verbose_name_plural = _("réponses aux questions")

    def __str__(self) -> str:
        return f"{self.contribution_id} / {self.question_id}"

    @property
    def shown_text(self) -> str:
        return self.shown_text_of(text=self.text, public_text=self.public_text)

    @staticmethod
    def shown_text_of(*, text: str, public_text: str) -> str:
        """The text shown publicly: the masked one if moderation masked anything."""
        return public_text or text


def attachment_path(instance: Attachment, filename: str) -> str:
    # Never the uploaded name on disk: a random name in a private folder.
    return f"private/attachments/{uuid.uuid4().hex}{instance.extension}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("image")
        PDF = "pdf", _("document PDF")

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("contribution"),
    )
    file = models.FileField(_("fichier"), upload_to=attachment_path, max_length=200)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    content_type = models.CharField(_("type de contenu"), max_length=100)
    original_name = models.CharField(_("nom du fichier"), max_length=120)
    size = models.PositiveIntegerField(_("taille (octets)"))
    extension = models.CharField(_("extension"), max_length=8)

    class Meta:
        ordering = ["id"]
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")

    def __str__(self) -> str:
        return self.original_name
