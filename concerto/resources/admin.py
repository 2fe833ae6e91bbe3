"""Documents and news posts of a process, managed by admins and moderators."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from concerto.core.roles import can
from concerto.resources.models import NewsPost, Resource


class ManagedByEditors:
    """Rights follow core.roles ("resources.manage"), not Django's model permissions."""

    def _allowed(self, request: HttpRequest) -> bool:
        return can(request.user, "resources.manage")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)


@admin.register(Resource)
class ResourceAdmin(ManagedByEditors, admin.ModelAdmin[Resource]):
    list_display = ["title", "process", "kind", "order", "is_published"]
    list_filter = ["process", "kind", "is_published"]
    search_fields = ["title"]
    list_select_related = ["process"]


@admin.register(NewsPost)
class NewsPostAdmin(ManagedByEditors, admin.ModelAdmin[NewsPost]):
    list_display = ["title", "process", "published_at"]
    list_filter = ["process"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["process"]
