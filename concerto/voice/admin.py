"""Voicemails in the Django admin, read-only: review, dismissal and purge go through the
staff pages and commands, which write the audit log. The audio is never linked from here
(only the staff review page, behind its permission check, plays it), and the caller's
number hash is not shown."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concerto.core.admin_mixins import ReadOnlyRoleAdmin, staff_link
from concerto.voice.models import Voicemail


@admin.register(Voicemail)
class VoicemailAdmin(ReadOnlyRoleAdmin, admin.ModelAdmin[Voicemail]):
    list_display = ["pk", "received_at", "duration", "source", "state", "problem", "process"]
    list_filter = ["state", "problem", "source", "process"]
    list_select_related = ["process"]
    date_hierarchy = "received_at"
    exclude = ["audio", "caller_hash", "sha256", "validated_by", "dismissed_by", "segments"]
    readonly_fields = ["review"]
    raw_id_fields = ["contribution"]
    actions = None

    @admin.display(description=_("relecture"))
    def review(self, obj: Voicemail) -> str:
        return staff_link(reverse("voice:message", kwargs={"pk": obj.pk}), "ouvrir le message")
