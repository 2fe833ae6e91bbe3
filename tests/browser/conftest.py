"""Playwright for Python driving Debian's chromium (it cannot download its own browser here)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the tests
# and by pytest-django's database teardown are still synchronous and safe. (Set at import:
# a fixture would be undone before the database flush of transactional tests.)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CONCERTO_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium introuvable ({CHROMIUM}) : lancez `make browser-deps`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def axe_audit(settings):  # type: ignore[no-untyped-def]
    """axe_audit(page) -> list of serious/critical WCAG 2.1 A/AA violations on the page.

    Each result is also written to ``CONCERTO_AXE_RESULTS_DIR`` (one file per test worker,
    this run's pages): the accessibility statement lists them as automated tests, never as
    an audit (concerto.legal.axe)."""
    if not AXE.exists():
        pytest.fail("axe-core manquant : lancez `make browser-deps` (npm install).")
    source = AXE.read_text()
    results_dir = Path(settings.CONCERTO_AXE_RESULTS_DIR)

    def run(page) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
        # Colours are measured mid-transition otherwise (a fading popup looks low-contrast).
        page.wait_for_function(
            "document.getAnimations().every(a => a.playState !== 'running')", timeout=5_000
        )
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(source)  # through the DevTools protocol: not subject to the CSP
        result = page.evaluate(
            """async () => await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
        )
        found = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        _record_axe(results_dir, page.evaluate("location.pathname"), len(found))
        return found

    return run


_AXE_PAGES: dict[str, int] = {}  # this session's pages (one worker)


def _record_axe(directory: Path, path: str, violations: int) -> None:
    _AXE_PAGES[path] = violations
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / f"{worker}.json").write_text(
            json.dumps(
                {
                    "finished_at": dt.datetime.now(dt.UTC).isoformat(),
                    "axe_version": json.loads((AXE.parent / "package.json").read_text()).get(
                        "version", ""
                    ),
                    "pages": [{"path": p, "violations": n} for p, n in sorted(_AXE_PAGES.items())],
                }
            )
        )
    except OSError:
        pass  # the results are informative: never fail a test for them
