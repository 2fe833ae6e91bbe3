"""An official's pages never link to a page she may not open (13.6): every link of her
back-office home, the navigation and the answer's staff pages answers something else than
403 for her."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.strategy.factories import scenario

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="(/[^"#?]*)')


def _links(html: str) -> set[str]:
    return {
        link
        for link in HREF.findall(html)
        if link.startswith(("/backoffice", "/comptes/")) is False or link.startswith("/backoffice")
    }


@pytest.mark.parametrize("role", ["official", "analyst", "moderator", "admin"])
def test_staff_home_pages_link_only_to_pages_the_role_may_open(
    role, process, admin_user, analyst, official, client_for
):
    scenario(process, admin=admin_user, analyst=analyst, official=official)
    client = client_for(role)
    starts = [
        reverse("backoffice:dashboard"),
        reverse("strategy:staff_index"),
    ]
    if role == "official":
        starts.append(reverse("strategy:answers_validate", kwargs={"slug": process.slug}))
    forbidden = []
    for start in starts:
        response = client.get(start)
        assert response.status_code == 200, start
        for link in sorted(_links(response.content.decode())):
            if not link.startswith("/backoffice"):
                continue
            status = client.get(link).status_code
            if status in (403, 404):
                forbidden.append((start, link, status))
    assert forbidden == []
