"""The answer and the strategy in a real browser: axe-core (WCAG 2.1 AA, zero serious or
critical violation) on the dashboard (plain and filtered), an action page and the answer
page; a resident's journey from the process page to an action and back to the answer; and
the dashboard's filters without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ProcessFactory, UserFactory
from tests.strategy.factories import scenario

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module", autouse=True)
def _orm_beside_playwright():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture
def strategy_site():
    process = ProcessFactory()
    world = scenario(
        process,
        admin=UserFactory(roles=["admin"]),
        analyst=UserFactory(roles=["analyst"]),
        official=UserFactory(roles=["official"]),
    )
    return {"process": process, **world}


def pages(data) -> dict[str, str]:
    slug = data["process"].slug
    dashboard = reverse("strategy:dashboard", kwargs={"slug": slug})
    return {
        "tableau de bord": dashboard,
        "tableau de bord filtré": dashboard + "?quartier=q1&statut=in_progress",
        "action": data["flagship"].get_absolute_url(),
        "sous-action": data["sub"].get_absolute_url(),
        "réponse": reverse("strategy:answer", kwargs={"slug": slug}),
    }


def test_strategy_pages_have_no_serious_axe_violation(page, axe_audit, strategy_site):
    failures = {}
    for name, url in pages(strategy_site).items():
        page.goto(url)
        violations = axe_audit(page)
        if violations:
            failures[name] = violations
    assert failures == {}


def test_from_the_process_page_to_an_action_and_its_answer(page, strategy_site):
    process, flagship = strategy_site["process"], strategy_site["flagship"]
    page.goto(process.get_absolute_url())
    page.get_by_role("link", name="La stratégie : actions, budget et avancement").click()
    page.get_by_role("heading", level=1, name="La stratégie et son avancement").wait_for()
    # The actions of Nantes Nord, and those of the whole city (marked so).
    page.get_by_label("Quartier").select_option("q1")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_text("2 actions correspondent à ces filtres.").wait_for()
    assert page.get_by_role("link", name="Plus de professionnels dans les quartiers").count() == 1
    assert page.get_by_text("Toute la ville").first.is_visible()
    page.get_by_role("link", name=f"{flagship.code}. {flagship.title}").click()
    page.get_by_role("heading", level=1, name=f"{flagship.code}. {flagship.title}").wait_for()
    progress = page.get_by_role("progressbar", name="Avancement de l'action")
    assert progress.get_attribute("value") == str(flagship.progress)
    assert page.get_by_role("heading", name="Historique").is_visible()
    # Back up the thread: the answer to the proposal the action implements.
    page.get_by_role("link", name="Retenue").click()
    page.get_by_role("heading", level=1, name="La réponse de la Ville").wait_for()
    assert page.url.endswith("#R1")
    assert page.locator("#R1").get_by_text("Préconisation numéro 1").is_visible()


def test_filters_work_without_javascript(browser, live_server, strategy_site):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(pages(strategy_site)["tableau de bord"])
        page.get_by_label("Statut").select_option("planned")
        page.get_by_role("button", name="Filtrer").click()
        assert "statut=planned" in page.url
        assert page.get_by_text("correspond").first.is_visible()
    finally:
        context.close()
