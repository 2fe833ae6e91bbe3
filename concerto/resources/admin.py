"""Documents and news posts of a process, managed by admins and moderators."""

from __future__ import annotations

from django.contrib import admin

from concerto.core.admin_mixins import RolePermissionAdmin
from concerto.resources.models import NewsPost, Resource


class ManagedByEditors(RolePermissionAdmin):
    """Rights follow core.roles ("resources.manage")."""

    permission = "resources.manage"


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
