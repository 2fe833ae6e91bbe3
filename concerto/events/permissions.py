"""Who may open each staff page of the events (``events:staff`` namespace, under
/backoffice/evenements/), declared as data like concerto.backoffice.permissions.ACCESS.
tests/events/test_permissions.py checks every URL of the namespace against it."""

from __future__ import annotations

from concerto.backoffice.permissions import GET_AND_POST, GET_ONLY, POST_ONLY, Access
from concerto.core.roles import PERMISSIONS

EVENT_ACCESS: dict[str, Access] = {
    "queue": Access("events.moderate", methods=GET_ONLY),
    "event": Access("events.moderate", methods=GET_ONLY),
    "decide": Access("events.moderate", methods=POST_ONLY),
    # The programme of a multi-session event (festival).
    "sessions": Access("events.moderate", methods=GET_ONLY),
    "session_create": Access("events.moderate", methods=GET_AND_POST),
    "session_edit": Access("events.moderate", methods=GET_AND_POST),
    # The stops of a walking route (« Parcours des solidarités »).
    "stops": Access("events.moderate", methods=GET_ONLY),
    "stop_create": Access("events.moderate", methods=GET_AND_POST),
    "stop_edit": Access("events.moderate", methods=GET_AND_POST),
    "stop_delete": Access("events.moderate", methods=POST_ONLY),
}

for _name, _access in EVENT_ACCESS.items():  # fail at import time on a typo
    if _access.permission not in PERMISSIONS:
        raise KeyError(f"{_name}: permission inconnue {_access.permission}")
