"""Processes (démarches) and what belongs to them, managed by admins."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from concerto.core.roles import can
from concerto.processes.models import Channel, Neighbourhood, Phase, Process, Question, Urn


class ManagedByAdmins:
    """Rights follow core.roles ("processes.manage"), not Django's model permissions."""

    def _allowed(self, request: HttpRequest) -> bool:
        return can(request.user, "processes.manage")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)


class PhaseInline(ManagedByAdmins, admin.TabularInline[Phase, Process]):
    model = Phase
    extra = 0


class QuestionInline(ManagedByAdmins, admin.StackedInline[Question, Process]):
    model = Question
    extra = 0


class NeighbourhoodInline(ManagedByAdmins, admin.TabularInline[Neighbourhood, Process]):
    model = Neighbourhood
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


class ChannelInline(ManagedByAdmins, admin.TabularInline[Channel, Process]):
    model = Channel
    extra = 0


@admin.register(Process)
class ProcessAdmin(ManagedByAdmins, admin.ModelAdmin[Process]):
    list_display = ["title", "slug", "receipt_prefix", "receipt_year", "is_published"]
    list_filter = ["is_published", "receipt_year"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PhaseInline, QuestionInline, NeighbourhoodInline, ChannelInline]


@admin.register(Urn)
class UrnAdmin(ManagedByAdmins, admin.ModelAdmin[Urn]):
    list_display = ["place_name", "process", "neighbourhood", "place_kind"]
    list_filter = ["process", "place_kind"]
    search_fields = ["place_name", "code", "address"]
    list_select_related = ["process", "neighbourhood"]
