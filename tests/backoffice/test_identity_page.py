"""The identity page of the back-office: admins only (GET and POST), French errors with
the contrast ratio, an active SVG refused, nothing half-saved, every change audited."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from concerto.core.identity import current_identity
from concerto.core.models import AuditEvent, SiteIdentity

URL = reverse("backoffice:identity")
GOOD = {
    "platform_name": "Dialogue citoyen",
    "city_name": "Ville de Nantes",
    "colour_primary": "#0b4f8a",
    "colour_secondary": "#ffd400",
    "footer_links": "nantes.fr | https://www.nantes.fr/\nMentions légales | /mentions-legales/",
    "contact_address": "Hôtel de Ville\n44094 Nantes Cedex 1",
    "contact_phone": "02 40 41 90 00",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("moderator", 403),
        ("analyst", 403),
        ("official", 403),
    ],
)
def test_only_admins_may_post(client_for, persona, status):
    response = client_for(persona).post(URL, GOOD)
    assert response.status_code == status
    assert not SiteIdentity.objects.exists()


@pytest.mark.django_db
def test_the_form_shows_the_current_identity(client_for):
    page = client_for("admin").get(URL).content.decode()
    assert 'value="Ville de Nantes"' in page and "02 40 41 90 00" in page


@pytest.mark.django_db
def test_a_low_contrast_colour_is_refused_with_its_ratio(client_for):
    response = client_for("admin").post(URL, {**GOOD, "colour_primary": "#6e9fd0"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Contraste 2,7:1 avec le texte blanc, il faut au moins 4,5:1" in page
    assert not SiteIdentity.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "footer_links",
            "nantes.fr https://www.nantes.fr/",
            "Ligne 1 : écrivez « libellé | adresse ».",
        ),
        (
            "footer_links",
            "Piège | javascript:alert(1)",
            "Ligne 1 : l'adresse doit commencer par https://",
        ),
        ("contact_phone", "12", "Ce numéro de téléphone n'est pas valide."),
        ("colour_secondary", "jaune", "Une couleur s'écrit #rrvvbb"),
        ("platform_name", "", "Ce champ est obligatoire."),
    ],
)
def test_bad_input_gets_a_french_message(client_for, field, value, message):
    response = client_for("admin").post(URL, {**GOOD, field: value})
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert not SiteIdentity.objects.exists()


@pytest.mark.django_db
def test_an_svg_with_a_script_is_refused(client_for):
    svg = SimpleUploadedFile(
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        content_type="image/svg+xml",
    )
    response = client_for("admin").post(URL, {**GOOD, "logo": svg})
    assert response.status_code == 400
    assert "script" in response.content.decode()
    assert not SiteIdentity.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_change_is_saved_shown_and_audited(client_for):
    svg = SimpleUploadedFile(
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">'
        b'<rect width="4" height="4"/></svg>',
    )
    client = client_for("admin")
    response = client.post(URL, {**GOOD, "platform_name": "Nantes en dialogue", "logo": svg})
    assert response.status_code == 302
    identity = current_identity()
    assert identity.platform_name == "Nantes en dialogue"
    assert identity.logo_type == "image/svg+xml"
    assert [link.url for link in identity.footer_links] == [
        "https://www.nantes.fr/",
        "/mentions-legales/",
    ]
    event = AuditEvent.objects.get(action="identity.update")
    assert set(event.data["changed"]) >= {"platform_name", "logo", "footer_links"}
    home = client.get(reverse("processes:home")).content.decode()
    assert "Nantes en dialogue" in home
    assert reverse("identity_logo", kwargs={"version": identity.version}) in home
    # Removing the logo is a change too.
    client.post(URL, {**GOOD, "platform_name": "Nantes en dialogue", "remove_logo": "on"})
    assert current_identity().logo_type == ""
    assert AuditEvent.objects.filter(action="identity.update").count() == 2
