from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concerto.contributions.models import Contribution
from concerto.processes.models import Neighbourhood, Process, Question


class ReviewForm(forms.Form):
    process = forms.ModelChoiceField(
        label=_("Démarche"), queryset=Process.objects.all(), empty_label=_("Choisir…")
    )
    text = forms.CharField(
        label=_("Transcription"), widget=forms.Textarea(attrs={"rows": 10}), max_length=20000
    )
    questions = forms.ModelMultipleChoiceField(
        label=_("Questions dont parle la personne"),
        queryset=Question.objects.order_by("process_id", "number"),
        widget=forms.CheckboxSelectMultiple,
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Quartier, si la personne l'a dit"),
        queryset=Neighbourhood.objects.order_by("process_id", "order"),
        required=False,
        empty_label=_("non dit"),
    )
    kind = forms.ChoiceField(
        label=_("Nature"), choices=Contribution.Kind.choices, initial=Contribution.Kind.TESTIMONY
    )
    names_to_mask = forms.CharField(
        label=_("Noms à masquer (séparés par des virgules)"),
        help_text=_("Les numéros de téléphone et adresses e-mail sont masqués d'office."),
        required=False,
        max_length=1000,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        process = data.get("process")
        if process is not None:
            if any(q.process_id != process.pk for q in data.get("questions") or []):
                self.add_error(
                    "questions", _("Ces questions n'appartiennent pas à cette démarche.")
                )
            hood = data.get("neighbourhood")
            if hood is not None and hood.process_id != process.pk:
                self.add_error("neighbourhood", _("Ce quartier n'appartient pas à cette démarche."))
        return data

    def names(self) -> list[str]:
        return [n.strip() for n in self.cleaned_data.get("names_to_mask", "").split(",")]


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif (facultatif)"),
        help_text=_("Par exemple : fichier vide, faux numéro, aucun propos."),
        required=False,
        max_length=300,
    )


class CallerLookupForm(forms.Form):
    """The number a caller gives and the day of their message (GET: nothing is changed)."""

    number = forms.CharField(
        label=_("Numéro de téléphone de l'appelant·e"),
        max_length=30,
        help_text=_("Tapé tel que la personne le donne ; il n'est ni gardé ni journalisé."),
        error_messages={"required": _("Tapez le numéro que donne la personne.")},
    )
    day = forms.DateField(
        label=_("Jour du message"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Indiquez le jour où la personne a laissé son message."),
            "invalid": _("Date illisible : utilisez le format jj/mm/aaaa."),
        },
    )

    def clean_number(self) -> str:
        from concerto.voice.lookup import MIN_DIGITS, digits_in

        number = str(self.cleaned_data["number"]).strip()
        if digits_in(number) < MIN_DIGITS:
            raise forms.ValidationError(
                _("Ce numéro a trop peu de chiffres : vérifiez-le avec la personne.")
            )
        return number
