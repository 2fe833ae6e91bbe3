"""Date and time fields typed in French or by the browser's own date controls."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
DATETIME_FORMATS = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages={"invalid": _("Saisissez une date, par exemple 26/01/2026.")},
    )


def datetime_field(
    label: Any, *, required: bool = True, help_text: Any = ""
) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=DateTimeLocalInput(),
        input_formats=DATETIME_FORMATS,
        help_text=help_text,
        error_messages={
            "invalid": _("Saisissez une date et une heure, par exemple 26/01/2026 09:00.")
        },
    )


def text_field(
    label: Any,
    *,
    required: bool = False,
    rows: int = 4,
    help_text: Any = "",
    max_length: int | None = None,
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def choice_field(label: Any, choices: Any, *, help_text: Any = "") -> forms.ChoiceField:
    """A required choice without an empty "---------" line: the first choice is selected."""
    return forms.ChoiceField(label=label, choices=list(choices), help_text=help_text)
