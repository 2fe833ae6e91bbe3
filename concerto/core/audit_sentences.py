"""How the audit rows of the shared kernel read (see ``concerto.core.audit_display``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "core.audit_labels_pseudonymised": _(
        "%(actor)s a remplacé les adresses du journal d'audit par des numéros de compte "
        "(%(rows)s lignes)."
    ),
    "identity.update": _("%(actor)s a modifié l'identité du site (%(changed)s)."),
}
