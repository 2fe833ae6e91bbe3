"""How the audit rows of the analysis read (see ``concerto.core.audit_display``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "synthesis.codebook_create": _("%(actor)s a créé la grille de codage « %(target)s »."),
    "synthesis.theme_create": _(
        "%(actor)s a ajouté le thème « %(target)s » à la grille (version %(codebook_version)s)."
    ),
    "synthesis.theme_update": _(
        "%(actor)s a modifié le thème « %(target)s » (version %(codebook_version)s de la grille)."
    ),
    "synthesis.theme_move": _(
        "%(actor)s a déplacé le thème « %(target)s » (version %(codebook_version)s de la grille)."
    ),
    "synthesis.theme_archive": _(
        "%(actor)s a archivé le thème « %(target)s » (version %(codebook_version)s de la grille)."
    ),
    "synthesis.theme_restore": _(
        "%(actor)s a rétabli le thème « %(target)s » (version %(codebook_version)s de la grille)."
    ),
    "synthesis.theme_delete": _(
        "%(actor)s a supprimé le thème « %(target)s » (version %(codebook_version)s de la grille)."
    ),
    "synthesis.coding_create": _("%(actor)s a codé une réponse : %(target)s."),
    "synthesis.coding_delete": _("%(actor)s a retiré un codage : %(target)s."),
    "synthesis.coding_quote": _("%(actor)s a marqué un extrait comme citation : %(target)s."),
    "synthesis.coding_unquote": _("%(actor)s a retiré un extrait des citations : %(target)s."),
    "synthesis.run_request": _("%(actor)s a lancé l'analyse automatique « %(target)s »."),
    "synthesis.suggestion_accept": _(
        "%(actor)s a accepté les thèmes suggérés par la machine (%(target)s)."
    ),
    "synthesis.suggestion_correct": _(
        "%(actor)s a corrigé les thèmes suggérés par la machine (%(target)s)."
    ),
    "synthesis.sample_create": _(
        "%(actor)s a tiré un échantillon de %(size)s contributions pour le double codage "
        "(%(target)s)."
    ),
    "synthesis.sample_review": _("%(actor)s a codé une réponse de l'échantillon (%(target)s)."),
    "synthesis.sample_finish": _("%(actor)s a terminé son codage de l'échantillon (%(target)s)."),
}
