"""Contributions in the Django admin, read-only: moderation goes through the back-office
(/backoffice/), whose services write the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from concerto.contributions.models import Answer, Attachment, Contribution
from concerto.core.roles import can


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can(request.user, "contributions.view_private")


class AnswerInline(ReadOnlyMixin, admin.TabularInline[Answer, Contribution]):
    model = Answer
    fields = ["question", "text", "public_text"]
    readonly_fields = ["question", "text", "public_text"]
    extra = 0


class AttachmentInline(ReadOnlyMixin, admin.TabularInline[Attachment, Contribution]):
    model = Attachment
    fields = ["original_name", "kind", "content_type", "size"]
    readonly_fields = ["original_name", "kind", "content_type", "size"]
    extra = 0


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyMixin, admin.ModelAdmin[Contribution]):
    list_display = ["receipt_number", "process", "channel", "status", "submitted_at"]
    list_filter = ["status", "channel", "process"]
    search_fields = ["receipt_number"]
    date_hierarchy = "submitted_at"
    list_select_related = ["process"]
    inlines = [AnswerInline, AttachmentInline]
    actions = None
    exclude = ["search_document"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can(request.user, "contributions.view_private")
