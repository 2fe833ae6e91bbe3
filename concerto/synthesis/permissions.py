"""Who may open each page of the analysts' workspace, declared as data; views are
guarded by ``staff_view(name, table=ACCESS)``. Reading needs ``synthesis.view``,
every write (POST) ``synthesis.code``."""

from __future__ import annotations

from concerto.backoffice.permissions import GET_AND_POST, POST_ONLY, Access
from concerto.core.roles import PERMISSIONS

READ = Access("synthesis.view")
READ_WRITE = Access("synthesis.view", methods=GET_AND_POST, post_permission="synthesis.code")
WRITE = Access("synthesis.code", methods=POST_ONLY)

ACCESS: dict[str, Access] = {
    "processes": READ,
    "home": READ,
    "codebook": READ_WRITE,
    "theme": READ_WRITE,
    "theme_action": WRITE,
    "versions": READ,
    "version": READ,
    "contributions": READ,
    "code": READ_WRITE,
    "coding_delete": WRITE,
    "coding_quote": WRITE,
    "samples": READ_WRITE,
    "sample": READ,
    "sample_item": READ_WRITE,
    "sample_finish": WRITE,
    "agreement": READ,
    "machine": READ,
    "run_start": WRITE,
    "run": READ,
    "cluster_theme": WRITE,
    "suggestions": READ,
    "suggestion_decide": WRITE,
    "duplicates": READ,
}

# Pages that need no object but the process (the URL matrix opens them with its process).
WITHOUT_OBJECT = {
    "processes",
    "home",
    "codebook",
    "versions",
    "contributions",
    "samples",
    "machine",
    "suggestions",
    "duplicates",
}

for _name, _access in ACCESS.items():  # fail at import time on a typo
    for _perm in (_access.permission, _access.post_permission):
        if _perm is not None and _perm not in PERMISSIONS:
            raise KeyError(f"{_name}: permission inconnue {_perm}")
