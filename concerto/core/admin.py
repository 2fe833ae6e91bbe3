"""The audit log in the Django admin: readable by admins, editable by nobody."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from concerto.core.models import AuditEvent
from concerto.core.roles import can


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ["created_at", "actor_label", "action", "target_label", "reason"]
    list_filter = ["action"]
    search_fields = ["actor_label", "action", "target_label", "target_id"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "created_at",
        "actor",
        "actor_label",
        "action",
        "target_type",
        "target_id",
        "target_label",
        "reason",
        "data",
    ]
    actions = None

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can(request.user, "audit.view")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can(request.user, "audit.view")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
