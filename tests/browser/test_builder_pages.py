"""The process builder in a real browser. One journey with JavaScript turned off, through
the real login form: an administrator creates a process from nothing, writes its mandate
with a list, adds a question, a phase, a channel, a neighbourhood and an urn, is refused a
channel that closes after the process, previews the page, publishes it, and a resident
then reads it. Then axe-core (WCAG 2.1 AA) and the 360 px width on the builder's pages."""

from __future__ import annotations

import pytest

from concerto.processes.models import Process
from tests.factories import PASSWORD, ProcessFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module", autouse=True)
def _orm_beside_playwright():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


def login(browser, live_server, email: str, *, javascript: bool = True):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/backoffice/demarches/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    return context, page


def submit(page) -> None:
    page.locator("main form button[type=submit].button-primary").click()


def test_create_a_process_end_to_end_without_javascript(browser, live_server):
    admin = UserFactory(roles=["admin"])
    context, page = login(browser, live_server, admin.email, javascript=False)
    page.get_by_role("link", name="Créer une démarche").click()
    page.get_by_label("Titre").fill("Budget participatif 2026")
    page.get_by_label("Adresse de la page").fill("budget-2026")
    page.get_by_label("Préfixe des récépissés").fill("bp")
    page.get_by_label("Année des récépissés").fill("2026")
    page.get_by_label("Objectifs").fill("Trois objectifs :\n- écouter\n- décider\n- rendre compte")
    page.get_by_label("Ligne téléphonique gratuite").fill("0 800 00 44 00")
    submit(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Budget participatif 2026"
    assert "BP-2026-000001" in page.content()

    page.get_by_role("link", name="Ajouter une question").click()
    page.get_by_label("La question").fill("Quel projet pour votre quartier ?")
    submit(page)
    page.get_by_role("link", name="Ajouter une phase").click()
    page.get_by_label("Type de phase").select_option("contributions")
    page.get_by_label("Titre").fill("Dépôt des projets")
    page.get_by_label("Début").fill("2026-01-26")
    page.get_by_label("Fin").fill("2026-06-20")
    submit(page)

    page.get_by_role("link", name="Ajouter un canal de participation").click()
    page.locator("#id_kind").select_option("online")
    page.get_by_label("Ouverture").fill("2026-01-26T09:00")
    page.get_by_label("Clôture").fill("2026-09-01T12:00")
    submit(page)
    assert (
        "après la fin de la démarche (le 20 juin 2026"
        in page.locator(".error-summary").inner_text()
    )
    page.get_by_label("Clôture").fill("2026-06-20T18:00")
    submit(page)

    page.get_by_role("link", name="Ajouter un quartier").click()
    page.get_by_label("Nom du quartier").fill("Nantes Nord")
    submit(page)
    page.get_by_role("link", name="Ajouter une urne").click()
    page.locator("#id_place_name").fill("Mairie annexe Nantes Nord")
    page.locator("#id_address").fill("2 rue d'Aix, 44300 Nantes")
    page.get_by_label("Horaires").fill("du lundi au vendredi, 9 h – 17 h")
    submit(page)

    page.get_by_role("link", name="Aperçu de la page publique").click()
    assert "pas encore publique" in page.content()
    assert page.locator(".mandate ul li").all_inner_texts() == [
        "écouter",
        "décider",
        "rendre compte",
    ]
    page.get_by_role("link", name="Revenir au constructeur").click()
    page.get_by_role("button", name="Publier la démarche").click()
    assert "sa page est publique" in page.content()
    context.close()

    assert Process.objects.get(slug="budget-2026").is_published
    visitor = browser.new_context(base_url=live_server.url, locale="fr-FR")
    public = visitor.new_page()
    public.goto("/demarches/budget-2026/")
    assert public.get_by_role("heading", level=1).inner_text() == "Budget participatif 2026"
    assert "Mairie annexe Nantes Nord" in public.content()
    visitor.close()


def test_builder_pages_pass_axe_and_fit_a_phone(browser, live_server, axe_audit):
    admin = UserFactory(roles=["admin"])
    process = ProcessFactory(slug="assises", is_published=False)
    context, page = login(browser, live_server, admin.email)
    page.set_viewport_size({"width": 360, "height": 740})
    failures = {}
    for url in (
        "/backoffice/demarches/",
        "/backoffice/demarches/nouvelle/",
        f"/backoffice/demarches/{process.slug}/",
        f"/backoffice/demarches/{process.slug}/informations/",
        f"/backoffice/demarches/{process.slug}/profils/",
        f"/backoffice/demarches/{process.slug}/urnes/ajouter/",
        f"/backoffice/demarches/{process.slug}/apercu/",
    ):
        page.goto(url)
        violations = axe_audit(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if violations or width > 360:
            failures[url] = {"axe": violations, "largeur": width}
    context.close()
    assert failures == {}
