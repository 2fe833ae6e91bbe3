"""Issue "Quality gates": every public page audited with axe-core (WCAG 2.1 AA, zero serious
or critical violations), keyboard use of the contribution form, pages without JavaScript,
and page weight under 150 KB."""

from __future__ import annotations

import gzip

import pytest
from django.urls import reverse

from concerto.contributions.models import Contribution
from concerto.contributions.moderation import edit_token
from concerto.contributions.thanks import thanks_url
from tests.events.factories import EventFactory, add_stop
from tests.factories import ContributionFactory, NewsPostFactory, ProcessFactory, UrnFactory

pytestmark = pytest.mark.django_db(transaction=True)
MAX_PAGE_BYTES = 150 * 1024


@pytest.fixture
def site_data():
    process = ProcessFactory()
    UrnFactory(process=process)
    published = ContributionFactory(process=process, status=Contribution.Status.PUBLISHED)
    waiting = ContributionFactory(
        process=process, status=Contribution.Status.CHANGES_REQUESTED, email="auteur@exemple.test"
    )
    news = NewsPostFactory(process=process)
    event = EventFactory(process=process, latitude="47.218371", longitude="-1.553621")
    add_stop(event)
    return {
        "process": process,
        "published": published,
        "waiting": waiting,
        "news": news,
        "event": event,
    }


def public_pages(data) -> dict[str, str]:
    process, slug = data["process"], data["process"].slug
    listing = reverse("contributions:list", kwargs={"slug": slug})
    return {
        "accueil": reverse("processes:home"),
        "démarche": process.get_absolute_url(),
        "formulaire": reverse("contributions:contribute", kwargs={"slug": slug}),
        "liste": listing,
        "liste filtrée": listing + "?q=accueil&kind=proposal",
        "fiche": data["published"].get_absolute_url(),
        "actualités": reverse("resources:news_list", kwargs={"slug": slug}),
        "actualité": data["news"].get_absolute_url(),
        "merci": thanks_url(data["published"]),
        "modifier": reverse(
            "contributions:author_edit", kwargs={"token": edit_token(data["waiting"])}
        ),
        "confidentialité": reverse("privacy"),
        "accessibilité": reverse("accessibility"),
        "mentions légales": reverse("legal:mentions"),
        "charte de modération": reverse("legal:charter"),
        "organisations": reverse("organisations:list"),
        "connexion": reverse("account_login"),
        "inscription": reverse("account_signup"),
        "mot de passe oublié": reverse("account_reset_password"),
        "introuvable": "/cette-page-n-existe-pas/",
        "agenda": reverse("events:agenda", kwargs={"slug": slug}),
        "événement": reverse("events:detail", kwargs={"slug": slug, "event": data["event"].slug}),
        "parcours": reverse("events:route", kwargs={"slug": slug, "event": data["event"].slug}),
        "lieux d'accès aux droits": reverse("rights:places"),
        "mes droits en 10 questions": reverse("rights:selfcheck"),
    }


def test_every_public_page_has_no_serious_axe_violation(page, axe_audit, site_data):
    failures = {}
    for name, url in public_pages(site_data).items():
        page.goto(url)
        violations = axe_audit(page)
        if violations:
            failures[name] = violations
    assert failures == {}


def test_form_with_errors_has_no_serious_axe_violation(page, axe_audit, site_data):
    page.goto(reverse("contributions:contribute", kwargs={"slug": site_data["process"].slug}))
    page.get_by_role("button", name="Envoyer ma contribution").click()
    assert page.locator(".error-summary").is_visible()
    assert axe_audit(page) == []


def test_public_pages_weigh_under_150_kb(page, site_data):
    """Transferred bytes: the HTML as is, static files gzip-compressed as WhiteNoise serves
    them in production (the test server sends them uncompressed)."""
    for name, url in public_pages(site_data).items():
        sizes: list[int] = []

        def record(response, sizes=sizes):
            kind = response.request.resource_type
            if kind == "document":
                sizes.append(len(response.body()))
            elif kind in ("stylesheet", "script", "font"):
                sizes.append(len(gzip.compress(response.body())))

        page.on("response", record)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.remove_listener("response", record)
        assert sum(sizes) < MAX_PAGE_BYTES, f"{name}: {sum(sizes)} octets"


def test_keyboard_only_contribution(page, site_data):
    process = site_data["process"]
    page.goto(reverse("contributions:contribute", kwargs={"slug": process.slug}))
    # The first Tab reaches the skip link, which is visible when focused and moves focus to main.
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    # Walk forward until the first answer field, typing only with the keyboard.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "question_1":
            break
    else:
        pytest.fail("Le champ de la question 1 n'est pas atteignable au clavier.")
    field_outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert field_outline != "none"
    page.keyboard.type("Il manque des lieux où parler de sa solitude.")
    # Submit with missing fields: errors are announced and linked.
    page.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    assert summary.get_attribute("role") == "alert"
    assert page.locator("#id_profile").get_attribute("aria-invalid") == "true"
    # Fill the rest with the keyboard.
    page.locator("#id_kind_0").focus()
    page.keyboard.press("Space")
    page.locator("#id_neighbourhood").focus()
    page.keyboard.press("ArrowDown")
    page.locator("#id_profile").focus()
    page.keyboard.press("ArrowDown")
    page.locator("#id_consent_processing").focus()
    page.keyboard.press("Space")
    page.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/merci/**")
    assert Contribution.objects.filter(process=process).count() == 3


def test_contribution_works_without_javascript(browser, live_server, site_data):
    process = site_data["process"]
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(reverse("contributions:contribute", kwargs={"slug": process.slug}))
    page.fill("#id_question_2", "Les entreprises du quartier pourraient parrainer des familles.")
    page.check("#id_kind_2")
    page.select_option("#id_neighbourhood", label="Nantes Nord")
    page.select_option("#id_profile", value="company")
    page.check("#id_consent_processing")
    page.click("button[type=submit]")
    assert "Merci" in page.locator("h1").inner_text()
    receipt = page.locator(".receipt-number").inner_text()
    assert Contribution.objects.get(receipt_number=receipt).profile == "company"
    context.close()
