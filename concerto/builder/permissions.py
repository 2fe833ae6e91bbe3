"""Who may open each page of the process builder (``builder`` namespace, under
/backoffice/demarches/), declared as data like concerto.backoffice.permissions.ACCESS.
tests/builder/test_permissions.py checks every URL of the namespace against it."""

from __future__ import annotations

from concerto.backoffice.permissions import GET_AND_POST, GET_ONLY, POST_ONLY, Access
from concerto.core.roles import PERMISSIONS

BUILD = "processes.build"

BUILDER_ACCESS: dict[str, Access] = {
    "index": Access(BUILD, methods=GET_ONLY),
    "create": Access(BUILD, methods=GET_AND_POST),
    "process": Access(BUILD, methods=GET_ONLY),
    "edit": Access(BUILD, methods=GET_AND_POST),
    "copy": Access(BUILD, methods=GET_AND_POST),
    "profiles": Access(BUILD, methods=GET_AND_POST),
    "preview": Access(BUILD, methods=GET_ONLY),
    # The publish switch: only those who may publish a process.
    "publish": Access("processes.manage", methods=POST_ONLY),
    "part_create": Access(BUILD, methods=GET_AND_POST),
    "part_edit": Access(BUILD, methods=GET_AND_POST),
    "part_delete": Access(BUILD, methods=GET_AND_POST),
    "question_move": Access(BUILD, methods=POST_ONLY),
}

for _name, _access in BUILDER_ACCESS.items():  # fail at import time on a typo
    if _access.permission not in PERMISSIONS:
        raise KeyError(f"{_name}: permission inconnue {_access.permission}")
