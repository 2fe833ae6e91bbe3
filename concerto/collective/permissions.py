"""Who may open each staff page of the collective channel and original works, declared as
data; views are guarded by ``staff_view(name, table=ACCESS)``."""

from __future__ import annotations

from concerto.backoffice.permissions import GET_AND_POST, POST_ONLY, Access
from concerto.core.roles import PERMISSIONS

ACCESS: dict[str, Access] = {
    "staff_list": Access("collective.enter"),
    "staff_enter": Access("collective.enter", methods=GET_AND_POST),
    "staff_cahier": Access("collective.enter"),
    "staff_original": Access("collective.enter"),
    "works": Access("collective.enter", methods=GET_AND_POST),
    "work": Access("collective.enter", methods=GET_AND_POST),
    "work_file": Access("collective.enter"),
    "work_publish": Access("contributions.moderate", methods=POST_ONLY),
}

for _name, _access in ACCESS.items():  # fail at import time on a typo
    if _access.permission not in PERMISSIONS:
        raise KeyError(f"{_name}: permission inconnue {_access.permission}")
