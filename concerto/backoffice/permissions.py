"""Who may open each back-office page, declared as data.

One entry per URL name of the ``backoffice`` namespace. ``staff_view(name)`` reads it, so a
view cannot exist without an entry, and the truth-table test (tests/backoffice/
test_roles_truth_table.py) checks every URL of the namespace against it and against
``core.roles.PERMISSIONS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase, HttpResponseNotAllowed
from django.utils.cache import add_never_cache_headers

from concerto.core.roles import PERMISSIONS, can

GET_ONLY = frozenset({"GET", "HEAD"})
POST_ONLY = frozenset({"POST"})
GET_AND_POST = GET_ONLY | POST_ONLY


@dataclass(frozen=True)
class Access:
    """``permission`` is needed to reach the view at all; ``post_permission``, if set,
    is needed (instead) to send it a POST."""

    permission: str
    methods: frozenset[str] = GET_ONLY
    post_permission: str | None = None

    def permission_for(self, method: str | None) -> str:
        if method == "POST" and self.post_permission is not None:
            return self.post_permission
        return self.permission


ACCESS: dict[str, Access] = {
    "dashboard": Access("backoffice.view"),
    "queue": Access("contributions.view_private"),
    "bulk": Access("contributions.moderate", methods=POST_ONLY),
    "contribution": Access("contributions.view_private"),
    "decide": Access("contributions.moderate", methods=POST_ONLY),
    "mask": Access("contributions.moderate", methods=POST_ONLY),
    "public_texts": Access("contributions.moderate", methods=POST_ONLY),
    "attachment": Access("contributions.view_private"),
    "audit": Access("audit.view"),
    "roles": Access("accounts.manage_roles", methods=GET_AND_POST),
    "identity": Access("identity.manage", methods=GET_AND_POST),
}

for _name, _access in ACCESS.items():  # fail at import time on a typo
    for _perm in (_access.permission, _access.post_permission):
        if _perm is not None and _perm not in PERMISSIONS:
            raise KeyError(f"{_name}: permission inconnue {_perm}")

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def staff_view(name: str, *, table: Mapping[str, Access] | None = None) -> Callable[[View], View]:
    """Guard a view with its ``ACCESS[name]`` entry: anonymous people are sent to the
    login page, people without the permission get 403, other methods get 405. Staff pages
    show private data: they are never cached.

    An app with its own staff pages outside the ``backoffice`` namespace passes its own
    ``table`` (for example ``concerto.events.permissions.EVENT_ACCESS``)."""
    access = (ACCESS if table is None else table)[name]

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can(request.user, access.permission_for(request.method)):
                raise PermissionDenied
            if request.method not in access.methods:
                return HttpResponseNotAllowed(sorted(access.methods))
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response

        wrapper.access = access  # type: ignore[attr-defined]
        wrapper.access_name = name  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorator
