"""How the audit rows of cahiers and works read (see ``concerto.core.audit_display``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "collective.submit": _(
        "%(actor)s a déposé en ligne le cahier d'acteurs %(target)s (%(proposals)s propositions)."
    ),
    "collective.enter": _(
        "%(actor)s a saisi le cahier d'acteurs %(target)s d'après le document reçu "
        "(%(proposals)s propositions)."
    ),
    "work.create": _("%(actor)s a déposé l'œuvre originale de la contribution %(target)s."),
    "work.update_text": _(
        "%(actor)s a modifié la transcription de l'œuvre de la contribution %(target)s."
    ),
}
