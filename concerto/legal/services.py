"""Writes of the legal pages: one function, its transaction and its audit row."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.core.audit import audit
from concerto.core.roles import can
from concerto.legal.defaults import FIELDS, STATUS_CACHE_KEY, default_values
from concerto.legal.models import LegalTexts


class LegalError(Exception):
    """A write was refused; ``str(exc)`` is a French message."""


def legal_texts_update(*, values: dict[str, Any], actor: User) -> LegalTexts:
    """Save the admin's texts. A value equal to its default, or empty, is stored empty: the
    page then follows the default (settings), so a later change of settings shows."""
    if not can(actor, "legal.edit"):
        raise LegalError(_("Seul·e un·e administrateur·rice modifie les pages légales."))
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise LegalError(_("Champ inconnu : %(names)s.") % {"names": ", ".join(sorted(unknown))})
    defaults = default_values()
    with transaction.atomic():
        row = LegalTexts.objects.select_for_update().first() or LegalTexts()
        changed = []
        for name in FIELDS:
            if name not in values:
                continue
            value = values[name]
            if isinstance(value, str):
                value = value.strip().replace("\r\n", "\n")
            if value == defaults[name] or value is None:
                value = None if name == "audit_date" else ""
            if getattr(row, name) != value:
                changed.append(name)
                setattr(row, name, value)
        row.updated_by = actor
        row.save()
        audit(actor=actor, action="legal.update", target=row, data={"changed": changed})
        transaction.on_commit(lambda: cache.delete(STATUS_CACHE_KEY))
    return row
