"""One form per part of a process; each gives its service's typed input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from concerto.builder.forms.fields import choice_field, date_field, datetime_field, text_field
from concerto.builder.services.content import NewsInput, ResourceInput
from concerto.builder.services.parts import (
    ChannelInput,
    NeighbourhoodInput,
    PhaseInput,
    QuestionInput,
    UrnInput,
)
from concerto.core.uploads import CheckedFile, check_upload
from concerto.processes.models import Channel, Neighbourhood, Phase, Process, Urn
from concerto.resources.models import Resource

MAX_RESOURCE_BYTES = 20 * 1024 * 1024
RICH_HELP = _(
    "Une ligne vide commence un nouveau paragraphe ; une ligne qui commence par « - » est "
    "un élément de liste à puces, par « 1. » un élément de liste numérotée."
)


class PartForm(forms.Form):
    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.process = process

    def to_input(self) -> Any:
        raise NotImplementedError


class QuestionForm(PartForm):
    title = forms.CharField(label=_("La question"), max_length=300)
    description = text_field(_("Présentation"), help_text=_("Ce que la question recouvre."))
    prompts = text_field(
        _("Pistes de réflexion"), help_text=_("Des exemples pour aider à répondre.")
    )

    def to_input(self) -> QuestionInput:
        return QuestionInput(**self.cleaned_data)


class PhaseForm(PartForm):
    kind = choice_field(_("Type de phase"), Phase.Kind.choices)
    title = forms.CharField(label=_("Titre"), max_length=200)
    starts_on = date_field(_("Début"))
    ends_on = date_field(_("Fin"))
    description = text_field(_("Description"), rows=3)

    def to_input(self) -> PhaseInput:
        return PhaseInput(**self.cleaned_data)


class ChannelForm(PartForm):
    kind = choice_field(_("Canal"), Channel.Kind.choices)
    opens_at = datetime_field(_("Ouverture"), help_text=_("Date et heure, à Paris."))
    closes_at = datetime_field(
        _("Clôture"), help_text=_("Date et heure, à Paris ; au plus tard la fin de la démarche.")
    )
    instructions = text_field(_("Mode d'emploi"), rows=3)
    receipt_code = forms.CharField(
        label=_("Lettre des récépissés de ce canal"),
        max_length=2,
        required=False,
        help_text=_(
            "Facultative : T pour le téléphone donne des récépissés ASN-2026-T000042. "
            "Les numéros se suivent pour tous les canaux de la démarche."
        ),
    )

    def clean_receipt_code(self) -> str:
        return str(self.cleaned_data.get("receipt_code") or "").strip().upper()

    def to_input(self) -> ChannelInput:
        return ChannelInput(**self.cleaned_data)


class NeighbourhoodForm(PartForm):
    name = forms.CharField(label=_("Nom du quartier"), max_length=100)
    is_outside = forms.BooleanField(
        label=_("Hors du territoire (par exemple « Hors Nantes »)"), required=False
    )

    def to_input(self) -> NeighbourhoodInput:
        return NeighbourhoodInput(**self.cleaned_data)


class UrnForm(PartForm):
    place_name = forms.CharField(label=_("Lieu"), max_length=200)
    place_kind = choice_field(_("Type de lieu"), Urn.PlaceKind.choices)
    address = forms.CharField(label=_("Adresse"), max_length=300)
    neighbourhood: forms.ModelChoiceField[Neighbourhood] = forms.ModelChoiceField(
        label=_("Quartier"),
        queryset=Neighbourhood.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choisissez un quartier de la liste.")},
    )
    opening_hours = forms.CharField(
        label=_("Horaires"),
        max_length=300,
        required=False,
        help_text=_("Par exemple : du lundi au vendredi, 9 h – 12 h 30 et 14 h – 17 h 30."),
    )
    present_from = date_field(_("Présente du"), required=False)
    present_until = date_field(_("Présente jusqu'au"), required=False)
    code = forms.SlugField(
        label=_("Code de l'urne"),
        max_length=40,
        required=False,
        help_text=_("Imprimé sur les formulaires ; vide, il est tiré du nom du lieu."),
    )
    latitude = forms.DecimalField(
        label=_("Latitude"), max_digits=9, decimal_places=6, required=False
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        max_digits=9,
        decimal_places=6,
        required=False,
        help_text=_("Pour placer l'urne sur la carte, par exemple 47.218371 et -1.553621."),
    )

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, process=process, **kwargs)
        field = self.fields["neighbourhood"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = process.neighbourhoods.all()

    def to_input(self) -> UrnInput:
        return UrnInput(**self.cleaned_data)


class ResourceForm(PartForm):
    kind = choice_field(_("Type de document"), Resource.Kind.choices)
    title = forms.CharField(label=_("Titre"), max_length=200)
    description = text_field(_("Description"), rows=3)
    upload = forms.FileField(
        label=_("Fichier (PDF ou image)"),
        required=False,
        help_text=_("20 Mo au plus ; le contenu du fichier est vérifié."),
    )
    url = forms.URLField(
        label=_("Ou un lien"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Saisissez une adresse web, par exemple https://…")},
    )
    order = forms.IntegerField(label=_("Rang dans la liste"), min_value=0, initial=0)
    is_published = forms.BooleanField(
        label=_("Visible sur la page de la démarche"), required=False, initial=True
    )

    checked_file: CheckedFile | None = None

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if upload:
            try:
                self.checked_file = check_upload(
                    upload,
                    max_bytes=getattr(settings, "CONCERTO_MAX_RESOURCE_BYTES", MAX_RESOURCE_BYTES),
                )
            except ValidationError as exc:
                raise ValidationError(exc.messages) from None
        return upload

    def to_input(self) -> ResourceInput:
        data = {k: v for k, v in self.cleaned_data.items() if k != "upload"}
        return ResourceInput(**data)


class NewsForm(PartForm):
    title = forms.CharField(label=_("Titre"), max_length=200)
    summary = text_field(_("Chapô"), rows=2)
    body = text_field(_("Texte"), required=True, rows=10, help_text=RICH_HELP)
    published_at = datetime_field(
        _("Publiée le"),
        required=False,
        help_text=_("Vide : l'actualité reste un brouillon, invisible du public."),
    )

    def to_input(self) -> NewsInput:
        return NewsInput(**self.cleaned_data)
