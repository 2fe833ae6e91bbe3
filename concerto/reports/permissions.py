"""Who may open each staff page of the report (``reports`` namespace), declared as data;
views are guarded by ``staff_view(name, table=ACCESS)``."""

from __future__ import annotations

from concerto.backoffice.permissions import GET_AND_POST, POST_ONLY, Access
from concerto.core.roles import PERMISSIONS

ACCESS: dict[str, Access] = {
    # The processes, with links to their statistics and report.
    "index": Access("synthesis.view"),
    # The figures of a process, recomputed from the database.
    "statistics": Access("synthesis.view"),
    # The editor: the report, its stakes, findings, proposals, quotes and figures.
    "editor": Access("reports.edit", methods=GET_AND_POST),
    "stake_create": Access("reports.edit", methods=POST_ONLY),
    "stake": Access("reports.edit", methods=GET_AND_POST),
    "stake_action": Access("reports.edit", methods=POST_ONLY),
    "finding_create": Access("reports.edit", methods=POST_ONLY),
    "finding": Access("reports.edit", methods=GET_AND_POST),
    "finding_delete": Access("reports.edit", methods=POST_ONLY),
    "proposal_create": Access("reports.edit", methods=POST_ONLY),
    "proposal": Access("reports.edit", methods=GET_AND_POST),
    "proposal_withdraw": Access("reports.edit", methods=POST_ONLY),
    "finding_quotes": Access("reports.edit", methods=GET_AND_POST),
    "proposal_quotes": Access("reports.edit", methods=GET_AND_POST),
    "figure_add": Access("reports.edit", methods=POST_ONLY),
    "figure_remove": Access("reports.edit", methods=POST_ONLY),
    # Publication: editors see the checks, only those who may publish send the form.
    "publish": Access("reports.edit", methods=GET_AND_POST, post_permission="reports.publish"),
}

for _name, _access in ACCESS.items():  # fail at import time on a typo
    for _perm in (_access.permission, _access.post_permission):
        if _perm is not None and _perm not in PERMISSIONS:
            raise KeyError(f"{_name}: permission inconnue {_perm}")
