"""How the audit rows of access to rights read (see ``concerto.core.audit_display``): case
numbers only, never anything of the household."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "rights.case_created": _(
        "%(actor)s a ouvert le dossier %(target)s ; droits potentiellement non réclamés : "
        "%(unclaimed)s."
    ),
    "rights.diagnostic_added": _("%(actor)s a refait le diagnostic du dossier %(target)s."),
    "rights.case_opened": _("%(actor)s a consulté le dossier %(target)s."),
    "rights.orientation_recorded": _(
        "%(actor)s a noté la suite d'une orientation du dossier %(target)s."
    ),
    "rights.appointment_set": _("%(actor)s a fixé un rendez-vous pour le dossier %(target)s."),
    "rights.case_closed": _("%(actor)s a clos le dossier %(target)s."),
    "rights.cases_purged": _(
        "%(actor)s a supprimé les dossiers d'accès aux droits arrivés au terme de leur durée "
        "de conservation (nombre : %(count)s)."
    ),
}
