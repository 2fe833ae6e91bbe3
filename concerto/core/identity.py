"""The City's identity: names, logo, colours, footer links and contact, set by an admin in
the back-office (``/backoffice/identite/``) and read by every page and e-mail.

Read with :func:`current_identity`: one read of the shared cache per request (kept on the
request), the database only when the cache is empty. Written with :func:`identity_update`,
which checks the colours' contrast (WCAG AA), writes the audit row and refreshes the cache
and the public pages' cache once the transaction commits. Without a saved row the defaults
below apply: true for the Nantes demo.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from concerto.core.audit import audit
from concerto.core.colours import AA_TEXT, INK, WHITE, contrast, format_ratio, mix, normalise_hex
from concerto.core.models import SiteIdentity
from concerto.core.pagecache import bump_public_version
from concerto.core.phones import InvalidPhoneNumber, display_phone, normalise_phone
from concerto.core.roles import can

if TYPE_CHECKING:
    from concerto.accounts.models import User

CACHE_KEY = "core:identity:v1"
REQUEST_ATTRIBUTE = "_concerto_identity"
MAX_FOOTER_LINKS = 8


@dataclass(frozen=True)
class FooterLink:
    label: str
    url: str


@dataclass(frozen=True)
class Identity:
    platform_name: str
    city_name: str
    colour_primary: str
    colour_secondary: str
    contact_address: str = ""
    contact_phone: str = ""  # E.164
    footer_links: tuple[FooterLink, ...] = ()
    logo_type: str = ""  # "image/svg+xml", "image/png" or "" (no logo)
    version: str = field(default="defaults")  # changes with every saved change

    @property
    def colour_primary_dark(self) -> str:
        """Hover and the footer's band: the main colour, darker."""
        return mix(self.colour_primary, "#000000", 0.3)

    @property
    def colour_primary_light(self) -> str:
        """Pale backgrounds (notices, table headers): black text stays readable."""
        return mix(self.colour_primary, "#ffffff", 0.9)

    @property
    def theme_version(self) -> str:
        """Changes when the colours change: the style sheet's address."""
        colours = f"{self.colour_primary}{self.colour_secondary}"
        return hashlib.sha256(colours.encode()).hexdigest()[:12]

    @property
    def contact_phone_display(self) -> str:
        return display_phone(self.contact_phone) if self.contact_phone else ""

    @property
    def contact_phone_href(self) -> str:
        return f"tel:{self.contact_phone}" if self.contact_phone else ""

    @property
    def logo_extension(self) -> str:
        return {"image/svg+xml": "svg", "image/png": "png"}.get(self.logo_type, "")

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.contact_address.splitlines() if line.strip()]


DEFAULTS = Identity(
    platform_name="Dialogue citoyen",
    city_name="Ville de Nantes",
    colour_primary="#0b4f8a",
    colour_secondary="#ffd400",
    contact_address="Hôtel de Ville\n2 rue de l'Hôtel de Ville\n44094 Nantes Cedex 1",
    contact_phone="+33240419000",
    footer_links=(
        FooterLink("nantes.fr", "https://www.nantes.fr/"),
        FooterLink("Nantes Métropole", "https://metropole.nantes.fr/"),
    ),
)


class IdentityError(Exception):
    """The identity was refused; ``messages`` maps a field name ("" for the whole form)
    to its French message."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__("; ".join(messages.values()))
        self.messages = messages


def _version(row: SiteIdentity) -> str:
    digest = hashlib.sha256()
    digest.update(row.updated_at.isoformat().encode())
    digest.update(bytes(row.logo))
    return digest.hexdigest()[:12]


def _from_row(row: SiteIdentity) -> Identity:
    return Identity(
        platform_name=row.platform_name,
        city_name=row.city_name,
        colour_primary=row.colour_primary,
        colour_secondary=row.colour_secondary,
        contact_address=row.contact_address,
        contact_phone=row.contact_phone,
        footer_links=tuple(FooterLink(link["label"], link["url"]) for link in row.footer_links),
        logo_type=row.logo_type if row.logo else "",
        version=_version(row),
    )


def load_identity() -> Identity:
    """From the database (no cache): the saved row, or the defaults."""
    row = SiteIdentity.objects.defer("logo").filter(pk=1).first()
    if row is None:
        return DEFAULTS
    row.logo = SiteIdentity.objects.filter(pk=1).values_list("logo", flat=True).first() or b""
    return _from_row(row)


def current_identity(request: HttpRequest | None = None) -> Identity:
    """The identity, from the request if already read, else from the shared cache (one
    read), else from the database (then cached)."""
    if request is not None:
        cached = getattr(request, REQUEST_ATTRIBUTE, None)
        if isinstance(cached, Identity):
            return cached
    identity = cache.get(CACHE_KEY)
    if not isinstance(identity, Identity):
        identity = load_identity()
        cache.set(CACHE_KEY, identity, None)
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, identity)
    return identity


def logo_bytes() -> bytes:
    return bytes(SiteIdentity.objects.filter(pk=1).values_list("logo", flat=True).first() or b"")


def contrast_problems(*, primary: str, secondary: str) -> dict[str, str]:
    """French messages for the colours that fail WCAG AA with the text they carry."""
    problems: dict[str, str] = {}
    checks = (
        ("colour_primary", primary, WHITE, _("le texte blanc")),
        ("colour_secondary", secondary, INK, _("le texte noir")),
    )
    for name, colour, text, text_label in checks:
        ratio = contrast(colour, text)
        if ratio < AA_TEXT:
            problems[name] = _(
                "Contraste %(ratio)s avec %(text)s, il faut au moins %(minimum)s "
                "(WCAG 2.1, niveau AA)."
            ) % {"ratio": format_ratio(ratio), "text": text_label, "minimum": "4,5:1"}
    return problems


def identity_update(
    *,
    actor: User,
    platform_name: str,
    city_name: str,
    colour_primary: str,
    colour_secondary: str,
    contact_address: str,
    contact_phone: str,
    footer_links: list[FooterLink],
    logo: tuple[bytes, str] | None = None,
    remove_logo: bool = False,
) -> Identity:
    """Save the identity (``logo`` = checked bytes and their type, from
    ``core.uploads.check_logo``). Refused as a whole (``IdentityError``) when a colour fails
    the contrast check, a phone number cannot be dialled or a name is empty. Audited as
    ``identity.update`` with the names of the fields changed."""
    if not can(actor, "identity.manage"):
        raise PermissionError(_("Vous n'avez pas le droit de modifier l'identité du site."))
    problems: dict[str, str] = {}
    platform_name, city_name = platform_name.strip(), city_name.strip()
    if not platform_name:
        problems["platform_name"] = _("Indiquez le nom de la plateforme.")
    if not city_name:
        problems["city_name"] = _("Indiquez le nom de la collectivité.")
    try:
        primary = normalise_hex(colour_primary)
    except ValueError:
        problems["colour_primary"] = _("Une couleur s'écrit #rrvvbb, par exemple #0b4f8a.")
    try:
        secondary = normalise_hex(colour_secondary)
    except ValueError:
        problems["colour_secondary"] = _("Une couleur s'écrit #rrvvbb, par exemple #ffd400.")
    if "colour_primary" not in problems and "colour_secondary" not in problems:
        problems.update(contrast_problems(primary=primary, secondary=secondary))
    try:
        phone = normalise_phone(contact_phone)
    except InvalidPhoneNumber:
        problems["contact_phone"] = _("Ce numéro de téléphone n'est pas valide.")
    if len(footer_links) > MAX_FOOTER_LINKS:
        problems["footer_links"] = _("Au plus %(count)s liens dans le pied de page.") % {
            "count": MAX_FOOTER_LINKS
        }
    if problems:
        raise IdentityError(problems)
    values: dict[str, Any] = {
        "platform_name": platform_name,
        "city_name": city_name,
        "colour_primary": primary,
        "colour_secondary": secondary,
        "contact_address": contact_address.strip(),
        "contact_phone": phone,
        "footer_links": [{"label": link.label, "url": link.url} for link in footer_links],
    }
    with transaction.atomic():
        row = SiteIdentity.objects.select_for_update().filter(pk=1).first()
        before = _as_values(row) if row is not None else _as_values_of(DEFAULTS)
        if row is None:
            row = SiteIdentity(pk=1)
        for name, value in values.items():
            setattr(row, name, value)
        changed = [name for name, value in values.items() if before.get(name) != value]
        if logo is not None:
            row.logo, row.logo_type = logo
            changed.append("logo")
        elif remove_logo and (row.logo or row.logo_type):
            row.logo, row.logo_type = b"", ""
            changed.append("logo")
        row.save()
        audit(actor=actor, action="identity.update", target=row, data={"changed": changed})
        identity = _from_row(row)
        transaction.on_commit(lambda: _refresh(identity))
    return identity


def _refresh(identity: Identity) -> None:
    cache.set(CACHE_KEY, identity, None)
    bump_public_version()


def _as_values(row: SiteIdentity) -> dict[str, Any]:
    return {
        "platform_name": row.platform_name,
        "city_name": row.city_name,
        "colour_primary": row.colour_primary,
        "colour_secondary": row.colour_secondary,
        "contact_address": row.contact_address,
        "contact_phone": row.contact_phone,
        "footer_links": list(row.footer_links),
    }


def _as_values_of(identity: Identity) -> dict[str, Any]:
    values = {
        name: getattr(identity, name)
        for name in (
            "platform_name",
            "city_name",
            "colour_primary",
            "colour_secondary",
            "contact_address",
            "contact_phone",
        )
    }
    values["footer_links"] = [{"label": x.label, "url": x.url} for x in identity.footer_links]
    return values


def theme_css(identity: Identity) -> str:
    """The style sheet of the identity's colours (served at ``/identite/theme-<v>.css``:
    the CSP allows no inline style)."""
    return (
        ":root{"
        f"--accent:{identity.colour_primary};"
        f"--accent-dark:{identity.colour_primary_dark};"
        f"--accent-light:{identity.colour_primary_light};"
        f"--secondary:{identity.colour_secondary};"
        "}\n"
    )
