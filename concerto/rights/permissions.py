"""Who may open each staff page of concerto.rights, declared as data; views are guarded by
``staff_view(name, table=ACCESS)``. Only the rights roles see a case (docs/roles.md); an
agent sees the cases of the places they are attached to, the supervisor all of them."""

from __future__ import annotations

from concerto.backoffice.permissions import GET_AND_POST, POST_ONLY, Access
from concerto.core.roles import PERMISSIONS

ACCESS: dict[str, Access] = {
    "staff_home": Access("rights.view_cases"),
    "diagnostic_new": Access("rights.diagnose", methods=GET_AND_POST),
    "case": Access("rights.view_cases"),
    "case_update": Access("rights.diagnose", methods=POST_ONLY),
    "case_letter": Access("rights.view_cases"),
    "case_accesses": Access("rights.supervise"),
    "figures": Access("rights.supervise"),
}

for _name, _access in ACCESS.items():  # fail at import time on a typo
    if _access.permission not in PERMISSIONS:
        raise KeyError(f"{_name}: permission inconnue {_access.permission}")
