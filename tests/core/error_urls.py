"""A view that fails with personal data in its exception (tests/core/test_log_scrubbing.py)."""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from concerto.accounts.models import User

logger = logging.getLogger("concerto.tests.errors")

EMAIL = "jean.dupont-erreur@exemple.test"
PHONE = "06 12 34 56 78"


def failing(request: HttpRequest) -> HttpResponse:
    try:
        with transaction.atomic():  # PostgreSQL says: Key (email)=(jean.dupont-erreur@…)
            User.objects.create(email=EMAIL)
    except IntegrityError as exc:
        logger.warning("Doublon pour jean.dupont-erreur@exemple.test", stack_info=True)
        raise RuntimeError(f"Inscription impossible pour {EMAIL}, rappeler le {PHONE}") from exc
    return HttpResponse("inattendu")


urlpatterns = [path("erreur/", failing), path("", include("concerto.urls"))]
