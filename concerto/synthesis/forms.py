"""Forms of the analysts' workspace. They only parse; the services decide."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from concerto.accounts.models import User
from concerto.contributions.models import Answer
from concerto.core.roles import PERMISSIONS
from concerto.processes.models import Channel, Process, Question
from concerto.synthesis.models import AnalysisRun, Codebook, Theme
from concerto.synthesis.passages import passages
from concerto.synthesis.runs import MAX_CLUSTERS

PASSAGE_LABEL = 90


class ThemeChoiceField(forms.ModelChoiceField[Theme]):
    def label_from_instance(self, obj: Theme) -> str:
        return f"— {obj.name}" if obj.parent_id else obj.name


class ThemesField(forms.ModelMultipleChoiceField[Theme]):
    def label_from_instance(self, obj: Theme) -> str:
        return f"{obj.parent.name} › {obj.name}" if obj.parent_id and obj.parent else obj.name


def ordered_themes(codebook: Codebook | None, *, active_only: bool = True) -> list[Theme]:
    """Themes in tree order: each theme followed by its sub-themes."""
    if codebook is None:
        return []
    themes = Theme.objects.filter(codebook=codebook).select_related("parent")
    if active_only:
        themes = themes.filter(is_archived=False)
    items = list(themes.order_by("position", "pk"))
    parents = [t for t in items if t.parent_id is None]
    result: list[Theme] = []
    for parent in parents:
        result.append(parent)
        result.extend(t for t in items if t.parent_id == parent.pk)
    return result


def _queryset(themes: Sequence[Theme]) -> QuerySet[Theme]:
    return Theme.objects.filter(pk__in=[t.pk for t in themes]).select_related("parent")


def _ordered_choices(field: forms.ModelChoiceField[Theme], themes: Sequence[Theme]) -> None:
    """Keep the tree order in the widget (the queryset's order is by id)."""
    label = field.label_from_instance
    choices = [(t.pk, label(t)) for t in themes]
    if isinstance(field, forms.ModelMultipleChoiceField):
        field.choices = choices
    else:
        field.choices = [("", field.empty_label or ""), *choices]


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("Nom"), max_length=160)
    definition = forms.CharField(
        label=_("Définition"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce que le thème couvre, et ce qu'il ne couvre pas."),
    )
    examples = forms.CharField(
        label=_("Exemples"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Un exemple par ligne, tiré des contributions de préférence."),
    )
    parent = ThemeChoiceField(
        label=_("Sous-thème de"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("— aucun : thème principal —"),
    )
    note = forms.CharField(
        label=_("Motif de la modification (facultatif)"), required=False, max_length=300
    )

    def __init__(
        self, *args: Any, codebook: Codebook | None, exclude: Theme | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        parents = [
            t
            for t in ordered_themes(codebook)
            if t.parent_id is None and (exclude is None or t.pk != exclude.pk)
        ]
        field = self.fields["parent"]
        assert isinstance(field, ThemeChoiceField)
        field.queryset = _queryset(parents)
        _ordered_choices(field, parents)


class ThemeActionForm(forms.Form):
    ACTIONS = (
        ("up", _("monter")),
        ("down", _("descendre")),
        ("archive", _("archiver")),
        ("restore", _("restaurer")),
        ("delete", _("supprimer")),
    )
    action = forms.ChoiceField(choices=ACTIONS)
    note = forms.CharField(required=False, max_length=300)


class QueueFilterForm(forms.Form):
    CODED = (("", _("Toutes")), ("uncoded", _("À coder")), ("coded", _("Déjà codées")))

    question = forms.ModelChoiceField(
        label=_("Question"),
        queryset=Question.objects.none(),
        required=False,
        empty_label=_("Toutes"),
    )
    channel = forms.ChoiceField(
        label=_("Canal"), choices=[("", _("Tous")), *Channel.Kind.choices], required=False
    )
    coded = forms.ChoiceField(label=_("Codage"), choices=CODED, required=False)
    theme = ThemeChoiceField(
        label=_("Thème"), queryset=Theme.objects.none(), required=False, empty_label=_("Tous")
    )

    def __init__(
        self, *args: Any, process: Process, codebook: Codebook | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        question = self.fields["question"]
        assert isinstance(question, forms.ModelChoiceField)
        question.queryset = Question.objects.filter(process=process).order_by("number")
        themes = ordered_themes(codebook, active_only=False)
        field = self.fields["theme"]
        assert isinstance(field, ThemeChoiceField)
        field.queryset = _queryset(themes)
        _ordered_choices(field, themes)


class CodingForm(forms.Form):
    """Code one answer: its themes, and what they apply to (the whole answer, a passage,
    or a pasted/selected excerpt)."""

    themes = ThemesField(
        label=_("Thèmes"), queryset=Theme.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    passage = forms.ChoiceField(label=_("Sur quoi ?"), required=False)
    excerpt = forms.CharField(
        label=_("Ou un extrait exact du texte"),
        required=False,
        max_length=20000,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Collez ici le passage tel qu'il apparaît dans la réponse (ou sélectionnez-le "
            "dans le texte) : il l'emporte sur le choix ci-dessus."
        ),
    )
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    is_quote = forms.BooleanField(label=_("Citation à retenir pour le rapport"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, answer: Answer, themes: Sequence[Theme], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"a{answer.pk}")
        super().__init__(*args, **kwargs)
        self.answer = answer
        field = self.fields["themes"]
        assert isinstance(field, ThemesField)
        field.queryset = _queryset(themes)
        _ordered_choices(field, themes)
        whole = [("", _("Toute la réponse"))]
        passage_field = self.fields["passage"]
        assert isinstance(passage_field, forms.ChoiceField)
        passage_field.choices = whole + [
            (p.key, _shorten(f"{number}. {p.text}"))
            for number, p in enumerate(passages(answer.shown_text), start=1)
        ]

    def target(self) -> tuple[int | None, int | None, str]:
        data = self.cleaned_data
        excerpt = data.get("excerpt") or ""
        if excerpt.strip():
            return data.get("start"), data.get("end"), excerpt
        if data.get("passage"):
            start, end = (int(x) for x in data["passage"].split("-"))
            return start, end, ""
        return None, None, ""


def _shorten(text: str) -> str:
    return text if len(text) <= PASSAGE_LABEL else text[: PASSAGE_LABEL - 1].rstrip() + "…"


def _coders() -> QuerySet[User]:
    roles = [role.value for role in PERMISSIONS["synthesis.code"]]
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name__in=roles) | Q(is_superuser=True))
        .distinct()
        .order_by("email")
    )


class CoderChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} ({obj.email})" if obj.display_name else obj.email


class SampleForm(forms.Form):
    size = forms.IntegerField(
        label=_("Nombre de contributions tirées au sort"), min_value=2, max_value=500, initial=20
    )
    seed = forms.IntegerField(
        label=_("Graine du tirage"),
        min_value=0,
        max_value=2**31 - 1,
        help_text=_("Le même nombre redonne le même tirage : notez-le dans la méthode."),
    )
    coder_a = CoderChoiceField(
        label=_("Analyste A"), queryset=User.objects.none(), empty_label=_("Choisir…")
    )
    coder_b = CoderChoiceField(
        label=_("Analyste B"), queryset=User.objects.none(), empty_label=_("Choisir…")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("coder_a", "coder_b"):
            field = self.fields[name]
            assert isinstance(field, CoderChoiceField)
            field.queryset = _coders()


class ReviewForm(forms.Form):
    themes = ThemesField(
        label=_("Thèmes présents dans cette réponse"),
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Aucune case cochée : aucun thème de la grille ne s'applique."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, answer: Answer, themes: Sequence[Theme], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"a{answer.pk}")
        super().__init__(*args, **kwargs)
        self.answer = answer
        field = self.fields["themes"]
        assert isinstance(field, ThemesField)
        field.queryset = _queryset(themes)
        _ordered_choices(field, themes)


class RunForm(forms.Form):
    kind = forms.ChoiceField(choices=AnalysisRun.Kind.choices)
    question = forms.ModelChoiceField(
        label=_("Question"),
        queryset=Question.objects.none(),
        required=False,
        empty_label=_("Toutes les questions"),
    )
    n_clusters = forms.IntegerField(
        label=_("Nombre de groupes (vide : choisi automatiquement)"),
        min_value=2,
        max_value=MAX_CLUSTERS,
        required=False,
    )

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["question"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Question.objects.filter(process=process).order_by("number")


class ClusterThemeForm(forms.Form):
    name = forms.CharField(label=_("Nom du thème"), required=False, max_length=160)
    parent = ThemeChoiceField(
        label=_("Sous-thème de"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("— aucun : thème principal —"),
    )

    def __init__(self, *args: Any, codebook: Codebook | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = [t for t in ordered_themes(codebook) if t.parent_id is None]
        field = self.fields["parent"]
        assert isinstance(field, ThemeChoiceField)
        field.queryset = _queryset(parents)
        _ordered_choices(field, parents)


class SuggestionForm(forms.Form):
    ACTIONS = (("accept", _("accepter")), ("correct", _("corriger")))
    action = forms.ChoiceField(choices=ACTIONS)
    themes = ThemesField(
        label=_("Thèmes"),
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, themes: Sequence[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["themes"]
        assert isinstance(field, ThemesField)
        field.queryset = _queryset(themes)
        _ordered_choices(field, themes)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "correct" and not data.get("themes"):
            self.add_error("themes", _("Cochez les thèmes qui conviennent pour corriger."))
        return data
