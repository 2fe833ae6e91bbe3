"""How the audit rows of the organisations read (see ``concerto.core.audit_display``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "organisation.create": _("%(actor)s a créé la page de l'organisation « %(target)s »."),
    "organisation.update": _(
        "%(actor)s a modifié la page de l'organisation « %(target)s » (%(changed)s)."
    ),
    "organisation.approve": _("%(actor)s a validé l'organisation « %(target)s »."),
    "organisation.refuse": _("%(actor)s a refusé l'organisation « %(target)s » : %(reason)s"),
    "organisation.invite": _("%(actor)s a invité une personne à rejoindre « %(target)s »."),
    "organisation.invitation_revoke": _("%(actor)s a annulé une invitation (%(target)s)."),
    "organisation.join": _("%(actor)s a rejoint l'organisation « %(target)s »."),
    "organisation.member_add": _("%(actor)s a ajouté un membre (%(target)s)."),
    "organisation.member_role": _("%(actor)s a changé le rôle d'un membre (%(target)s)."),
    "organisation.member_remove": _("%(actor)s a retiré un membre (%(target)s)."),
    "organisation.leave": _("%(actor)s a quitté l'organisation (%(target)s)."),
}
