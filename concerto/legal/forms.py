from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concerto.legal.defaults import Texts
from concerto.legal.models import LegalTexts

HELP = _("Laissez vide pour revenir au texte par défaut.")


class LegalTextsForm(forms.ModelForm[LegalTexts]):
    # The RGAA statuses only: no "---------" placeholder (empty means the default).
    accessibility_status = forms.ChoiceField(
        label=_("État de conformité au RGAA 4.1"),
        choices=LegalTexts.Conformity.choices,
        required=False,
    )

    class Meta:
        model = LegalTexts
        fields = [
            "publisher",
            "publication_director",
            "host",
            "data_controller",
            "dpo_contact",
            "accessibility_status",
            "audit_date",
            "audit_scope",
            "non_conformities",
            "derogations",
            "accessibility_contact",
            "charter",
        ]
        widgets = {
            "publisher": forms.Textarea(attrs={"rows": 3}),
            "host": forms.Textarea(attrs={"rows": 3}),
            "data_controller": forms.Textarea(attrs={"rows": 3}),
            "dpo_contact": forms.Textarea(attrs={"rows": 2}),
            "audit_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "audit_scope": forms.Textarea(attrs={"rows": 3}),
            "non_conformities": forms.Textarea(attrs={"rows": 5}),
            "derogations": forms.Textarea(attrs={"rows": 3}),
            "accessibility_contact": forms.Textarea(attrs={"rows": 3}),
            "charter": forms.Textarea(attrs={"rows": 16}),
        }
        help_texts = {
            "charter": _("Un paragraphe par ligne vide. Laissez vide pour le texte par défaut."),
        }

    def __init__(self, *args: Any, texts: Texts, **kwargs: Any) -> None:
        kwargs.setdefault("initial", dict(texts.values))
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.required = False
            if name != "charter":
                field.help_text = HELP
