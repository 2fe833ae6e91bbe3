"""The City's identity in the back-office (``/backoffice/identite/``): the form parses,
``core.identity.identity_update`` decides (contrast, phone number) and audits."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.accounts.models import User
from concerto.backoffice.permissions import staff_view
from concerto.core.identity import (
    MAX_FOOTER_LINKS,
    FooterLink,
    Identity,
    IdentityError,
    current_identity,
    identity_update,
)
from concerto.core.uploads import CheckedFile, check_logo

LINK_URL = re.compile(r"^(https?://[^\s<>\"]+|/[^\s<>\"]*)$")


def _links_text(links: tuple[FooterLink, ...]) -> str:
    return "\n".join(f"{link.label} | {link.url}" for link in links)


def parse_footer_links(text: str) -> list[FooterLink]:
    """One link a line, « libellé | adresse »; ``ValidationError`` (French) naming the
    first line that cannot be read."""
    links: list[FooterLink] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label, separator, url = (part.strip() for part in line.partition("|"))
        if not separator or not label or not url:
            raise ValidationError(
                _("Ligne %(number)s : écrivez « libellé | adresse ».") % {"number": number}
            )
        if len(label) > 60:
            raise ValidationError(
                _("Ligne %(number)s : le libellé dépasse 60 caractères.") % {"number": number}
            )
        if not LINK_URL.match(url) or len(url) > 300:
            raise ValidationError(
                _(
                    "Ligne %(number)s : l'adresse doit commencer par https:// ou par / "
                    "(une page de ce site)."
                )
                % {"number": number}
            )
        links.append(FooterLink(label, url))
    if len(links) > MAX_FOOTER_LINKS:
        raise ValidationError(
            _("Au plus %(count)s liens dans le pied de page.") % {"count": MAX_FOOTER_LINKS}
        )
    return links


class IdentityForm(forms.Form):
    platform_name = forms.CharField(
        label=gettext_lazy("Nom de la plateforme"),
        max_length=60,
        help_text=gettext_lazy("Affiché en tête de chaque page, par exemple « Dialogue citoyen »."),
    )
    city_name = forms.CharField(
        label=gettext_lazy("Nom de la collectivité"),
        max_length=80,
        help_text=gettext_lazy("Par exemple « Ville de Nantes »."),
    )
    logo = forms.FileField(
        label=gettext_lazy("Logo (SVG ou PNG)"),
        required=False,
        help_text=gettext_lazy(
            "Vérifié par son contenu : un SVG qui contient des scripts ou charge d'autres "
            "fichiers est refusé ; un PNG est réduit à 192 pixels de haut. 100 Ko au plus."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".svg,.png,image/svg+xml,image/png"}),
    )
    remove_logo = forms.BooleanField(label=gettext_lazy("Retirer le logo actuel"), required=False)
    colour_primary = forms.CharField(
        label=gettext_lazy("Couleur principale"),
        max_length=7,
        help_text=gettext_lazy(
            "Format #rrvvbb. Fond de l'en-tête et des boutons (texte blanc dessus), couleur "
            "des liens : contraste d'au moins 4,5:1 avec le blanc."
        ),
    )
    colour_secondary = forms.CharField(
        label=gettext_lazy("Couleur secondaire"),
        max_length=7,
        help_text=gettext_lazy(
            "Format #rrvvbb. Filet de l'en-tête et repères (texte noir dessus) : contraste "
            "d'au moins 4,5:1 avec le noir."
        ),
    )
    footer_links = forms.CharField(
        label=gettext_lazy("Liens du pied de page"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Un lien par ligne : « libellé | adresse », par exemple « nantes.fr | "
            "https://www.nantes.fr/ »."
        ),
    )
    contact_address = forms.CharField(
        label=gettext_lazy("Adresse de contact"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Adresse postale, une ligne par ligne d'adresse."),
    )
    contact_phone = forms.CharField(
        label=gettext_lazy("Téléphone de contact"), required=False, max_length=30
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("colour_primary", "colour_secondary"):
            self.fields[name].widget.attrs.update({"spellcheck": "false", "class": "input-short"})
        self.fields["contact_phone"].widget.attrs.update({"autocomplete": "off", "type": "tel"})

    def clean_logo(self) -> CheckedFile | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        return check_logo(upload)

    def clean_footer_links(self) -> list[FooterLink]:
        return parse_footer_links(self.cleaned_data.get("footer_links", ""))


def _initial(identity: Identity) -> dict[str, Any]:
    return {
        "platform_name": identity.platform_name,
        "city_name": identity.city_name,
        "colour_primary": identity.colour_primary,
        "colour_secondary": identity.colour_secondary,
        "footer_links": _links_text(identity.footer_links),
        "contact_address": identity.contact_address,
        "contact_phone": identity.contact_phone_display,
    }


@staff_view("identity")
def identity(request: HttpRequest) -> HttpResponse:
    current = current_identity(request)
    form = IdentityForm(initial=_initial(current))
    status = 200
    if request.method == "POST":
        form = IdentityForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            logo: CheckedFile | None = data["logo"]
            user = request.user
            assert isinstance(user, User)
            try:
                identity_update(
                    actor=user,
                    platform_name=data["platform_name"],
                    city_name=data["city_name"],
                    colour_primary=data["colour_primary"],
                    colour_secondary=data["colour_secondary"],
                    contact_address=data["contact_address"],
                    contact_phone=data["contact_phone"],
                    footer_links=data["footer_links"],
                    logo=(logo.content, logo.content_type) if logo is not None else None,
                    remove_logo=data["remove_logo"],
                )
            except IdentityError as exc:
                for name, message in exc.messages.items():
                    form.add_error(name or None, message)
            else:
                messages.success(
                    request, _("Identité enregistrée : elle s'affiche sur tout le site.")
                )
                return redirect("backoffice:identity")
        status = 400
    return render(
        request,
        "backoffice/identity.html",
        {"form": form, "current": current},
        status=status,
    )
