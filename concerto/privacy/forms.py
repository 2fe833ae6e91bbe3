from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concerto.accounts.models import User
from concerto.contributions.models import Contribution
from concerto.privacy.models import PrivacyRequest
from concerto.privacy.services import MAX_RECEIPTS, parse_receipts

CONFIRM_WORD = "EFFACER"
MESSAGE_MAX_LENGTH = 2000
RECEIPT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{2,31}$")
# An HTML tag or comment, not a lone "<" ("< 3 mois", "<3").
MARKUP_RE = re.compile(r"<\s*/?\s*[A-Za-z!?]")


def _check_confirmation(value: str) -> str:
    if value.strip().upper() != CONFIRM_WORD:
        raise forms.ValidationError(
            _("Écrivez le mot %(word)s pour confirmer.") % {"word": CONFIRM_WORD}
        )
    return CONFIRM_WORD


class ErasureForm(forms.Form):
    """A resident erases their account: the confirmation word and their password."""

    confirmation = forms.CharField(
        label=_("Pour confirmer, écrivez le mot EFFACER"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    password = forms.CharField(
        label=_("Votre mot de passe"),
        max_length=200,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirmation(self) -> str:
        return _check_confirmation(self.cleaned_data["confirmation"])

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Ce mot de passe n'est pas le bon."))
        return password


class PrivacyRequestForm(forms.Form):
    """A person without an account asks for a copy or the erasure of their data."""

    kind = forms.ChoiceField(
        label=_("Vous souhaitez…"),
        choices=PrivacyRequest.Kind.choices,
        widget=forms.RadioSelect,
    )
    receipt = forms.CharField(
        label=_("Numéro de récépissé"),
        max_length=32,
        help_text=_(
            "Il figure sur le récépissé reçu après votre contribution, par exemple ASN-2022-000123."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label=_("Adresse e-mail (facultatif)"),
        required=False,
        max_length=254,
        help_text=_("Pour vous répondre. Elle reste privée."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(
        label=_("Message (facultatif)"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_(
            "Par exemple : comment vous joindre si vous n'avez pas d'adresse e-mail. "
            "%(count)s caractères au plus."
        )
        % {"count": MESSAGE_MAX_LENGTH},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Honeypot: hidden from people by CSS and aria-hidden, filled by robots.
    website = forms.CharField(required=False, label=_("Ne pas remplir ce champ"))

    def clean_website(self) -> str:
        value: str = self.cleaned_data["website"]
        if value:
            raise forms.ValidationError(_("Ce champ doit rester vide."))
        return value

    def clean_receipt(self) -> str:
        value = self.cleaned_data["receipt"].strip()
        unknown = forms.ValidationError(
            _(
                "Nous ne trouvons pas ce numéro de récépissé. Vérifiez-le : il ressemble à "
                "ASN-2022-000123."
            )
        )
        if not RECEIPT_RE.match(value):
            raise unknown
        found = (
            Contribution.objects.filter(receipt_number__iexact=value)
            .values_list("receipt_number", flat=True)
            .first()
        )
        if found is None:
            raise unknown
        return found

    def clean_message(self) -> str:
        value: str = self.cleaned_data["message"].strip()
        if MARKUP_RE.search(value):
            raise forms.ValidationError(
                _("Écrivez votre message en texte simple, sans balises HTML (comme <script>).")
            )
        return value


class StaffSearchForm(forms.Form):
    """Staff look for a person's contributions by receipt numbers and/or e-mail."""

    receipts = forms.CharField(
        label=_("Numéros de récépissé"),
        required=False,
        max_length=2000,
        help_text=_("Séparés par des espaces ou des virgules."),
    )
    email = forms.EmailField(label=_("Adresse e-mail"), required=False, max_length=254)
    confirmation = forms.CharField(
        label=_("Pour effacer, écrivez le mot EFFACER"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    status = forms.ChoiceField(
        label=_("Issue de la demande"),
        required=False,
        choices=[
            (PrivacyRequest.Status.DONE, PrivacyRequest.Status.DONE.label),
            (PrivacyRequest.Status.REFUSED, PrivacyRequest.Status.REFUSED.label),
        ],
    )

    def clean_receipts(self) -> list[str]:
        receipts = parse_receipts(self.cleaned_data["receipts"])
        if len(receipts) > MAX_RECEIPTS:
            raise forms.ValidationError(
                _("Indiquez au plus %(count)s numéros de récépissé.") % {"count": MAX_RECEIPTS}
            )
        if any(not RECEIPT_RE.match(receipt) for receipt in receipts):
            raise forms.ValidationError(_("Un de ces numéros de récépissé n'est pas valide."))
        return receipts

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("receipts") and not cleaned.get("email"):
            raise forms.ValidationError(_("Indiquez un numéro de récépissé ou une adresse e-mail."))
        return cleaned

    def check_confirmation(self) -> bool:
        try:
            _check_confirmation(self.cleaned_data.get("confirmation", ""))
        except forms.ValidationError as exc:
            self.add_error("confirmation", exc)
            return False
        return True
