"""Forms of the answer and the strategy. They only parse what was typed; the rules live in
the services (``concerto.strategy.services``), whose refusals are shown on the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concerto.processes.models import Neighbourhood, Process
from concerto.reports.models import Proposal
from concerto.strategy.errors import StrategyError
from concerto.strategy.models import Action, Commitment, Decision, Indicator, ProposalAnswer
from concerto.strategy.selectors import published_proposals

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=DATE_INPUT_FORMATS,
        help_text=help_text,
        error_messages={"invalid": _("Saisissez une date, par exemple 30/06/2023.")},
    )


def amount_field(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=14,
        decimal_places=2,
        initial=0,
        help_text=_("En euros."),
        error_messages={"invalid": _("Saisissez un montant en euros, par exemple 12500,50.")},
    )


def show_error(form: forms.Form, exc: StrategyError) -> None:
    """A service's refusal, on its field if the form has it."""
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


# --- The answer ---------------------------------------------------------------------------------


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    justification = forms.CharField(
        label=_("Justification argumentée"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ce qui est retenu ou non, et les raisons de ce choix."),
    )
    official = forms.CharField(label=_("Élu·e en charge"), max_length=200)
    service = forms.CharField(label=_("Service en charge"), max_length=200)
    decided_on = date_field(_("Date de la décision"))
    reason = forms.CharField(
        label=_("Motif du changement"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Obligatoire pour modifier une réponse déjà publiée : il est publié avec la "
            "nouvelle version, la précédente reste visible."
        ),
    )

    actions_note = forms.CharField(
        label=_("Pourquoi des actions la mettent en œuvre malgré tout"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Obligatoire si la décision est « non retenue » alors que des actions de la "
            "stratégie mettent en œuvre cette préconisation : l'explication est publiée avec "
            "la réponse."
        ),
    )

    @classmethod
    def for_answer(
        cls, proposal: Proposal, answer: ProposalAnswer | None, data: Any = None
    ) -> AnswerForm:
        initial: dict[str, Any] = {}
        if answer is not None:
            initial = {
                "decision": answer.decision,
                "justification": answer.justification,
                "official": answer.official,
                "service": answer.service,
                "decided_on": answer.decided_on,
                "reason": answer.change_reason,
                "actions_note": answer.actions_note,
            }
        form = cls(data, initial=initial, prefix=f"p{proposal.number}")
        if answer is None or not answer.version:
            form.fields["reason"].widget = forms.HiddenInput()
        return form


# --- Commitments and actions ---------------------------------------------------------------------


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("Ce qu'il faut changer"),
        required=False,  # an empty comment is refused by the service, in a sentence
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Votre commentaire est transmis à l'équipe qui rédige la réponse."),
    )


class CommitmentForm(forms.Form):
    title = forms.CharField(label=_("Engagement"), max_length=300)
    description = forms.CharField(
        label=_("Présentation"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Titre de l'action"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    is_flagship = forms.BooleanField(label=_("Action phare"), required=False)
    lead_service = forms.CharField(label=_("Service pilote"), required=False, max_length=200)
    partners = forms.CharField(
        label=_("Partenaires"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    neighbourhoods = forms.ModelMultipleChoiceField(
        label=_("Quartiers concernés"),
        queryset=Neighbourhood.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aucun : toute la ville."),
    )
    start_date = date_field(_("Début prévu"), required=False)
    end_date = date_field(_("Fin prévue"), required=False)
    progress_weighting = forms.ChoiceField(
        label=_("Avancement calculé à partir des sous-actions"),
        choices=Action.Weighting.choices,
        initial=Action.Weighting.BUDGET,
        widget=forms.RadioSelect,
    )
    proposals = forms.ModelMultipleChoiceField(
        label=_("Préconisations du rapport mises en œuvre"),
        queryset=Proposal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    answers = forms.ModelMultipleChoiceField(
        label=_("Réponses de la Ville mises en œuvre"),
        queryset=ProposalAnswer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    parent = forms.ModelChoiceField(
        label=_("Sous-action de"),
        queryset=Action.objects.none(),
        required=False,
        empty_label=_("(aucune : action de l'engagement)"),
    )

    def __init__(
        self,
        *args: Any,
        process: Process,
        commitment: Commitment | None = None,
        with_parent: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighbourhoods"].queryset = Neighbourhood.objects.filter(  # type: ignore[attr-defined]
            process=process
        )
        self.fields["proposals"].queryset = published_proposals(process)  # type: ignore[attr-defined]
        self.fields["proposals"].label_from_instance = str  # type: ignore[attr-defined]
        self.fields["answers"].queryset = (  # type: ignore[attr-defined]
            ProposalAnswer.objects.filter(process=process, version__gt=0)
            .select_related("proposal")
            .order_by("proposal__number")
        )
        self.fields["answers"].label_from_instance = lambda a: (  # type: ignore[attr-defined]
            f"{a.proposal.code} — {a.get_decision_display()}"
        )
        if with_parent and commitment is not None:
            self.fields["parent"].queryset = Action.objects.filter(  # type: ignore[attr-defined]
                commitment=commitment, parent__isnull=True
            )
        else:
            del self.fields["parent"]


# --- Updates of an action ---------------------------------------------------------------------


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Statut"), choices=Action.Status.choices)
    progress = forms.IntegerField(
        label=_("Avancement (%)"),
        required=False,
        help_text=_("De 0 à 100. Calculé à partir des sous-actions s'il y en a."),
        error_messages={"invalid": _("Saisissez un nombre entier entre 0 et 100.")},
    )
    on = date_field(
        _("Date du changement de statut"),
        required=False,
        help_text=_("Aujourd'hui si vide."),
    )
    reason = forms.CharField(
        label=_("Motif"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Obligatoire si l'action est reportée ou abandonnée, ou si l'avancement recule. "
            "Publié dans l'historique de l'action."
        ),
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Jalon"), max_length=300)
    due_on = date_field(_("Échéance"))


class MilestoneDoneForm(forms.Form):
    done_on = date_field(_("Atteint le"), required=False, help_text=_("Aujourd'hui si vide."))


class BudgetForm(forms.Form):
    year = forms.IntegerField(
        label=_("Année"), error_messages={"invalid": _("Saisissez une année, par exemple 2024.")}
    )
    planned = amount_field(_("Prévu"))
    committed = amount_field(_("Engagé"))
    spent = amount_field(_("Dépensé"))
    reason = forms.CharField(
        label=_("Motif du dépassement"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obligatoire si le dépensé dépasse l'engagé."),
    )


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indicateur"), max_length=200)
    unit = forms.CharField(label=_("Unité"), max_length=40)
    baseline = forms.DecimalField(label=_("Valeur de départ"), max_digits=14, decimal_places=2)
    target = forms.DecimalField(label=_("Cible"), max_digits=14, decimal_places=2)


class MeasureForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Indicateur"), queryset=Indicator.objects.none(), empty_label=_("Choisir…")
    )
    measured_on = date_field(_("Mesuré le"))
    value = forms.DecimalField(label=_("Valeur"), max_digits=14, decimal_places=2)

    def __init__(self, *args: Any, action: Action, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(action=action)  # type: ignore[attr-defined]


# --- The public dashboard's filters --------------------------------------------------------------


class DashboardFilterForm(forms.Form):
    """The dashboard's GET form: every field optional, unknown values ignored."""

    quartier = forms.ChoiceField(label=_("Quartier"), required=False)
    statut = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[("", _("Tous les statuts")), *Action.Status.choices],
    )

    def __init__(self, *args: Any, neighbourhoods: list[Neighbourhood], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.neighbourhoods = {n.slug: n for n in neighbourhoods}
        field = self.fields["quartier"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Tous les quartiers")), *((n.slug, n.name) for n in neighbourhoods)]

    def values(self) -> tuple[Neighbourhood | None, str | None, list[str]]:
        self.is_valid()
        ignored = [
            str(_("Le filtre « %(label)s » n'est pas valide : il a été ignoré."))
            % {"label": self.fields[name].label}
            for name in self.errors
        ]
        data = getattr(self, "cleaned_data", {})
        neighbourhood = self.neighbourhoods.get(data.get("quartier") or "")
        status = data.get("statut") or None
        return neighbourhood, status, ignored
