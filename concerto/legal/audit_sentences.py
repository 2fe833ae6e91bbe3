"""How the audit rows of the legal pages read (see ``concerto.core.audit_display``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "legal.update": _("%(actor)s a modifié les pages légales (%(changed)s)."),
}
