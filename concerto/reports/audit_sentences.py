"""How the audit rows of the synthesis report read (see ``concerto.core.audit_display``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "reports.report_create": _("%(actor)s a créé le rapport « %(target)s »."),
    "reports.report_update": _("%(actor)s a modifié le rapport « %(target)s »."),
    "reports.publish": _("%(actor)s a publié la version %(version)s du rapport « %(target)s »."),
    "reports.stake_create": _("%(actor)s a ajouté l'enjeu « %(target)s »."),
    "reports.stake_update": _("%(actor)s a modifié l'enjeu « %(target)s »."),
    "reports.stake_move": _("%(actor)s a déplacé l'enjeu « %(target)s »."),
    "reports.stake_delete": _("%(actor)s a supprimé l'enjeu « %(target)s »."),
    "reports.finding_create": _("%(actor)s a ajouté un constat : « %(target)s »."),
    "reports.finding_update": _("%(actor)s a modifié un constat : « %(target)s »."),
    "reports.finding_delete": _("%(actor)s a supprimé un constat : « %(target)s »."),
    "reports.proposal_create": _("%(actor)s a ajouté la proposition %(target)s."),
    "reports.proposal_update": _("%(actor)s a modifié la proposition %(target)s."),
    "reports.proposal_withdraw": _("%(actor)s a retiré la proposition %(target)s : %(reason)s"),
    "reports.proposal_restore": _("%(actor)s a rétabli la proposition %(target)s."),
    "reports.quote_attach": _(
        "%(actor)s a cité un extrait de la contribution %(receipt)s dans « %(target)s »."
    ),
    "reports.quote_detach": _("%(actor)s a retiré une citation de « %(target)s »."),
    "reports.figure_add": _("%(actor)s a ajouté le graphique « %(key)s » au rapport."),
    "reports.figure_remove": _("%(actor)s a retiré le graphique « %(key)s » du rapport."),
}
