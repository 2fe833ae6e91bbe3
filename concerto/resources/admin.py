"""Documents and news posts of a process, managed by admins and moderators."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from concerto.core.admin_mixins import RolePermissionAdmin
from concerto.core.uploads import check_pdf
from concerto.resources.models import NewsPost, Resource


class ManagedByEditors(RolePermissionAdmin):
    """Rights follow core.roles ("resources.manage")."""

    permission = "resources.manage"


class ResourceForm(forms.ModelForm[Resource]):
    """A PDF is checked like every uploaded PDF (no script, automatic action, embedded
    file or XFA form): resources are served inline to everyone."""

    url = forms.URLField(label=_("lien"), required=False, assume_scheme="https")

    class Meta:
        model = Resource
        fields = ["process", "kind", "title", "description", "file", "url", "order", "is_published"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        process = self.fields["process"]
        assert isinstance(process, forms.ModelChoiceField)
        process.empty_label = _("Choisir…")

    def clean_file(self) -> object:
        value = self.cleaned_data.get("file")
        if isinstance(value, UploadedFile):
            head = value.read(5)
            value.seek(0)
            if head == b"%PDF-":
                check_pdf(value.read(), value.name or "document.pdf")
                value.seek(0)
        return value


@admin.register(Resource)
class ResourceAdmin(ManagedByEditors, admin.ModelAdmin[Resource]):
    form = ResourceForm
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
