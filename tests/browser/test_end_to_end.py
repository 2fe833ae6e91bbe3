"""The foundation's browser test: a resident contributes through the real form, a moderator
publishes it in the back-office, and it appears in the public list."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD, ProcessFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_contribute_moderate_publish_read(browser, live_server):
    process = ProcessFactory()
    moderator = UserFactory(email="moderation@exemple.test", roles=["moderator"])
    text = "Créer un café solidaire où les aînés isolés rencontrent des étudiants."

    # 1. A resident, without an account, answers question 2 online.
    resident = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = resident.new_page()
    page.goto(process.get_absolute_url())
    page.get_by_role("link", name="Je contribue en ligne").click()
    page.get_by_label("Question 2").fill(text)
    page.get_by_label("une proposition").check()
    page.get_by_label("Nom ou pseudonyme").fill("Lou")
    page.get_by_label("Votre quartier").select_option(label="Nantes Nord")
    page.get_by_label("Vous êtes").select_option(label="bénévole")
    page.get_by_label("J'accepte que ma contribution soit publiée").check()
    page.get_by_label("J'accepte que mes réponses soient conservées").check()
    page.get_by_role("button", name="Envoyer ma contribution").click()
    receipt = page.locator(".receipt-number").inner_text().strip()
    assert receipt == f"{process.receipt_prefix}-2022-000001"
    # Not public yet.
    page.goto(f"/demarches/{process.slug}/contributions/")
    assert text not in page.content()
    resident.close()

    # 2. The moderator logs in through the real login form and publishes it.
    staff = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = staff.new_page()
    page.goto("/backoffice/")
    page.fill("input[name=login]", moderator.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.goto("/backoffice/contributions/")
    page.get_by_role("link", name=receipt).click()
    assert text in page.content()
    page.locator("form.bo-decision", has=page.locator("input[value=publish]")).get_by_role(
        "button"
    ).click()
    assert "publiée" in page.content()
    staff.close()

    # 3. Anyone reads it in the public list and opens it.
    reader = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = reader.new_page()
    page.goto(f"/demarches/{process.slug}/contributions/")
    assert text[:40] in page.content()
    page.get_by_role("link", name=f"Contribution {receipt}").click()
    assert text in page.locator("main").inner_text()
    assert "Lou" in page.locator("main").inner_text()
    reader.close()
