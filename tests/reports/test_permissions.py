"""Who may do what, per persona: the statistics (synthesis.view), the editor
(reports.edit) and the publication (reports.publish), with real objects behind each URL."""

from __future__ import annotations

import pytest
from django.urls import reverse

from concerto.core.roles import PERMISSIONS
from concerto.reports.models import Proposal, ReportVersion, Stake
from concerto.reports.permissions import ACCESS
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db
ROLES = {
    "anonymous": set(),
    "resident": set(),
    "moderator": {"moderator"},
    "analyst": {"analyst"},
    "admin": {"admin"},
    "transcriber": {"transcriber"},
    "official": {"official"},
}


def may(persona: str, permission: str) -> bool:
    return bool({r.value for r in PERMISSIONS[permission]} & ROLES[persona])


def urls(built) -> dict[str, str]:
    slug = built.process.slug
    stake, proposal = built.stakes[0], built.proposals[0]
    finding = stake.findings.first()
    figure = built.report.figures.first()
    return {
        "index": reverse("reports:index"),
        "statistics": reverse("reports:statistics", kwargs={"slug": slug}),
        "editor": reverse("reports:editor", kwargs={"slug": slug}),
        "stake_create": reverse("reports:stake_create", kwargs={"slug": slug}),
        "figure_add": reverse("reports:figure_add", kwargs={"slug": slug}),
        "publish": reverse("reports:publish", kwargs={"slug": slug}),
        "stake": reverse("reports:stake", kwargs={"pk": stake.pk}),
        "stake_action": reverse("reports:stake_action", kwargs={"pk": stake.pk}),
        "finding_create": reverse("reports:finding_create", kwargs={"pk": stake.pk}),
        "proposal_create": reverse("reports:proposal_create", kwargs={"pk": stake.pk}),
        "finding": reverse("reports:finding", kwargs={"pk": finding.pk}),
        "finding_delete": reverse("reports:finding_delete", kwargs={"pk": finding.pk}),
        "finding_quotes": reverse("reports:finding_quotes", kwargs={"pk": finding.pk}),
        "proposal": reverse("reports:proposal", kwargs={"pk": proposal.pk}),
        "proposal_withdraw": reverse("reports:proposal_withdraw", kwargs={"pk": proposal.pk}),
        "proposal_quotes": reverse("reports:proposal_quotes", kwargs={"pk": proposal.pk}),
        "figure_remove": reverse("reports:figure_remove", kwargs={"pk": figure.pk}),
    }


def test_every_staff_url_is_tested(built):
    assert set(urls(built)) == set(ACCESS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_get_matrix(client_for, built, persona):
    client = client_for(persona)
    for name, url in urls(built).items():
        access = ACCESS[name]
        response = client.get(url)
        if persona == "anonymous":
            expected = 302
        elif not may(persona, access.permission):
            expected = 403
        elif "GET" in access.methods:
            expected = 200
        else:
            expected = 405
        assert response.status_code == expected, (persona, name)


@pytest.mark.parametrize("persona", PERSONAS)
def test_writes_need_reports_edit(client_for, built, persona):
    client = client_for(persona)
    stake = built.stakes[0]
    response = client.post(
        reverse("reports:proposal_create", kwargs={"pk": stake.pk}),
        {"title": "Une préconisation de plus"},
    )
    created = Proposal.objects.filter(title="Une préconisation de plus").exists()
    if persona == "anonymous":
        assert response.status_code == 302 and not created
    elif may(persona, "reports.edit"):
        assert response.status_code == 302 and created
    else:
        assert response.status_code == 403 and not created
    response = client.post(
        reverse("reports:stake_create", kwargs={"slug": built.process.slug}),
        {"title": "Un enjeu de plus"},
    )
    assert Stake.objects.filter(title="Un enjeu de plus").exists() == may(persona, "reports.edit")


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_admins_publish(client_for, built, persona, django_capture_on_commit_callbacks):
    client = client_for(persona)
    url = reverse("reports:publish", kwargs={"slug": built.process.slug})
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url, {"note": "Publication"})
    published = ReportVersion.objects.exists()
    assert published == may(persona, "reports.publish")
    if persona == "anonymous" or published:
        assert response.status_code == 302
    else:
        assert response.status_code == 403
    if may(persona, "reports.edit"):
        page = client.get(url).content.decode()
        assert ("Publier une nouvelle version" in page) == may(persona, "reports.publish")
