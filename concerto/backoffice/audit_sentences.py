"""How the audit rows of the back-office read (see ``concerto.core.audit_display``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "role.grant": _("%(actor)s a donné le rôle « %(label)s » au %(target)s."),
    "role.revoke": _("%(actor)s a retiré le rôle « %(label)s » au %(target)s."),
}
