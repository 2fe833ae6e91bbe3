from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from concerto.followup.selectors import normalise_receipt
from concerto.processes.models import Process

MAX_PERIOD_DAYS = 3 * 366


class ReceiptForm(forms.Form):
    numero = forms.CharField(
        label=_("Numéro de récépissé"),
        max_length=40,
        help_text=_("Il figure sur votre récépissé, par exemple ASN-2022-000123."),
        error_messages={"required": _("Indiquez votre numéro de récépissé.")},
    )

    def clean_numero(self) -> str:
        value = normalise_receipt(self.cleaned_data.get("numero", ""))
        if value is None:
            raise ValidationError(
                _(
                    "Ce numéro n'a pas la forme d'un numéro de récépissé (par exemple "
                    "ASN-2022-000123) : vérifiez-le."
                )
            )
        return value


class AnnualReportForm(forms.Form):
    process = forms.ModelChoiceField(
        label=_("Démarche"), queryset=Process.objects.none(), empty_label=None
    )
    start = forms.DateField(
        label=_("Du"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("Au"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["process"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Process.objects.order_by("-receipt_year", "title")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if isinstance(start, dt.date) and isinstance(end, dt.date):
            if end < start:
                self.add_error("end", _("La fin de la période doit suivre son début."))
            elif (end - start).days > MAX_PERIOD_DAYS:
                self.add_error("end", _("Choisissez une période de trois ans au plus."))
        return cleaned
