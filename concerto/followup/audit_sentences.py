"""How the audit rows of the droit de suite read (see ``concerto.core.audit_display``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "followup.unsubscribe": _(
        "Une personne s'est désabonnée des nouvelles de ses contributions (%(contributions)s "
        "contributions)."
    ),
    "followup.annual_request": _(
        "%(actor)s a demandé le rapport annuel de suivi du %(start)s au %(end)s."
    ),
    "followup.annual_publish": _("%(actor)s a publié le rapport annuel de suivi « %(target)s »."),
}
