"""How the audit rows of events read (see ``concerto.core.audit_display``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "event.propose": _("%(actor)s a proposé l'événement « %(target)s »."),
    "event.resubmit": _("%(actor)s a renvoyé l'événement « %(target)s » après modification."),
    "event.approve": _("%(actor)s a publié l'événement « %(target)s » dans l'agenda."),
    "event.request_changes": _(
        "%(actor)s a demandé une modification de l'événement « %(target)s » : %(reason)s"
    ),
    "event.refuse": _("%(actor)s a refusé l'événement « %(target)s » : %(reason)s"),
    "event.cancel": _("%(actor)s a annulé l'événement « %(target)s » : %(reason)s"),
    "event.report": _(
        "%(actor)s a déposé le compte rendu de l'événement « %(target)s » (contribution "
        "%(contribution)s)."
    ),
    "event.session_create": _("%(actor)s a ajouté la séance « %(target)s » au programme."),
    "event.session_update": _("%(actor)s a modifié la séance « %(target)s »."),
    "event.stop_create": _("%(actor)s a ajouté l'étape « %(target)s » au parcours."),
    "event.stop_update": _("%(actor)s a modifié l'étape « %(target)s » du parcours."),
    "event.stop_delete": _("%(actor)s a retiré l'étape « %(target)s » du parcours."),
    "event.register": _("%(actor)s a enregistré l'inscription %(target)s à un événement."),
    "event.register_again": _("%(actor)s a renouvelé l'inscription %(target)s à un événement."),
    "event.promote": _(
        "%(actor)s a fait passer l'inscription %(target)s de la liste d'attente aux places "
        "confirmées."
    ),
    "event.unregister": _("%(actor)s a annulé l'inscription %(target)s."),
    "event.attendance": _(
        "%(actor)s a noté les présences à l'événement « %(target)s » (%(present)s personnes "
        "venues)."
    ),
}
