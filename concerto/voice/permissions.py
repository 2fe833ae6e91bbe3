"""Who may open each staff page of the phone channel, declared as data."""

from __future__ import annotations

from concerto.backoffice.permissions import GET_AND_POST, POST_ONLY, Access
from concerto.core.roles import PERMISSIONS

ACCESS: dict[str, Access] = {
    "messages": Access("intake.transcribe"),
    "message": Access("intake.transcribe", methods=GET_AND_POST),
    "audio": Access("intake.transcribe"),
    "dismiss": Access("intake.transcribe", methods=POST_ONLY),
    "receipt_lookup": Access("intake.transcribe"),
}

for _name, _access in ACCESS.items():  # fail at import time on a typo
    if _access.permission not in PERMISSIONS:
        raise KeyError(f"{_name}: permission inconnue {_access.permission}")
