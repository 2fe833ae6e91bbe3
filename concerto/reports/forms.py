"""Forms of the report editor. They only parse: the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concerto.reports.models import Report, Stake
from concerto.reports.statistics import key_choices
from concerto.synthesis.models import Theme


class ThemesField(forms.ModelMultipleChoiceField[Theme]):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Theme) -> str:
        return f"— {obj.name}" if obj.parent_id else obj.name


def _themes_field() -> ThemesField:
    return ThemesField(
        label=_("Thèmes de la grille"),
        queryset=Theme.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Thème inconnu.")},
    )


class _WithThemes(forms.Form):
    themes = _themes_field()

    def __init__(self, *args: Any, themes: list[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["themes"]
        assert isinstance(field, ThemesField)
        field.queryset = Theme.objects.filter(pk__in=[t.pk for t in themes])
        field.choices = [(t.pk, field.label_from_instance(t)) for t in themes]

    def chosen_themes(self) -> list[Theme]:
        return list(self.cleaned_data.get("themes") or [])


class ReportForm(forms.Form):
    title = forms.CharField(label=_("Titre du rapport"), max_length=200)
    introduction = forms.CharField(label=_("Introduction"), widget=forms.Textarea, required=False)
    method = forms.CharField(
        label=_("Méthode"),
        widget=forms.Textarea,
        required=False,
        help_text=_(
            "Comment les contributions ont été lues et codées. Les chiffres par canal, la "
            "grille et l'accord entre analystes sont ajoutés à la publication."
        ),
    )

    @classmethod
    def for_report(cls, report: Report | None, data: Any = None) -> ReportForm:
        initial = (
            {"title": report.title, "introduction": report.introduction, "method": report.method}
            if report is not None
            else {}
        )
        return cls(data, initial=initial)


class StakeForm(_WithThemes):
    title = forms.CharField(label=_("Titre de l'enjeu"), max_length=200)
    summary = forms.CharField(label=_("Présentation"), widget=forms.Textarea, required=False)
    field_order = ["title", "summary", "themes"]


class FindingForm(_WithThemes):
    text = forms.CharField(label=_("Constat"), widget=forms.Textarea)
    field_order = ["text", "themes"]


class ProposalForm(_WithThemes):
    title = forms.CharField(label=_("Titre de la préconisation"), max_length=300)
    text = forms.CharField(label=_("Texte"), widget=forms.Textarea, required=False)
    stake = forms.ModelChoiceField(
        label=_("Enjeu"), queryset=Stake.objects.none(), required=False, empty_label=None
    )
    field_order = ["title", "text", "stake", "themes"]

    def __init__(self, *args: Any, stakes: list[Stake] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if stakes is None:
            del self.fields["stake"]
        else:
            field = self.fields["stake"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Stake.objects.filter(pk__in=[s.pk for s in stakes])


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du retrait"),
        max_length=500,
        help_text=_("La préconisation garde son numéro ; elle est affichée comme « retirée »."),
    )


class FigureForm(forms.Form):
    key = forms.ChoiceField(label=_("Statistique"), choices=())
    caption = forms.CharField(label=_("Commentaire (facultatif)"), max_length=300, required=False)
    stake = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["key"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = key_choices()


class PublishForm(forms.Form):
    note = forms.CharField(
        label=_("Motif de cette version"),
        max_length=300,
        required=False,
        help_text=_("Par exemple : « Première publication » ou « Correction d'une citation »."),
    )
