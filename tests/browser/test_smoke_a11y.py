from __future__ import annotations

from decimal import Decimal

import pytest

from tests.factories import ProcessFactory, UrnFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_process_page_and_form_have_no_serious_violations(page, axe_audit):
    process = ProcessFactory()
    UrnFactory(process=process, latitude=Decimal("47.218371"), longitude=Decimal("-1.553621"))
    page.goto(f"/demarches/{process.slug}/")
    assert page.locator("h1").inner_text() == process.title
    # The urns' map is drawn by static/js/map.js (vendored Leaflet) under the site's CSP.
    page.locator("#map .leaflet-marker-icon").first.wait_for()
    assert page.locator("#map").is_visible()
    assert page.locator("#map .leaflet-marker-icon").count() == 1
    assert axe_audit(page) == []
    page.get_by_role("link", name="Je contribue en ligne").click()
    assert axe_audit(page) == []
