"""The paper channel: printed sheets, their urns, collection rounds and scanned pages."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from concerto.contributions.models import Contribution
from concerto.processes.models import Process, Urn


def batch_pdf_path(instance: PrintBatch, filename: str) -> str:
    return f"private/intake/batches/{uuid.uuid4().hex}.pdf"


def scan_path(instance: ScanBatch, filename: str) -> str:
    # Never the uploaded name on disk: a random name in a private folder.
    return f"private/scans/{uuid.uuid4().hex}{instance.extension}"


def page_image_path(instance: ScanPage, filename: str) -> str:
    return f"private/scans/pages/{uuid.uuid4().hex}.png"


class PrintBatch(models.Model):
    """N sheets printed together for one urn: one PDF of N pages."""

    class Status(models.TextChoices):
        PENDING = "pending", _("en préparation")
        READY = "ready", _("prêt")
        ERROR = "error", _("erreur")

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="print_batches", verbose_name=_("démarche")
    )
    urn = models.ForeignKey(
        Urn, on_delete=models.PROTECT, related_name="print_batches", verbose_name=_("urne")
    )
    count = models.PositiveIntegerField(_("nombre de feuilles"))
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # The layout the sheets were printed with (layout.Layout.to_json): reading a scan uses
    # this copy, so changing the questions later does not move the boxes of printed sheets.
    layout = models.JSONField(_("mise en page"))
    pdf = models.FileField(_("PDF"), upload_to=batch_pdf_path, max_length=200, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("créé par"),
    )
    created_at = models.DateTimeField(_("date de création"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("lot d'impression")
        verbose_name_plural = _("lots d'impression")

    def __str__(self) -> str:
        return f"{self.urn} — {self.count}"


class PaperSheet(models.Model):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="paper_sheets", verbose_name=_("démarche")
    )
    urn = models.ForeignKey(
        Urn, on_delete=models.PROTECT, related_name="paper_sheets", verbose_name=_("urne")
    )
    batch = models.ForeignKey(
        PrintBatch, on_delete=models.CASCADE, related_name="sheets", verbose_name=_("lot")
    )
    number = models.PositiveIntegerField(_("numéro de feuille"))
    printed_at = models.DateTimeField(_("imprimée le"))
    contribution = models.OneToOneField(
        Contribution,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="paper_sheet",
        verbose_name=_("contribution"),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("feuille papier")
        verbose_name_plural = _("feuilles papier")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="papersheet_number_unique")
        ]

    def __str__(self) -> str:
        return f"n° {self.number:06d}"


class CollectionRound(models.Model):
    """A staff member emptied an urn on a given day and found N sheets in it."""

    urn = models.ForeignKey(
        Urn, on_delete=models.CASCADE, related_name="collection_rounds", verbose_name=_("urne")
    )
    collected_on = models.DateField(_("relevée le"))
    sheet_count = models.PositiveIntegerField(_("nombre de feuilles trouvées"))
    note = models.CharField(_("remarque"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("relevé par"),
    )
    recorded_at = models.DateTimeField(_("relevé le"), auto_now_add=True)

    class Meta:
        ordering = ["-collected_on", "-id"]
        verbose_name = _("relève d'urne")
        verbose_name_plural = _("relèves d'urnes")

    def __str__(self) -> str:
        return f"{self.urn} {self.collected_on}"


class ScanBatch(models.Model):
    """One uploaded file of scans (a multi-page PDF or one image)."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="scan_batches", verbose_name=_("démarche")
    )
    file = models.FileField(_("fichier"), upload_to=scan_path, max_length=200)
    extension = models.CharField(_("extension"), max_length=8)
    content_type = models.CharField(_("type de contenu"), max_length=100)
    original_name = models.CharField(_("nom du fichier"), max_length=120)
    page_count = models.PositiveIntegerField(_("nombre de pages"), default=0)
    error = models.TextField(_("erreur"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("déposé par"),
    )
    uploaded_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    # A refused file (encrypted or unreadable PDF...) is kept as a batch with its error,
    # until someone closes it (after re-uploading a readable copy, for instance).
    dismissed_at = models.DateTimeField(_("classé le"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("écarté par"),
    )

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("lot de numérisations")
        verbose_name_plural = _("lots de numérisations")

    def __str__(self) -> str:
        return self.original_name


class ScanPage(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("en attente")
        PROCESSING = "processing", _("en cours de lecture")
        NEEDS_IDENTIFICATION = "needs_identification", _("à identifier")
        READY = "ready", _("à transcrire")
        TRANSCRIBED = "transcribed", _("transcrite")
        ERROR = "error", _("erreur")
        DISMISSED = "dismissed", _("écartée (pas un formulaire)")

    batch = models.ForeignKey(
        ScanBatch, on_delete=models.CASCADE, related_name="pages", verbose_name=_("lot")
    )
    index = models.PositiveIntegerField(_("page"))  # 0-based in the file
    state = models.CharField(
        _("état"), max_length=24, choices=State.choices, default=State.QUEUED, db_index=True
    )
    message = models.TextField(_("message"), blank=True)
    image = models.FileField(_("image"), upload_to=page_image_path, max_length=200, blank=True)
    sheet = models.ForeignKey(
        PaperSheet,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scan_pages",
        verbose_name=_("feuille"),
    )
    qr_text = models.CharField(_("texte du QR code"), max_length=200, blank=True)
    draft_text = models.TextField(_("brouillon lu par OCR"), blank=True)
    draft_ticks = models.JSONField(
        _("cases lues (brouillon)"), default=dict, blank=True
    )  # box key -> darkness 0..1
    contribution = models.OneToOneField(
        Contribution,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scan_page",
        verbose_name=_("contribution"),
    )
    processed_at = models.DateTimeField(_("traitée le"), null=True, blank=True)
    seconds = models.FloatField(_("durée de lecture (secondes)"), null=True, blank=True)
    updated_at = models.DateTimeField(_("dernière modification"), auto_now=True)

    class Meta:
        ordering = ["batch_id", "index"]
        verbose_name = _("page numérisée")
        verbose_name_plural = _("pages numérisées")
        constraints = [
            models.UniqueConstraint(fields=["batch", "index"], name="scanpage_index_unique"),
            # A sheet is transcribed once, whatever the number of times it was scanned.
            models.UniqueConstraint(
                fields=["sheet"],
                condition=models.Q(state="transcribed"),
                name="scanpage_sheet_transcribed_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch} p. {self.index + 1}"
