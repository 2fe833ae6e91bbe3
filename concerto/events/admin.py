"""Events in the Django admin, read-mostly: proposals, moderation, programmes and routes
go through the staff pages (/backoffice/evenements/), whose services write the audit log.
Organisations and their members are managed in the back-office (/backoffice/organisations/,
concerto.organisations): no raw account number to type. The registrations' personal data (name,
e-mail, phone) is never listed: only the organiser's attendee page shows it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from concerto.core.roles import can
from concerto.events.models import Event, Registration, RouteStop


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can(request.user, "events.moderate")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can(request.user, "events.moderate")


class SessionInline(ReadOnlyMixin, admin.TabularInline[Event, Event]):
    model = Event
    fk_name = "parent"
    fields = ("title", "kind", "start", "end", "room", "status")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    verbose_name = _("séance")
    verbose_name_plural = _("programme (séances)")


class RouteStopInline(ReadOnlyMixin, admin.TabularInline[RouteStop, Event]):
    model = RouteStop
    fields = ("position", "place_name", "initiative", "address")
    readonly_fields = fields
    extra = 0


@admin.register(Event)
class EventAdmin(ReadOnlyMixin, admin.ModelAdmin[Event]):
    list_display = ["title", "process", "kind", "start", "status", "visibility", "parent"]
    list_filter = ["status", "kind", "visibility", "process"]
    search_fields = ["title", "slug", "place_name"]
    date_hierarchy = "start"
    list_select_related = ["process", "parent"]
    inlines = [SessionInline, RouteStopInline]
    actions = None


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyMixin, admin.ModelAdmin[Registration]):
    # No name, e-mail nor phone here, nor in the search.
    list_display = ["pk", "event", "status", "attended", "created_at", "anonymised_at"]
    list_filter = ["status", "attended", "event__process"]
    list_select_related = ["event"]
    date_hierarchy = "created_at"
    search_fields = ["event__title"]
    exclude = ["name", "email", "phone", "user"]
    actions = None
