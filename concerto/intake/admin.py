"""The paper channel in the Django admin, read-only: urns are in processes/admin.py, and
printing, collection rounds and transcription go through the staff pages
(/backoffice/papier/), whose services write the audit log. Private files (printed PDFs,
scans, page images) are never linked from here: no link to their storage, only to the
staff page that serves them behind its permission check."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concerto.core.admin_mixins import ReadOnlyRoleAdmin, staff_link
from concerto.intake.models import CollectionRound, PaperSheet, PrintBatch, ScanBatch, ScanPage


@admin.register(PrintBatch)
class PrintBatchAdmin(ReadOnlyRoleAdmin, admin.ModelAdmin[PrintBatch]):
    list_display = ["pk", "process", "urn", "count", "status", "created_at"]
    list_filter = ["status", "process"]
    list_select_related = ["process", "urn"]
    exclude = ["pdf", "layout"]
    readonly_fields = ["pdf_link"]
    date_hierarchy = "created_at"
    actions = None

    @admin.display(description=_("PDF"))
    def pdf_link(self, obj: PrintBatch) -> str:
        if obj.status != PrintBatch.Status.READY or not obj.pdf:
            return "—"
        return staff_link(reverse("intake:batch_pdf", kwargs={"pk": obj.pk}), "télécharger")


@admin.register(PaperSheet)
class PaperSheetAdmin(ReadOnlyRoleAdmin, admin.ModelAdmin[PaperSheet]):
    list_display = ["number", "process", "urn", "printed_at", "contribution"]
    list_filter = ["process", "urn"]
    list_select_related = ["process", "urn", "contribution"]
    search_fields = ["=number", "contribution__receipt_number"]
    raw_id_fields = ["contribution", "batch"]
    actions = None


@admin.register(CollectionRound)
class CollectionRoundAdmin(ReadOnlyRoleAdmin, admin.ModelAdmin[CollectionRound]):
    list_display = ["urn", "collected_on", "sheet_count", "recorded_at"]
    list_filter = ["urn__process"]
    list_select_related = ["urn"]
    date_hierarchy = "collected_on"
    exclude = ["recorded_by"]
    actions = None


class ScanPageInline(ReadOnlyRoleAdmin, admin.TabularInline[ScanPage, ScanBatch]):
    model = ScanPage
    fields = ("index", "state", "sheet", "message", "workspace")
    readonly_fields = fields
    extra = 0

    @admin.display(description=_("poste de transcription"))
    def workspace(self, obj: ScanPage) -> str:
        return staff_link(reverse("intake:page", kwargs={"pk": obj.pk}), "ouvrir")


@admin.register(ScanBatch)
class ScanBatchAdmin(ReadOnlyRoleAdmin, admin.ModelAdmin[ScanBatch]):
    list_display = ["original_name", "process", "page_count", "uploaded_at", "has_error"]
    list_filter = ["process"]
    list_select_related = ["process"]
    search_fields = ["original_name"]
    exclude = ["file", "uploaded_by", "dismissed_by"]
    readonly_fields = ["workspace"]
    inlines = [ScanPageInline]
    date_hierarchy = "uploaded_at"
    actions = None

    @admin.display(boolean=True, description=_("erreur"))
    def has_error(self, obj: ScanBatch) -> bool:
        return bool(obj.error)

    @admin.display(description=_("lot"))
    def workspace(self, obj: ScanBatch) -> str:
        return staff_link(reverse("intake:scan_batch", kwargs={"pk": obj.pk}), "ouvrir le lot")


@admin.register(ScanPage)
class ScanPageAdmin(ReadOnlyRoleAdmin, admin.ModelAdmin[ScanPage]):
    list_display = ["pk", "batch", "index", "state", "sheet", "processed_at", "seconds"]
    list_filter = ["state", "batch__process"]
    list_select_related = ["batch", "sheet"]
    exclude = ["image", "draft_ticks"]
    readonly_fields = ["workspace"]
    raw_id_fields = ["contribution", "sheet", "batch"]
    actions = None

    @admin.display(description=_("poste de transcription"))
    def workspace(self, obj: ScanPage) -> str:
        return staff_link(reverse("intake:page", kwargs={"pk": obj.pk}), "ouvrir")
