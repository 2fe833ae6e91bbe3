"""How the audit rows of the phone channel read (see ``concerto.core.audit_display``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "voice.receive": _("%(actor)s a reçu le %(target)s (%(duration)s secondes)."),
    "voice.transcribe": _(
        "%(actor)s a transcrit un message téléphonique en contribution %(target)s."
    ),
    "voice.dismiss": _("%(actor)s a classé sans suite le %(target)s : %(reason)s."),
    "voice.purge_audio": _(
        "%(actor)s a effacé l'enregistrement du %(target)s (durée de conservation écoulée)."
    ),
    "voice.caller_lookup": _(
        "%(actor)s a cherché les messages d'un appelant reçus le %(day)s pour lui donner son "
        "récépissé."
    ),
}
