"""Personal data of the answer and the strategy (see ``concerto.core.personal_data``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from concerto.core.personal_data import Erasure, NotPersonal, PersonalData

TEAM = _("l'élu·e ou le membre de l'équipe qui a rédigé, validé ou publié (son numéro)")
TEAM_RETENTION = _("pour toujours : la réponse de la Ville et son historique sont publics")

DECLARATIONS = [
    PersonalData(
        model="strategy.ProposalAnswer",
        fields=("drafted_by", "validated_by", "returned_by"),
        subject=TEAM,
        erasure=Erasure.KEEP,
        retention=TEAM_RETENTION,
    ),
    PersonalData(
        model="strategy.AnswerPublication",
        fields=("published_by",),
        subject=TEAM,
        erasure=Erasure.KEEP,
        retention=TEAM_RETENTION,
    ),
    PersonalData(
        model="strategy.ProposalAnswerVersion",
        fields=("validated_by", "published_by"),
        subject=TEAM,
        erasure=Erasure.KEEP,
        retention=TEAM_RETENTION,
    ),
    PersonalData(
        model="strategy.ActionChange",
        fields=("actor",),
        subject=TEAM,
        erasure=Erasure.KEEP,
        retention=TEAM_RETENTION,
    ),
    NotPersonal(
        model="strategy.ProposalAnswer",
        fields=("justification", "change_reason", "actions_note", "review_comment"),
        reason=_(
            "la réponse publique de la Ville, son explication et le commentaire d'un·e élu·e "
            "qui la renvoie pour reprise"
        ),
    ),
    NotPersonal(model="strategy.AnswerPublication", fields=("pdf",), reason=_("un PDF public")),
    NotPersonal(
        model="strategy.ProposalAnswerVersion",
        fields=("justification", "reason", "actions_note"),
        reason=_("une version publiée de la réponse"),
    ),
    NotPersonal(
        model="strategy.Commitment", fields=("description",), reason=_("un engagement public")
    ),
    NotPersonal(
        model="strategy.Action",
        fields=("description", "partners", "status_reason"),
        reason=_("une action publique et ses partenaires (des organisations)"),
    ),
    NotPersonal(
        model="strategy.BudgetLine", fields=("reason",), reason=_("le motif d'un écart de budget")
    ),
    NotPersonal(model="strategy.Indicator", fields=("name",), reason=_("un indicateur public")),
    NotPersonal(
        model="strategy.ActionChange",
        fields=("old_value", "new_value", "reason"),
        reason=_("l'historique public d'une action"),
    ),
]
