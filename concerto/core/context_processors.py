from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from concerto.core.identity import current_identity
from concerto.core.roles import staff_roles


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    roles = staff_roles(user) if user is not None and user.is_authenticated else frozenset()
    identity = current_identity(request)
    return {
        "identity": identity,
        "SITE_NAME": identity.platform_name,
        "SITE_URL": settings.SITE_URL,
        "user_staff_roles": roles,
        "user_is_staff_member": bool(roles),
    }
