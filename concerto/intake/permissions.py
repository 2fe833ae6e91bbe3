"""Who may open each page of the paper channel, declared as data (like the back-office's
``ACCESS``). ``intake_view(name)`` reads it, so a view cannot exist without an entry, and
tests/intake/test_permissions.py checks every URL of the ``intake`` namespace against it."""

from __future__ import annotations

from collections.abc import Callable

from concerto.backoffice.permissions import (
    GET_AND_POST,
    GET_ONLY,
    POST_ONLY,
    Access,
    View,
    staff_view,
)
from concerto.core.roles import PERMISSIONS

ACCESS: dict[str, Access] = {
    "urns": Access("intake.manage"),
    "urn_create": Access("intake.manage", methods=GET_AND_POST),
    "urn_detail": Access("intake.manage"),
    "urn_edit": Access("intake.manage", methods=GET_AND_POST),
    "urn_delete": Access("intake.manage", methods=POST_ONLY),
    "print_batch": Access("intake.manage", methods=POST_ONLY),
    "batch_pdf": Access("intake.manage"),
    "collection_round": Access("intake.manage", methods=POST_ONLY),
    "scans": Access("intake.transcribe", methods=GET_AND_POST),
    "scan_batch": Access("intake.transcribe"),
    "batch_file": Access("intake.transcribe"),
    "batch_dismiss": Access("intake.transcribe", methods=POST_ONLY),
    "page_dismiss": Access("intake.transcribe", methods=POST_ONLY),
    "page": Access("intake.transcribe", methods=GET_AND_POST),
    "page_identify": Access("intake.transcribe", methods=POST_ONLY),
    "page_retry": Access("intake.transcribe", methods=POST_ONLY),
    "page_image": Access("intake.transcribe"),
    "next_page": Access("intake.transcribe"),
    "counts": Access("backoffice.view"),
}

# Public pages of the paper channel (no permission: tested in the URL matrix as PUBLIC).
PUBLIC_VIEWS = frozenset({"blank_form"})

for _name, _access in ACCESS.items():  # fail at import time on a typo
    if _access.permission not in PERMISSIONS:
        raise KeyError(f"{_name}: permission inconnue {_access.permission}")


def intake_view(name: str) -> Callable[[View], View]:
    """Guard a view with ``ACCESS[name]`` (see ``backoffice.permissions.staff_view``):
    anonymous people go to the login page, people without the permission get 403, other
    methods 405. Never cached (private data)."""
    return staff_view(name, table=ACCESS)


__all__ = ["ACCESS", "GET_ONLY", "intake_view"]
