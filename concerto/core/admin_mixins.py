"""Django-admin rights that follow core.roles, not Django's model permissions."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.db import models
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from concerto.core.roles import can

CHOOSE = _("Choisir…")


class RolePermissionAdmin:
    """Mix into a ModelAdmin or inline: everything is allowed to holders of ``permission``
    (a name of core.roles.PERMISSIONS) and to nobody else."""

    permission: ClassVar[str]

    def _allowed(self, request: HttpRequest) -> bool:
        return can(request.user, self.permission)

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

    # Django's "---------" in the selects of the change forms: a French label instead.
    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField[Any] | None:
        kwargs.setdefault("empty_label", CHOOSE)
        field: forms.ModelChoiceField[Any] | None = super().formfield_for_foreignkey(  # type: ignore[misc]
            db_field, request, **kwargs
        )
        return field

    def formfield_for_choice_field(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.TypedChoiceField | None:
        field: forms.TypedChoiceField | None = super().formfield_for_choice_field(  # type: ignore[misc]
            db_field, request, **kwargs
        )
        if field is None:
            return None
        choices: list[Any] = list(field.choices)  # type: ignore[arg-type]
        if choices and choices[0][0] == "" and str(choices[0][1]).startswith("---"):
            field.choices = [("", CHOOSE), *choices[1:]]
        return field


class ReadOnlyRoleAdmin(RolePermissionAdmin):
    """Seen by holders of ``permission`` (core.roles), changed by nobody here."""

    permission = "intake.manage"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def staff_link(url: str, label: str) -> SafeString:
    """A link to the permission-checked staff page of an object (never to a private file)."""
    return format_html('<a href="{}">{}</a>', url, label)
