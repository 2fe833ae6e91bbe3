from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.contributions.helpers import form_data
from tests.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_csp_forbids_inline_scripts(client, process):
    response = client.get(process.get_absolute_url())
    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "<script>" not in response.content.decode()  # no inline script in our pages


@pytest.mark.django_db
def test_csrf_is_enforced_on_the_public_form(process):
    client = Client(enforce_csrf_checks=True)
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    response = client.post(url, form_data(process))
    assert response.status_code == 403
    from concerto.contributions.models import Contribution

    assert Contribution.objects.count() == 0


@pytest.mark.django_db
def test_login_brute_force_is_locked_out(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory(email="cible@exemple.test")
    url = reverse("account_login")
    for _ in range(3):
        client.post(url, {"login": user.email, "password": "mauvais"}, REMOTE_ADDR="10.0.0.9")
    response = client.post(url, {"login": user.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code in (403, 429)
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_with_the_right_password_works(client):
    user = UserFactory(email="bonne@exemple.test")
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_production_cookie_and_hsts_settings():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CONCERTO_", "DJANGO_", "DATABASE_URL"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "concerto.settings",
            "CONCERTO_SECRET_KEY": "s" * 64,
            "CONCERTO_PSEUDONYM_KEY": "p" * 64,
            "CONCERTO_ALLOWED_HOSTS": "concerto.exemple.fr",
        }
    )
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.DEBUG)"
    )
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + code],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.strip() == "True True True True False", out.stderr
