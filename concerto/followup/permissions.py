"""Who may open each staff page of the droit de suite, declared as data; views are guarded by
``staff_view(name, table=ACCESS)``."""

from __future__ import annotations

from concerto.backoffice.permissions import GET_AND_POST, GET_ONLY, POST_ONLY, Access
from concerto.core.roles import PERMISSIONS
from concerto.followup.annual import PUBLISH_PERMISSION

ACCESS: dict[str, Access] = {
    # The list of annual reports, and the form asking for a new one (POST).
    "annual_reports": Access("followup.report", methods=GET_AND_POST),
    "annual_report": Access("followup.report", methods=GET_ONLY),
    "annual_report_pdf": Access("followup.report", methods=GET_ONLY),
    # Publishing the public version speaks for the City: admins only.
    "annual_report_publish": Access(PUBLISH_PERMISSION, methods=POST_ONLY),
}

for _name, _access in ACCESS.items():  # fail at import time on a typo
    if _access.permission not in PERMISSIONS:
        raise KeyError(f"{_name}: permission inconnue {_access.permission}")
