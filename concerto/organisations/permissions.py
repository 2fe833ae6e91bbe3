"""Who may open each staff page of organisations (``organisations:staff`` namespace, under
/backoffice/organisations/), declared as data; views are guarded by
``staff_view(name, table=ACCESS)``. The public pages check membership themselves
(``services.may_manage``)."""

from __future__ import annotations

from concerto.backoffice.permissions import GET_AND_POST, GET_ONLY, POST_ONLY, Access
from concerto.core.roles import PERMISSIONS

ACCESS: dict[str, Access] = {
    "list": Access("organisations.manage", methods=GET_ONLY),
    "create": Access("organisations.manage", methods=GET_AND_POST),
    "detail": Access("organisations.manage", methods=GET_ONLY),
    "review": Access("organisations.manage", methods=POST_ONLY),
    "member_add": Access("organisations.manage", methods=POST_ONLY),
}

for _name, _access in ACCESS.items():  # fail at import time on a typo
    if _access.permission not in PERMISSIONS:
        raise KeyError(f"{_name}: permission inconnue {_access.permission}")
