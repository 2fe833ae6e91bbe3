"""How the audit rows of accounts read (see ``concerto.core.audit_display``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "accounts.login_history_purge": _(
        "%(actor)s a effacé l'historique des connexions de plus de %(days)s jours (%(rows)s "
        "lignes)."
    ),
}
