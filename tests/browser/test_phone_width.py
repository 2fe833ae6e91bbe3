"""Issue 12 §7: no page, public or back-office, is wider than a 360 px phone, and chart text
is at least 12 px there. The test walks the site as a reader would, following its links
from the home page and (logged in as an administrator) from the back-office, and checks
every page it visits: ``document.documentElement.scrollWidth <= 360`` at a 360 px viewport.
A table wider than the screen may scroll inside itself; the page may not."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse

from tests.browser.test_accessibility import public_pages
from tests.browser.test_accessibility import site_data as site_data
from tests.browser.test_reports_pages import report_site as report_site
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 360, "height": 740}
MAX_PAGES = 120
# Files, feeds and actions are not pages; the Django admin is not the City's interface.
NOT_PAGES = re.compile(
    r"(/comptes/logout|\.pdf|\.ics|\.csv|\.json|\.atom|/api/|/admin-django/|/export|"
    r"/flux|/telecharger|/attachments/|/audio|/identite/)"
)
WIDER_THAN_THE_SCREEN = """() => Array.from(document.querySelectorAll('body *'))
  .filter(el => el.getClientRects().length && el.getBoundingClientRect().right > 361)
  .slice(0, 3).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))"""
SMALLEST_CHART_TEXT = """() => Math.min(Infinity, ...Array.from(
  document.querySelectorAll('svg.chart text')).filter(t => t.getClientRects().length)
  .map(t => t.getBoundingClientRect().height))"""


def _walk(page, starts: list[str], live_url: str) -> tuple[list[str], dict[str, object]]:
    """Visit pages breadth-first from ``starts`` (one page per URL shape: numbers are
    the same page), return the visited paths and the pages that are too wide."""
    queue, seen, visited = list(starts), set(), []
    problems: dict[str, object] = {}
    host = urlsplit(live_url).netloc
    while queue and len(visited) < MAX_PAGES:
        path = queue.pop(0)
        shape = re.sub(r"\d+", "N", path.split("?")[0])
        if shape in seen:
            continue
        seen.add(shape)
        response = page.goto(path)
        if response is None or "html" not in (response.headers.get("content-type") or ""):
            continue
        visited.append(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems[path] = (width, page.evaluate(WIDER_THAN_THE_SCREEN))
        smallest = page.evaluate(SMALLEST_CHART_TEXT)
        if smallest is not None and smallest < 12:
            problems[path + " (graphique)"] = f"texte de {smallest:.1f} px"
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(urljoin(live_url + path, href))
            if parts.netloc != host or NOT_PAGES.search(parts.path):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return visited, problems


def _phone(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_public_pages_fit_a_phone(browser, live_server, site_data):
    context, page = _phone(browser, live_server)
    starts = ["/", *public_pages(site_data).values()]
    slug = site_data["process"].slug
    starts.append(reverse("events:month", kwargs={"slug": slug, "year": 2026, "month": 6}))
    visited, problems = _walk(page, starts, live_server.url)
    context.close()
    assert len(visited) >= 20
    assert problems == {}


def test_back_office_and_reports_fit_a_phone(browser, live_server, report_site):
    context, page = _phone(browser, live_server)
    page.goto("/backoffice/")
    page.fill("input[name=login]", report_site["admin"].email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/backoffice/")
    slug = report_site["process"].slug
    starts = ["/backoffice/", f"/demarches/{slug}/synthese/", reverse("backoffice:identity")]
    visited, problems = _walk(page, starts, live_server.url)
    context.close()
    assert any(path.startswith("/backoffice/contributions/") for path in visited)
    assert any("/synthese/" in path for path in visited)
    assert len(visited) >= 20
    assert problems == {}
