"""Requests about personal data have a legal deadline (art. 12.3 GDPR): one month after
receipt, extendable once by two months if told within the first month. Staff see it, the
overdue ones first, and a counter with a link on the staff home page (issue 13 §7)."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from concerto.core.models import AuditEvent
from concerto.privacy.models import PrivacyRequest, add_months
from concerto.privacy.selectors import open_requests, request_counts
from concerto.privacy.services import PrivacyError, privacy_request_create, privacy_request_extend

pytestmark = pytest.mark.django_db


def _received(days_ago: int, **kwargs) -> PrivacyRequest:
    item = privacy_request_create(kind="export", receipt=kwargs.pop("receipt", "ASN-1"), **kwargs)
    moment = timezone.now() - dt.timedelta(days=days_ago)
    PrivacyRequest.objects.filter(pk=item.pk).update(created_at=moment)
    item.refresh_from_db()
    return item


def _page(client, url) -> str:
    return html.unescape(client.get(url).content.decode())


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 15), 1, dt.date(2026, 2, 15)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2026, 12, 10), 1, dt.date(2027, 1, 10)),
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
    ],
)
def test_one_month_is_a_calendar_month(day, months, expected):
    assert add_months(day, months) == expected


def test_the_deadline_is_one_month_after_receipt_three_when_extended(admin_user):
    item = _received(0)
    today = timezone.localdate()
    assert item.deadline == add_months(today, 1)
    assert item.days_left(today) == (add_months(today, 1) - today).days
    extended = privacy_request_extend(
        privacy_request=item, actor=admin_user, reason="Demande portant sur dix ans d'échanges."
    )
    assert extended.deadline == add_months(today, 3)
    assert extended.extension_reason == "Demande portant sur dix ans d'échanges."
    row = AuditEvent.objects.get(action="privacy.request_extend")
    assert row.data == {"deadline": add_months(today, 3).isoformat()}
    assert "dix ans" not in str(row.data) + row.reason  # the reason stays with the request


def test_open_requests_come_overdue_first_then_by_deadline(admin_user):
    recent = _received(2, receipt="ASN-RECENT")
    late = _received(40, receipt="ASN-LATE")
    extended = _received(20, receipt="ASN-EXTENDED")
    privacy_request_extend(privacy_request=extended, actor=admin_user, reason="Complexe.")
    very_late = _received(70, receipt="ASN-VERY-LATE")
    done = _received(90, receipt="ASN-DONE")
    PrivacyRequest.objects.filter(pk=done.pk).update(status=PrivacyRequest.Status.DONE)

    order = [r.receipt for r in open_requests()]
    assert order == ["ASN-VERY-LATE", "ASN-LATE", "ASN-RECENT", "ASN-EXTENDED"]
    assert request_counts() == request_counts().__class__(open=4, overdue=2, due_soon=0)
    assert late.pk and recent.pk and very_late.pk


def test_the_staff_list_shows_deadlines_and_lateness(client_for):
    _received(40, receipt="ASN-LATE")
    _received(0, receipt="ASN-NEW")
    page = _page(client_for("admin"), reverse("privacy:staff_requests"))
    assert "À rendre au plus tard le" in page
    assert "article 12.3 du RGPD" in page
    assert "1 est en retard sur le délai légal." in page
    assert page.index("ASN-LATE") < page.index("ASN-NEW")
    assert "en retard de" in page and "jours restants" in page


def test_the_staff_home_counts_requests_for_those_who_handle_them(client_for):
    _received(40)
    _received(28)
    _received(1)
    page = _page(client_for("admin"), reverse("backoffice:dashboard"))
    assert "3 demandes à traiter" in page
    assert "1 en retard sur le délai légal" in page
    assert "1 à rendre dans les sept jours" in page
    assert reverse("privacy:staff_requests") in page
    for persona in ("moderator", "analyst", "official"):
        page = _page(client_for(persona), reverse("backoffice:dashboard"))
        assert "Demandes sur les données personnelles" not in page, persona
        assert reverse("privacy:staff_requests") not in page, persona


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("moderator", 403), ("analyst", 403), ("official", 403), ("resident", 403)],
)
def test_who_may_see_the_requests(client_for, persona, status):
    item = _received(3)
    client = client_for(persona)
    assert client.get(reverse("privacy:staff_requests")).status_code == status
    assert client.get(reverse("privacy:staff_request", args=[item.pk])).status_code == status
    response = client.post(
        reverse("privacy:staff_request", args=[item.pk]),
        {"action": "extend", "extension_reason": "Complexe."},
    )
    assert response.status_code == (302 if status == 200 else 403)
    item.refresh_from_db()
    assert (item.extended_at is not None) == (status == 200)


def test_anonymous_people_are_sent_to_the_login_page(client):
    response = client.get(reverse("privacy:staff_requests"))
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]


def test_an_extension_needs_a_reason_and_comes_within_the_month_once(client_for, admin_user):
    client = client_for("admin")
    item = _received(3)
    url = reverse("privacy:staff_request", args=[item.pk])
    page = html.unescape(
        client.post(
            url, {"action": "extend", "extension_reason": "  "}, follow=True
        ).content.decode()
    )
    assert "Indiquez le motif de la prolongation" in page
    item.refresh_from_db()
    assert item.extended_at is None

    page = html.unescape(
        client.post(
            url, {"action": "extend", "extension_reason": "Dix ans d'échanges."}, follow=True
        ).content.decode()
    )
    assert "est prolongé jusqu'au" in page
    assert "Motif de la prolongation : Dix ans d'échanges." in page
    assert "Prolonger de deux mois" not in page  # once only
    with pytest.raises(PrivacyError, match="déjà prolongé"):
        privacy_request_extend(privacy_request=item, actor=admin_user, reason="Encore.")

    late = _received(40)
    with pytest.raises(PrivacyError, match="Le délai d'un mois est passé"):
        privacy_request_extend(privacy_request=late, actor=admin_user, reason="Trop tard.")
    assert "Prolonger de deux mois" not in _page(
        client, reverse("privacy:staff_request", args=[late.pk])
    )
    with pytest.raises(PrivacyError, match="trop long"):
        privacy_request_extend(privacy_request=_received(1), actor=admin_user, reason="x" * 1001)


def test_a_closed_request_is_not_extended(admin_user, moderator):
    item = _received(3)
    PrivacyRequest.objects.filter(pk=item.pk).update(status=PrivacyRequest.Status.DONE)
    with pytest.raises(PrivacyError, match="close"):
        privacy_request_extend(privacy_request=item, actor=admin_user, reason="Complexe.")
    with pytest.raises(PermissionError):
        privacy_request_extend(privacy_request=item, actor=moderator, reason="Complexe.")
