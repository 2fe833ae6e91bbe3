"""Processes (démarches) and what belongs to them, managed by admins."""

from __future__ import annotations

from django.contrib import admin

from concerto.core.admin_mixins import RolePermissionAdmin
from concerto.processes.models import Channel, Neighbourhood, Phase, Process, Question, Urn


class ManagedByAdmins(RolePermissionAdmin):
    """Rights follow core.roles ("processes.manage")."""

    permission = "processes.manage"


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
