"""The bad-input corpus through every API parameter (query and path) and the back-office
filters and decision forms (as a moderator, or an admin where only an admin may)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.urls import reverse

from concerto.contributions.models import Contribution
from concerto.contributions.moderation import contribution_moderate
from tests.factories import ContributionFactory
from tests.security.corpus import CORPUS, SHARP, form_safe
from tests.security.helpers import (
    assert_french_refusal,
    assert_no_server_error,
    assert_same_markup,
    html_of,
    markup_signature,
)

pytestmark = pytest.mark.django_db

API_FILTERS = ["question", "neighbourhood", "profile", "kind", "channel", "q", "limit", "offset"]


def test_api_query_and_path_parameters(client, site):
    slug = site.process.slug
    sharp = set(SHARP)
    for payload in CORPUS:
        value = form_safe(payload)
        segment = quote(value, safe="")
        # The whole corpus through the filters; the sharpest strings through the rest.
        requests = [(f"/api/processes/{slug}/contributions", dict.fromkeys(API_FILTERS, value))]
        if payload in sharp:
            requests += [
                (f"/api/processes/{slug}/contributions", {"q": value}),
                (f"/api/processes/{segment}", {}),
                (f"/api/processes/{segment}/questions", {}),
                (f"/api/processes/{segment}/contributions", {"q": value}),
                (f"/api/processes/{slug}/events", {"x": value}),
                (f"/api/events/{segment}", {}),
                (f"/api/contributions/{segment}", {}),
                ("/api/processes", {"x": value}),
            ]
        for url, params in requests:
            response = client.get(url, params)
            what = f"API {url} {payload[:40]!r}"
            assert_no_server_error(response, what)
            assert response.status_code in (200, 404, 422), what
            if response.status_code != 404:  # a 404 may be the site's page (empty slug)
                assert response["Content-Type"].startswith("application/json"), what


def test_backoffice_filters(client_for, site):
    moderator, admin = client_for("moderator"), client_for("admin")
    pages = [
        (moderator, reverse("backoffice:queue"), ["process", "status", "channel", "question"]),
        (moderator, reverse("backoffice:queue"), ["neighbourhood", "q", "page"]),
        (admin, reverse("backoffice:audit"), ["action", "actor", "page"]),
        (admin, reverse("privacy:staff_requests"), ["statut", "page"]),
    ]
    baselines = {url: markup_signature(html_of(c.get(url))) for c, url, _ in pages}
    for payload in SHARP:
        value = form_safe(payload)
        for client, url, names in pages:
            response = client.get(url, dict.fromkeys(names, value))
            what = f"{url} {names} {payload[:40]!r}"
            assert_no_server_error(response, what)
            assert response.status_code == 200, what
            signature = markup_signature(html_of(response))
            for key in ("scripts", "handlers", "javascript_urls"):
                assert signature[key] == baselines[url][key], (what, key)


def _pending(process) -> Contribution:
    return ContributionFactory(process=process, email="auteur@exemple.test")


def test_backoffice_decision_forms(client_for, site, moderator):
    client = client_for("moderator")
    public = client_for("anonymous")
    published = ContributionFactory(process=site.process, status=Contribution.Status.PUBLISHED)
    base_detail = markup_signature(html_of(public.get(published.get_absolute_url())))
    for payload in SHARP:
        value = form_safe(payload)
        short = f"{payload[:40]!r}"
        contribution = _pending(site.process)
        decide = reverse("backoffice:decide", kwargs={"pk": contribution.pk})
        # An unknown transition, a refusal with a bad reason, a request with the payload.
        for data in (
            {"transition": value},
            {"transition": "reject", "reason": value, "note": value},
            {"transition": "request_changes", "message": value},
        ):
            response = client.post(decide, data)
            what = f"décision {data['transition'][:20]!r} {short}"
            assert_no_server_error(response, what)
            if response.status_code == 400 and data["transition"] == value:
                assert "Action de modération inconnue" in html_of(response), what
            elif response.status_code == 400:
                assert_french_refusal(response, what)
            else:
                assert response.status_code == 302, what
        # The moderator's edited public text, then published: escaped on the public page.
        contribution = _pending(site.process)
        answer = contribution.answers.get()
        response = client.post(
            reverse("backoffice:public_texts", kwargs={"pk": contribution.pk}),
            {f"public_{answer.pk}": value},
        )
        what = f"texte publié {short}"
        assert_no_server_error(response, what)
        if response.status_code == 302:
            contribution_moderate(contribution=contribution, transition="publish", actor=moderator)
            page = public.get(contribution.get_absolute_url())
            assert page.status_code == 200, what
            assert_same_markup(html_of(page), base_detail, what)
        else:
            assert_french_refusal(response, what)
        # Bulk actions: never a 500, never a redirect off the back-office.
        response = client.post(
            reverse("backoffice:bulk"),
            {"ids": [value], "action": value, "reason": value, "note": value, "filters": value},
        )
        assert_no_server_error(response, f"actions groupées {short}")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("backoffice:queue"))


def test_admin_only_forms(client_for, site):
    client = client_for("admin")
    roles = reverse("backoffice:roles")
    staff_request = reverse("privacy:staff_request", kwargs={"pk": site.privacy_request.pk})
    for payload in SHARP:
        value = form_safe(payload)
        short = f"{payload[:40]!r}"
        for operation in ("grant", value):
            response = client.post(roles, {"email": value, "role": value, "operation": operation})
            assert_no_server_error(response, f"rôles {short}")
            assert response.status_code == 400
            assert_french_refusal(response, f"rôles {short}")
        for action in ("preview", value):
            response = client.post(
                staff_request,
                {"receipts": value, "email": value, "confirmation": value, "action": action},
            )
            assert_no_server_error(response, f"demande RGPD {short}")
            assert response.status_code in (200, 400)
        response = client.post(staff_request, {"action": "close", "status": value})
        assert_no_server_error(response, f"demande RGPD (clôture) {short}")
