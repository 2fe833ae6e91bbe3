"""The identity page in a real browser: axe finds no serious violation on the form, nor on
its refusal (the contrast ratio in French); a logo set there appears on the public pages,
which stay under 150 KB with it."""

from __future__ import annotations

import gzip
import io

import pytest
from PIL import Image

from tests.browser.test_accessibility import MAX_PAGE_BYTES
from tests.factories import PASSWORD, ProcessFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _png_logo(path) -> str:  # type: ignore[no-untyped-def]
    image = Image.new("RGB", (600, 200), "#ffffff")
    for x in range(0, 600, 3):  # some detail, as a real logo has
        for y in range(40, 160, 2):
            image.putpixel((x, y), (11, 79, 138) if (x * y) % 7 else (255, 212, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    target = path / "logo.png"
    target.write_bytes(out.getvalue())
    return str(target)


def test_identity_form_refusal_and_logo(page, axe_audit, tmp_path):
    process = ProcessFactory()
    UserFactory(email="admin-identite@exemple.test", roles=["admin"])
    page.goto("/backoffice/identite/")
    page.fill("input[name=login]", "admin-identite@exemple.test")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/backoffice/identite/")
    assert axe_audit(page) == []

    page.fill("#id_colour_primary", "#6e9fd0")
    page.get_by_role("button", name="Enregistrer l'identité").click()
    summary = page.locator(".error-summary")
    assert "Contraste 2,7:1 avec le texte blanc, il faut au moins 4,5:1" in summary.inner_text()
    assert axe_audit(page) == []

    page.fill("#id_colour_primary", "#0b4f8a")
    page.fill("#id_city_name", "Ville d'Essai")
    page.set_input_files("#id_logo", _png_logo(tmp_path))
    page.get_by_role("button", name="Enregistrer l'identité").click()
    assert "Identité enregistrée" in page.locator(".messages").inner_text()

    sizes: list[int] = []

    def record(response) -> None:  # type: ignore[no-untyped-def]
        kind = response.request.resource_type
        if kind == "document":
            sizes.append(len(response.body()))
        elif kind in ("stylesheet", "script", "font"):
            sizes.append(len(gzip.compress(response.body())))
        elif kind == "image":
            sizes.append(len(response.body()))

    page.on("response", record)
    page.goto(process.get_absolute_url())
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", record)
    logo = page.locator(".site-header img.brand-logo")
    assert logo.is_visible()
    assert page.locator(".brand").inner_text().startswith("VILLE D'ESSAI")
    assert sum(sizes) < MAX_PAGE_BYTES, f"{sum(sizes)} octets"
    assert axe_audit(page) == []
