from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from concerto.core.uploads import CheckedFile, check_upload
from concerto.organisations.models import Membership, Organisation
from concerto.organisations.numbers import clean_rna, clean_siret
from concerto.organisations.services import OrganisationInput
from concerto.processes.models import Neighbourhood

LOGO_MAX_BYTES = 2 * 1024 * 1024


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Nom de l'organisation"), max_length=200)
    kind = forms.ChoiceField(label=_("Type d'organisation"), choices=Organisation.Kind.choices)
    rna = forms.CharField(
        label=_("Numéro RNA (associations)"),
        help_text=_("W suivi de 9 chiffres, sur le récépissé de déclaration en préfecture."),
        max_length=20,
        required=False,
    )
    siret = forms.CharField(
        label=_("Numéro SIRET ou SIREN (entreprises, associations qui en ont un)"),
        help_text=_("14 chiffres (SIRET) ou 9 chiffres (SIREN) ; les espaces sont acceptés."),
        max_length=30,
        required=False,
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Quartier"),
        queryset=Neighbourhood.objects.none(),
        required=False,
        empty_label=_("Toute la ville, ou plusieurs quartiers"),
    )
    description = forms.CharField(
        label=_("Présentation"),
        help_text=_("Ce que fait l'organisation, pour qui. Elle est publiée une fois validée."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
    )
    website = forms.URLField(
        label=_("Site web"), max_length=300, required=False, assume_scheme="https"
    )
    logo = forms.FileField(
        label=_("Logo (PNG, JPEG ou WebP, 2 Mo au plus)"),
        help_text=_("Vérifié par son contenu, puis ré-encodé (ses métadonnées sont retirées)."),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["neighbourhood"]
        assert isinstance(field, forms.ModelChoiceField)
        # One list of quartiers by name (several processes may share the same names).
        field.queryset = Neighbourhood.objects.order_by("name", "pk")

    def clean_siret(self) -> str:
        return clean_siret(self.cleaned_data.get("siret", ""))

    def clean_rna(self) -> str:
        return clean_rna(self.cleaned_data.get("rna", ""))

    def clean_logo(self) -> CheckedFile | None:
        upload: UploadedFile | None = self.cleaned_data.get("logo")
        if not upload:
            return None
        checked = check_upload(upload, max_bytes=LOGO_MAX_BYTES)
        if checked.kind != "image":
            raise ValidationError(_("Le logo doit être une image (PNG, JPEG ou WebP)."))
        return checked

    def to_input(self) -> OrganisationInput:
        data = self.cleaned_data
        return OrganisationInput(
            name=data["name"],
            kind=data["kind"],
            siret=data.get("siret", ""),
            rna=data.get("rna", ""),
            neighbourhood=data.get("neighbourhood"),
            description=data.get("description", ""),
            website=data.get("website", ""),
        )

    @staticmethod
    def initial_of(organisation: Organisation) -> dict[str, Any]:
        return {
            "name": organisation.name,
            "kind": organisation.kind,
            "rna": organisation.rna,
            "siret": organisation.siret,
            "neighbourhood": organisation.neighbourhood_id,
            "description": organisation.description,
            "website": organisation.website,
        }


class StaffOrganisationForm(OrganisationForm):
    approve = forms.BooleanField(
        label=_("Valider l'organisation tout de suite (demande vérifiée par l'équipe)"),
        required=False,
        initial=True,
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail de la personne à inviter"))
    role = forms.ChoiceField(
        label=_("Rôle"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=Membership.Role.choices)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[("approve", _("Valider")), ("refuse", _("Refuser"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Motif (obligatoire pour un refus, montré aux membres)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class AccountSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Chercher un compte par son nom ou son adresse e-mail"),
        min_length=3,
        max_length=120,
        error_messages={"min_length": _("Tapez au moins 3 caractères.")},
    )
