"""How the audit rows of the paper channel read (see ``concerto.core.audit_display``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "urn.create": _("%(actor)s a ajouté l'urne « %(target)s »."),
    "urn.update": _("%(actor)s a modifié l'urne « %(target)s »."),
    "urn.delete": _("%(actor)s a supprimé l'urne « %(target)s »."),
    "intake.print": _(
        "%(actor)s a imprimé les formulaires n° %(first)s à %(last)s pour l'urne « %(target)s »."
    ),
    "intake.collect": _(
        "%(actor)s a relevé l'urne « %(target)s » le %(date)s (%(sheets)s feuilles)."
    ),
    "intake.upload": _("%(actor)s a déposé le lot numérisé « %(target)s » (%(pages)s pages)."),
    "intake.upload_refused": _("Le fichier « %(file)s » a été refusé : %(message)s"),
    "intake.batch_dismiss": _("%(actor)s a classé le lot numérisé « %(target)s »."),
    "intake.page_dismiss": _(
        "%(actor)s a écarté la page « %(target)s » : ce n'est pas un formulaire."
    ),
    "intake.identify": _(
        "%(actor)s a identifié la page « %(target)s » comme le formulaire n° %(sheet)s."
    ),
    "intake.retry": _("%(actor)s a relancé la lecture de la page « %(target)s »."),
    "intake.transcribe": _(
        "%(actor)s a transcrit le formulaire papier n° %(sheet)s en contribution %(target)s."
    ),
    "intake.transcribe_free_form": _(
        "%(actor)s a transcrit une lettre ou une page libre en contribution %(target)s."
    ),
}
