"""The City's identity: contrast checked with its ratio in French, logos checked by their
content, one cache read per request, pages and e-mails using it, every change audited."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from concerto.core.colours import contrast, format_ratio, normalise_hex
from concerto.core.identity import (
    CACHE_KEY,
    DEFAULTS,
    FooterLink,
    IdentityError,
    current_identity,
    identity_update,
)
from concerto.core.models import AuditEvent, SiteIdentity
from concerto.core.uploads import check_logo

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10" fill="#0b4f8a"/></svg>'
)


def save(actor, **changes):
    values = {
        "platform_name": "Dialogue citoyen",
        "city_name": "Ville de Nantes",
        "colour_primary": "#0b4f8a",
        "colour_secondary": "#ffd400",
        "contact_address": "Hôtel de Ville\n44094 Nantes Cedex 1",
        "contact_phone": "02 40 41 90 00",
        "footer_links": [FooterLink("nantes.fr", "https://www.nantes.fr/")],
    }
    return identity_update(actor=actor, **{**values, **changes})


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def png(width: int = 400, height: int = 400) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "#0b4f8a").save(out, format="PNG")
    return out.getvalue()


# --- colours ----------------------------------------------------------------------------


def test_contrast_ratios_of_wcag():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48  # the classic just-failing grey
    assert format_ratio(4.48) == "4,4:1"  # rounded down: never shown as passing
    assert format_ratio(3.26) == "3,2:1"
    assert normalise_hex("#ABC") == "#aabbcc"
    with pytest.raises(ValueError):
        normalise_hex("bleu")


@pytest.mark.django_db
def test_a_colour_failing_aa_is_refused_with_its_ratio(admin_user):
    with pytest.raises(IdentityError) as caught:
        save(admin_user, colour_primary="#3a7fc4", colour_secondary="#0b4f8a")
    ratio = format_ratio(contrast("#3a7fc4", "#ffffff"))
    assert caught.value.messages["colour_primary"].startswith(
        f"Contraste {ratio} avec le texte blanc, il faut au moins 4,5:1"
    )
    assert "avec le texte noir" in caught.value.messages["colour_secondary"]
    assert not SiteIdentity.objects.exists()  # nothing half-saved
    assert not AuditEvent.objects.filter(action="identity.update").exists()


@pytest.mark.django_db
def test_bad_colour_phone_and_names_are_refused(admin_user):
    with pytest.raises(IdentityError) as caught:
        save(admin_user, colour_primary="bleu", contact_phone="12", platform_name=" ")
    assert set(caught.value.messages) == {"colour_primary", "contact_phone", "platform_name"}


@pytest.mark.django_db
def test_only_an_admin_may_change_it(moderator):
    with pytest.raises(PermissionError):
        save(moderator)


# --- saving, cache, audit ------------------------------------------------------------------


@pytest.mark.django_db
def test_defaults_are_the_nantes_demo():
    identity = current_identity()
    assert identity == DEFAULTS
    assert identity.city_name == "Ville de Nantes"
    assert identity.contact_phone_display == "02 40 41 90 00"
    assert contrast(identity.colour_primary, "#ffffff") >= 4.5
    assert contrast(identity.colour_secondary, "#1b1b1b") >= 4.5


@pytest.mark.django_db(transaction=True)
def test_saving_audits_and_refreshes_the_cache(admin_user):
    current_identity()  # cached: the defaults
    save(admin_user, platform_name="Nantes en dialogue", contact_phone="0240419000")
    assert current_identity().platform_name == "Nantes en dialogue"
    assert current_identity().contact_phone == "+33240419000"
    event = AuditEvent.objects.get(action="identity.update")
    assert "platform_name" in event.data["changed"]
    assert event.actor_label == f"compte n° {admin_user.pk}"


@pytest.mark.django_db
def test_pages_read_the_identity_from_the_cache_not_the_database(client):
    current_identity()  # warm
    request_queries = CaptureQueriesContext(connection)
    with request_queries:
        response = client.get(reverse("privacy"))
    assert response.status_code == 200
    assert not [q for q in request_queries.captured_queries if "siteidentity" in q["sql"]]
    assert cache.get(CACHE_KEY) is not None


# --- logos ----------------------------------------------------------------------------


def test_a_clean_svg_is_kept_without_comments():
    checked = check_logo(upload("logo.svg", b"<!-- Illustrator -->" + SVG))
    assert checked.content_type == "image/svg+xml"
    assert b"Illustrator" not in checked.content and b"<rect" in checked.content


@pytest.mark.parametrize(
    "svg",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
        b'<a x:href="javascript:alert(1)"><rect/></a></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://traceur.example/p.png"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);</style></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://x.example/#a)"/></svg>',
    ],
)
def test_an_active_svg_is_refused(svg):
    with pytest.raises(ValidationError) as caught:
        check_logo(upload("logo.svg", svg))
    assert "n'est pas accepté" in caught.value.messages[0]


def test_entities_bad_xml_and_other_files_are_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    with pytest.raises(ValidationError, match="entités XML"):
        check_logo(upload("logo.svg", bomb))
    with pytest.raises(ValidationError, match="illisible"):
        check_logo(upload("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'>"))
    with pytest.raises(ValidationError, match="ni une image SVG ni une image PNG"):
        check_logo(upload("logo.svg", b"<html><body>x</body></html>"))
    with pytest.raises(ValidationError, match="ni une image SVG ni une image PNG"):
        check_logo(upload("logo.png", b"%PDF-1.4 faux"))
    with pytest.raises(ValidationError, match="vide"):
        check_logo(upload("logo.png", b""))


def test_a_png_is_reencoded_and_made_smaller():
    checked = check_logo(upload("logo.png", png(800, 800)))
    with Image.open(io.BytesIO(checked.content)) as image:
        assert image.size == (192, 192)
    assert checked.content_type == "image/png"


# --- pages ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_pages_show_the_identity_and_its_logo(client, admin_user):
    checked = check_logo(upload("logo.svg", SVG))
    identity = save(
        admin_user, city_name="Ville d'Exemple", logo=(checked.content, checked.content_type)
    )
    page = client.get(reverse("processes:home")).content.decode()
    assert "Ville d&#x27;Exemple" in page
    assert reverse("identity_logo", kwargs={"version": identity.version}) in page
    assert "02 40 41 90 00" in page and 'href="https://www.nantes.fr/"' in page
    logo = client.get(reverse("identity_logo", kwargs={"version": identity.version}))
    assert logo["Content-Type"] == "image/svg+xml"
    assert "sandbox" in logo["Content-Security-Policy"]
    assert "immutable" in logo["Cache-Control"]
    theme = client.get(reverse("identity_theme", kwargs={"version": identity.theme_version}))
    assert theme["Content-Type"].startswith("text/css")
    assert b"--accent:#0b4f8a" in theme.content


@pytest.mark.django_db
def test_no_logo_is_a_404(client):
    assert client.get(reverse("identity_logo", kwargs={"version": "x"})).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_e_mails_are_signed_with_the_identity(admin_user, mailoutbox):
    from concerto.contributions.tasks import send_receipt_email
    from tests.factories import ContributionFactory

    save(admin_user, platform_name="Nantes en dialogue")
    contribution = ContributionFactory(email="habitante@exemple.test")
    send_receipt_email.call(contribution.pk)
    body = mailoutbox[-1].body
    assert "Nantes en dialogue" in body and "Ville de Nantes" in body


@pytest.mark.django_db(transaction=True)
def test_account_e_mails_carry_the_platform_name(admin_user, client, mailoutbox):
    save(admin_user, platform_name="Nantes en dialogue")
    client.post(reverse("account_reset_password"), {"email": admin_user.email})
    assert mailoutbox[-1].subject.startswith("[Nantes en dialogue] ")
