"""Accounts in the Django admin. Staff roles are changed in the back-office
(/backoffice/roles/), which writes the audit log: here they are read-only."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from concerto.accounts.models import User


class UserCreationForm(BaseUserCreationForm[User]):
    class Meta:
        model = User
        fields = ("email",)


class UserEditForm(UserChangeForm[User]):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    add_form = UserCreationForm
    form = UserEditForm
    ordering = ["email"]
    list_display = ["email", "display_name", "is_active", "is_superuser", "date_joined"]
    list_filter = ["is_active", "is_superuser", "groups"]
    search_fields = ["email", "display_name"]
    readonly_fields = ["groups", "user_permissions", "is_superuser", "last_login", "date_joined"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profil"), {"fields": ("display_name",)}),
        (
            _("Droits (les rôles se changent dans le back-office)"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
