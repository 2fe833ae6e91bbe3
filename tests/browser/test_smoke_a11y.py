from __future__ import annotations

import pytest

from tests.factories import ProcessFactory, UrnFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_process_page_and_form_have_no_serious_violations(page, axe_audit):
    process = ProcessFactory()
    UrnFactory(process=process)
    page.goto(f"/demarches/{process.slug}/")
    assert page.locator("h1").inner_text() == process.title
    assert axe_audit(page) == []
    page.get_by_role("link", name="Je contribue en ligne").click()
    assert axe_audit(page) == []
