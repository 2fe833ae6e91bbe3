"""Django-admin rights that follow core.roles, not Django's model permissions."""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import HttpRequest

from concerto.core.roles import can


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
