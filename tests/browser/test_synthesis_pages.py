"""The analysts' workspace in a real browser: an analyst logs in, selects an excerpt in an
answer with the mouse (static/js/coding.js fills the form with the excerpt and its
offsets), codes it as a quote; the workspace pages pass axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest

from concerto.synthesis.models import Coding
from tests.factories import PASSWORD, ProcessFactory, UserFactory
from tests.synthesis.factories import published, theme

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = (
    "Je vis à Bellevue depuis quinze ans.\n\nLes démarches en ligne découragent les gens. "
    "Il faudrait un accueil humain dans chaque quartier."
)
EXCERPT = "Les démarches en ligne découragent les gens"


@pytest.fixture(scope="module", autouse=True)
def _orm_beside_playwright():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


def _login(page, user) -> None:
    page.goto("/comptes/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()


def _select(page, answer_id: int, text: str) -> None:
    """Select ``text`` inside the answer's text block, as a mouse would, then release."""
    page.evaluate(
        """([id, wanted]) => {
            const root = document.querySelector(`[data-coding-text="${id}"]`);
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.nodeValue.indexOf(wanted);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + wanted.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    root.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
                    return;
                }
            }
            throw new Error("texte introuvable");
        }""",
        [answer_id, text],
    )


def test_select_an_excerpt_and_code_it(browser, live_server, axe_audit):
    process = ProcessFactory()
    analyst = UserFactory(email="analyse@exemple.test", roles=["analyst"])
    droits = theme(process, "Accès aux droits", actor=analyst, definition="Non-recours.")
    theme(process, "Isolement", actor=analyst)
    contribution = published(process, {1: TEXT})
    answer = contribution.answers.get()

    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    _login(page, analyst)
    page.goto(f"/backoffice/synthese/{process.slug}/contributions/")
    assert axe_audit(page) == []
    page.get_by_role("link", name=contribution.receipt_number).click()
    assert axe_audit(page) == []
    _select(page, answer.pk, EXCERPT)
    prefix = f"a{answer.pk}"
    assert page.locator(f"#id_{prefix}-excerpt").input_value() == EXCERPT
    start = int(page.locator(f"#id_{prefix}-start").input_value())
    assert start == TEXT.index(EXCERPT)
    page.get_by_label("Accès aux droits").check()
    page.get_by_label("Citation à retenir pour le rapport").check()
    page.get_by_role("button", name="Coder").click()
    assert "1 codage enregistré" in page.content()
    coding = Coding.objects.get()
    assert (coding.theme, coding.start, coding.end, coding.excerpt) == (
        droits,
        TEXT.index(EXCERPT),
        TEXT.index(EXCERPT) + len(EXCERPT),
        EXCERPT,
    )
    assert coding.is_quote and coding.coder == analyst
    assert axe_audit(page) == []
    for path in (
        "",
        "grille/",
        "grille/versions/",
        "double-codage/",
        "aide/",
        "suggestions/",
        "doublons/",
    ):
        page.goto(f"/backoffice/synthese/{process.slug}/{path}")
        assert axe_audit(page) == [], path
    context.close()
