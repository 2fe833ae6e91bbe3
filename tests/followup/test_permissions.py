"""Who may do what with the annual follow-up report: the ACCESS table, the views and the
services agree with concerto.core.roles."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, get_resolver, reverse

from concerto.core.roles import PERMISSIONS, Role
from concerto.followup import annual
from concerto.followup.models import AnnualReport
from concerto.followup.permissions import ACCESS

pytestmark = pytest.mark.django_db
ROLE_OF = {
    "admin": Role.ADMIN,
    "moderator": Role.MODERATOR,
    "analyst": Role.ANALYST,
    "transcriber": Role.TRANSCRIBER,
    "official": Role.OFFICIAL,
}


def followup_patterns() -> dict[str, URLPattern]:
    resolver = get_resolver()
    for pattern in resolver.url_patterns:
        namespace = getattr(pattern, "namespace", None)
        if namespace == "followup":
            return {p.name: p for p in pattern.url_patterns}
    raise AssertionError("espace de noms followup introuvable")


def test_every_staff_view_is_guarded_by_its_entry():
    patterns = followup_patterns()
    staff = {name for name, p in patterns.items() if str(p.pattern).startswith("backoffice/")}
    assert staff == set(ACCESS)
    for name in staff:
        assert getattr(patterns[name].callback, "access", None) is ACCESS[name], name


@pytest.mark.parametrize(
    "persona", ["anonymous", "resident", "moderator", "analyst", "admin", "transcriber", "official"]
)
def test_annual_report_pages_follow_the_roles(client_for, persona, process):
    report = AnnualReport.objects.create(
        process=process, period_start=dt.date(2023, 1, 1), period_end=dt.date(2023, 12, 31)
    )
    client = client_for(persona)
    role = ROLE_OF.get(persona)
    allowed = role is not None and role in PERMISSIONS["followup.report"]
    may_publish = role is not None and role in PERMISSIONS[annual.PUBLISH_PERMISSION]
    expected = 302 if persona == "anonymous" else (200 if allowed else 403)
    for url in (
        reverse("followup:annual_reports"),
        reverse("followup:annual_report", kwargs={"pk": report.pk}),
    ):
        assert client.get(url).status_code == expected, url
    response = client.post(
        reverse("followup:annual_reports"),
        {"process": process.pk, "start": "2023-01-01", "end": "2023-12-31"},
    )
    assert response.status_code == (302 if persona == "anonymous" or allowed else 403)
    assert AnnualReport.objects.count() == (2 if allowed else 1)
    publish = client.post(reverse("followup:annual_report_publish", kwargs={"pk": report.pk}))
    assert publish.status_code == (302 if persona == "anonymous" or may_publish else 403)


def test_services_check_the_permission_too(process, moderator, analyst):
    with pytest.raises(PermissionError):
        annual.annual_report_request(
            process=process, start=dt.date(2023, 1, 1), end=dt.date(2023, 2, 1), actor=moderator
        )
    report = annual.annual_report_request(
        process=process, start=dt.date(2023, 1, 1), end=dt.date(2023, 2, 1), actor=analyst
    )
    with pytest.raises(PermissionError):
        annual.annual_report_publish(report=report, actor=analyst)
    with pytest.raises(annual.AnnualReportError):
        annual.annual_report_request(
            process=process, start=dt.date(2023, 2, 1), end=dt.date(2023, 1, 1), actor=analyst
        )
