from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest

from concerto.core.identity import DEFAULTS, current_identity
from concerto.core.roles import staff_roles


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    roles = staff_roles(user) if user is not None and user.is_authenticated else frozenset()
    try:
        identity = current_identity(request)
    except DatabaseError:
        # The error pages render even when the database cannot answer (the 500 page
        # after a failed query, a server started before `migrate`): the defaults.
        identity = DEFAULTS
    return {
        "identity": identity,
        "SITE_NAME": identity.platform_name,
        "SITE_URL": settings.SITE_URL,
        "user_staff_roles": roles,
        "user_is_staff_member": bool(roles),
    }
