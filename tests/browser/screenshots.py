"""`make screenshots`: the main public pages at phone (360 px) and desktop width.

Loads the Nantes demo into a throw-away SQLite database, serves it with Django's
development server on a free loopback port, and writes PNG files to screenshots/
(not committed).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "screenshots"
WIDTHS = {"telephone": (360, 740), "bureau": (1280, 900)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    workdir = Path(tempfile.mkdtemp(prefix="concerto-shots-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "concerto.settings",
        "CONCERTO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "CONCERTO_MEDIA_ROOT": str(workdir / "media"),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([*manage, "createcachetable"], env=env, check=True)
    subprocess.run(
        [*manage, "loaddemo", "--contributions", "60"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    port = _free_port()
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/sante/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        slug = "assises-des-nouvelles-solidarites"
        pages = {
            "accueil": "/",
            "demarche": f"/demarches/{slug}/",
            "scenario": "/demarches/scenario-de-demonstration/",
            "contribuer": "/demarches/scenario-de-demonstration/contribuer/",
            "contributions": f"/demarches/{slug}/contributions/",
            "actualites": f"/demarches/{slug}/actualites/",
            "confidentialite": "/confidentialite/",
            "connexion": "/comptes/login/",
        }
        OUT.mkdir(exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for label, (width, height) in WIDTHS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, locale="fr-FR"
                )
                page = context.new_page()
                for name, path in pages.items():
                    page.goto(base + path)
                    target = OUT / f"{name}-{label}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target.relative_to(ROOT))
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
