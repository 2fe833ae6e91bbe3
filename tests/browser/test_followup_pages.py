"""The droit de suite pages in a real browser: axe-core (WCAG 2.1 AA, no serious or critical
violation) on the receipt path pages, the unsubscribe pages and the published annual report;
and a resident's journey from the form to the path of their contribution."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from concerto.followup.annual import annual_report_generate
from concerto.followup.models import AnnualReport
from concerto.followup.recipients import unsubscribe_token
from concerto.strategy.models import Action
from tests.factories import ProcessFactory
from tests.followup import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module", autouse=True)
def _orm_beside_playwright():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture
def followup_site():
    process = ProcessFactory()
    chain = f.full_chain(process, published_at=f.aware(2022, 6, 1))
    f.action(
        process,
        2,
        proposals=[chain.proposal],
        status=Action.Status.DONE,
        progress=100,
        started_on=dt.date(2023, 5, 1),
        done_on=dt.date(2023, 12, 1),
    )
    pending = f.contribution(process, status="pending")
    report = AnnualReport.objects.create(
        process=process, period_start=dt.date(2023, 1, 1), period_end=dt.date(2023, 12, 31)
    )
    annual_report_generate(report)
    report.published_at = report.generated_at
    report.save(update_fields=["published_at"])
    token = unsubscribe_token(contribution_id=chain.contribution.pk, email=f.AUTHOR_EMAIL)
    return {"process": process, "chain": chain, "pending": pending, "token": token}


def pages(site) -> dict[str, str]:
    receipt = site["chain"].contribution.receipt_number
    return {
        "formulaire": reverse("followup:lookup"),
        "parcours": reverse("followup:path", kwargs={"receipt": receipt}),
        "parcours (reçue)": reverse(
            "followup:path", kwargs={"receipt": site["pending"].receipt_number}
        ),
        "introuvable": reverse("followup:path", kwargs={"receipt": "X-2022-999999"}),
        "désabonnement": reverse("followup:unsubscribe", kwargs={"token": site["token"]}),
        "rapport annuel": reverse("followup:annual_public", kwargs={"slug": site["process"].slug}),
    }


def test_followup_pages_have_no_serious_axe_violation(page, axe_audit, followup_site):
    failures = {}
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for name, url in pages(followup_site).items():
        page.goto(url)
        violations = axe_audit(page)
        if violations:
            failures[name] = violations
    assert failures == {}
    assert csp_errors == []


def test_a_resident_follows_their_contribution(page, axe_audit, followup_site):
    chain = followup_site["chain"]
    receipt = chain.contribution.receipt_number
    # From the published contribution's page…
    page.goto(chain.contribution.get_absolute_url())
    page.get_by_role("link", name=f"Ce que la contribution {receipt} est devenue").click()
    page.get_by_role("heading", level=1).wait_for()
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"Le parcours de la contribution {receipt}"
    )
    # …or with the form: a typo first, then the right number (in lower case).
    page.goto(reverse("followup:lookup"))
    page.get_by_label("Numéro de récépissé").fill("pas un numéro !")
    page.get_by_role("button", name="Suivre ma contribution").click()
    assert "forme d'un numéro de récépissé" in page.content() or "forme d&#x27;un" in page.content()
    page.get_by_label("Numéro de récépissé").fill(receipt.lower())
    page.get_by_role("button", name="Suivre ma contribution").click()
    page.wait_for_url(f"**/suivi/{receipt}/?lien=*")
    text = page.locator("main").inner_text()
    assert "Accès aux droits" in text
    assert "P1. Préconisation numéro 1" in text
    assert "retenue" in text
    assert "1.2. Action numéro 2 — réalisée, 100 % réalisés" in text
    assert f.AUTHOR_EMAIL not in page.content()
    assert f.AUTHOR_NAME not in page.content()
    # The proposal link leads to its anchor in the published report.
    href = page.get_by_role("link", name="P1. Préconisation numéro 1").get_attribute("href")
    assert href.endswith("/synthese/#P1")
    assert axe_audit(page) == []


def test_unsubscribe_by_the_button(page, followup_site):
    page.goto(pages(followup_site)["désabonnement"])
    page.get_by_role("button", name="Me désabonner").click()
    page.get_by_role("heading", name="Désabonnement confirmé").wait_for()
    chain = followup_site["chain"]
    chain.contribution.refresh_from_db()
    assert chain.contribution.followup_opt_in is False
