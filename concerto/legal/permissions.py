"""Who may open the staff page of the legal texts, declared as data."""

from __future__ import annotations

from concerto.backoffice.permissions import GET_AND_POST, Access

ACCESS: dict[str, Access] = {"edit": Access("legal.edit", methods=GET_AND_POST)}
