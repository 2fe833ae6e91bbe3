"""Who may open each staff page of the answer and the strategy, declared as data; views are
guarded by ``staff_view(name, table=ACCESS)``. The permissions are those of
``concerto.core.roles.PERMISSIONS`` (see docs/roles.md)."""

from __future__ import annotations

from concerto.backoffice.permissions import GET_AND_POST, POST_ONLY, Access
from concerto.core.roles import PERMISSIONS

ACCESS: dict[str, Access] = {
    "staff_index": Access("backoffice.view"),
    # The answer: drafted by analysts and admins, validated by an official, published by
    # an admin.
    "answers": Access("answers.draft"),
    "answer_edit": Access("answers.draft", methods=GET_AND_POST),
    "answers_validate": Access("answers.validate", methods=GET_AND_POST),
    "answer_send_back": Access("answers.validate", methods=POST_ONLY),
    "answers_publish": Access("answers.publish", methods=GET_AND_POST),
    # The strategy: its structure (admins), its follow-up (admins and analysts).
    "actions": Access("strategy.update"),
    "commitment_create": Access("strategy.manage", methods=GET_AND_POST),
    "commitment_edit": Access("strategy.manage", methods=GET_AND_POST),
    "commitment_delete": Access("strategy.manage", methods=POST_ONLY),
    "action_create": Access("strategy.manage", methods=GET_AND_POST),
    "action_edit": Access("strategy.manage", methods=GET_AND_POST),
    "action_delete": Access("strategy.manage", methods=POST_ONLY),
    "action_update": Access("strategy.update"),
    "action_progress": Access("strategy.update", methods=POST_ONLY),
    "milestone_add": Access("strategy.update", methods=POST_ONLY),
    "milestone_done": Access("strategy.update", methods=POST_ONLY),
    "budget_save": Access("strategy.update", methods=POST_ONLY),
    "indicator_add": Access("strategy.update", methods=POST_ONLY),
    "measure_add": Access("strategy.update", methods=POST_ONLY),
}

for _name, _access in ACCESS.items():  # fail at import time on a typo
    if _access.permission not in PERMISSIONS:
        raise KeyError(f"{_name}: permission inconnue {_access.permission}")
