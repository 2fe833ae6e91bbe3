"""The process itself: creating, editing, copying, its profiles, the publish switch."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerto.builder.forms.fields import text_field
from concerto.builder.services.processes import CopyInput, ProcessInput
from concerto.contributions.models import Contribution

RICH_HELP = _(
    "Une ligne vide commence un nouveau paragraphe ; une ligne qui commence par « - » est "
    "un élément de liste à puces, par « 1. » un élément de liste numérotée."
)


class SeriesFields(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    slug = forms.SlugField(
        label=_("Adresse de la page"),
        max_length=80,
        help_text=_("Lettres minuscules, chiffres et tirets : la page sera /demarches/<adresse>/."),
        error_messages={
            "invalid": _(
                "Seulement des lettres minuscules sans accent, des chiffres et des tirets."
            )
        },
    )
    receipt_prefix = forms.CharField(
        label=_("Préfixe des récépissés"),
        max_length=8,
        help_text=_("2 à 8 lettres ou chiffres, par exemple ASN : récépissés ASN-2026-000123."),
    )
    receipt_year = forms.IntegerField(
        label=_("Année des récépissés"),
        min_value=2000,
        max_value=2100,
        help_text=_("Celle de l'ouverture de la participation."),
        error_messages={"invalid": _("Saisissez une année, par exemple 2026.")},
    )

    def clean_receipt_prefix(self) -> str:
        return str(self.cleaned_data["receipt_prefix"]).strip().upper()


class ProcessForm(SeriesFields):
    summary = text_field(_("Résumé"), rows=3)
    who_may_take_part = text_field(_("Qui peut participer"), help_text=RICH_HELP)
    objectives = text_field(_("Objectifs"), rows=6, help_text=RICH_HELP)
    policy_impacts = text_field(
        _("Impacts possibles sur les politiques publiques"), rows=6, help_text=RICH_HELP
    )
    commitment = text_field(_("Engagement des élu·e·s à répondre"), help_text=RICH_HELP)
    phone_number = forms.CharField(
        label=_("Ligne téléphonique gratuite"),
        max_length=30,
        required=False,
        help_text=_("Le numéro vert où laisser un message, par exemple 0 800 00 44 00."),
    )
    contact_email = forms.EmailField(
        label=_("Courriel de contact"),
        required=False,
        error_messages={
            "invalid": _("Saisissez une adresse e-mail, par exemple dialogue@ville.fr.")
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and "receipt_year" not in self.initial:
            self.initial["receipt_year"] = timezone.localdate().year

    def to_input(self) -> ProcessInput:
        return ProcessInput(**self.cleaned_data)


class CopyForm(SeriesFields):
    def to_input(self) -> CopyInput:
        return CopyInput(**self.cleaned_data)


class ProfilesForm(forms.Form):
    """One line per profile of the contribution form: offered or not, and its label."""

    def __init__(self, *args: Any, labels: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows: list[tuple[forms.BoundField, forms.BoundField]] = []
        for code, default in Contribution.Profile.choices:
            offered = forms.BooleanField(
                label=_("Proposer « %(label)s »") % {"label": default},
                required=False,
                initial=not labels or code in labels,
            )
            label = forms.CharField(
                label=_("Libellé affiché pour « %(label)s »") % {"label": default},
                required=False,
                max_length=80,
                initial=labels.get(code, str(default)),
            )
            self.fields[f"offer_{code}"] = offered
            self.fields[f"label_{code}"] = label
            self.rows.append((self[f"offer_{code}"], self[f"label_{code}"]))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any(cleaned.get(f"offer_{code}") for code, _label in Contribution.Profile.choices):
            raise forms.ValidationError(_("Proposez au moins un profil."))
        return cleaned

    def labels(self) -> dict[str, str]:
        result: dict[str, str] = {}
        for code, default in Contribution.Profile.choices:
            if self.cleaned_data.get(f"offer_{code}"):
                result[code] = self.cleaned_data.get(f"label_{code}") or str(default)
        return result
