"""How the audit rows of the answer and the strategy read (``concerto.core.audit_display``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "answers.draft": _("%(actor)s a rédigé la réponse à la proposition %(proposal)s."),
    "answers.validate": _("%(actor)s a validé la réponse à la proposition %(proposal)s."),
    "answers.withdraw_change": _(
        "%(actor)s a abandonné la modification de la réponse à la proposition %(proposal)s "
        "(la version %(version)s publiée reste)."
    ),
    "answers.send_back": _(
        "%(actor)s a renvoyé la réponse à la proposition %(proposal)s pour être reprise : "
        "%(reason)s"
    ),
    "answers.publish": _(
        "%(actor)s a publié la réponse de la Ville n° %(number)s (propositions %(published)s)."
    ),
    "strategy.commitment_create": _("%(actor)s a ajouté l'engagement « %(target)s »."),
    "strategy.commitment_update": _("%(actor)s a modifié l'engagement « %(target)s »."),
    "strategy.commitment_delete": _("%(actor)s a supprimé l'engagement « %(title)s »."),
    "strategy.action_create": _("%(actor)s a ajouté l'action %(code)s « %(target)s »."),
    "strategy.action_update": _("%(actor)s a modifié l'action « %(target)s »."),
    "strategy.action_delete": _("%(actor)s a supprimé l'action %(code)s « %(title)s »."),
    "strategy.action_progress": _(
        "%(actor)s a mis à jour l'avancement de l'action « %(target)s » (%(progress)s %%)."
    ),
    "strategy.milestone_add": _("%(actor)s a ajouté le jalon « %(target)s »."),
    "strategy.milestone_done": _("%(actor)s a marqué le jalon « %(target)s » comme atteint."),
    "strategy.budget_save": _(
        "%(actor)s a enregistré le budget %(year)s de l'action « %(target)s » (prévu "
        "%(planned)s €, engagé %(committed)s €, dépensé %(spent)s €)."
    ),
    "strategy.indicator_add": _("%(actor)s a ajouté l'indicateur « %(target)s »."),
    "strategy.measure_add": _(
        "%(actor)s a ajouté une mesure de l'indicateur « %(target)s » : %(value)s au %(on)s."
    ),
}
