"""The bad-input corpus through the public forms and the public GET parameters: never a 500,
never live HTML from user input, a French message when the input is refused."""

from __future__ import annotations

import uuid

import pytest
from django.urls import NoReverseMatch, reverse

from concerto.contributions.models import Contribution
from concerto.contributions.moderation import contribution_moderate, edit_token
from concerto.contributions.thanks import contribution_from_thanks_token
from concerto.privacy.models import PrivacyRequest
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

BENIGN = "Un texte ordinaire sur la vie du quartier."


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.CONCERTO_RATELIMIT_ENABLED = False


def contribution_data(process, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "proposal",
        "author_name": "Dominique",
        "email": "dominique@exemple.test",
        "neighbourhood": process.neighbourhoods.first().pk,
        "profile": "resident",
        "age_bracket": "26_40",
        "consent_publication": "on",
        "consent_processing": "on",
        "submission_token": str(uuid.uuid4()),
    }
    for question in process.questions.all():
        data[f"question_{question.number}"] = BENIGN
    data.update(overrides)
    return data


def _pages_of(client, response, moderator) -> tuple[str, str, Contribution]:
    """The thanks page, then the public detail page once published."""
    assert response.status_code == 302, response.status_code
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    # /demarches/<slug>/contribuer/merci/<signed token>/
    _empty, _demarches, slug, *_rest, token, _end = response["Location"].split("/")
    contribution = contribution_from_thanks_token(token, slug=slug)
    assert contribution is not None
    contribution_moderate(contribution=contribution, transition="publish", actor=moderator)
    detail = client.get(contribution.get_absolute_url())
    assert detail.status_code == 200
    return html_of(thanks), html_of(detail), contribution


def test_contribution_form_free_text_fields(client, process, moderator):
    """Every free-text field (the answers, the name) holds the payload at once."""
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    questions = [f"question_{q.number}" for q in process.questions.all()]
    thanks, detail, _ = _pages_of(client, client.post(url, contribution_data(process)), moderator)
    base_thanks, base_detail = markup_signature(thanks), markup_signature(detail)
    accepted = 0
    for payload in CORPUS:
        value = form_safe(payload)
        fields = dict.fromkeys([*questions, "author_name"], value)
        response = client.post(url, contribution_data(process, **fields))
        what = f"contribuer {payload[:40]!r}"
        assert_no_server_error(response, what)
        if response.status_code == 302:
            accepted += 1
            thanks, detail, contribution = _pages_of(client, response, moderator)
            assert_same_markup(thanks, base_thanks, f"{what} (merci)")
            assert_same_markup(detail, base_detail, f"{what} (détail)")
            stored = contribution.answers.order_by("question__number").first()
            assert stored is not None and "\x00" not in stored.text
        else:
            assert response.status_code == 400, what
            assert_french_refusal(response, what)
    assert accepted > len(CORPUS) // 2  # the corpus is mostly legitimate text


def test_contribution_form_choice_and_checked_fields(client, process):
    """Choice fields, the e-mail, the hidden token and the honeypot hold the payload."""
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    names = ["kind", "profile", "age_bracket", "neighbourhood", "email", "submission_token"]
    for payload in [*SHARP, *CORPUS[::4]]:
        value = form_safe(payload)
        response = client.post(url, contribution_data(process, **dict.fromkeys(names, value)))
        what = f"contribuer (choix) {payload[:40]!r}"
        assert_no_server_error(response, what)
        assert response.status_code == 400, what  # "kind" can never be valid here
        assert_french_refusal(response, what)
    assert Contribution.objects.count() == 0
    for payload in SHARP:
        response = client.post(url, contribution_data(process, website=form_safe(payload)))
        assert_no_server_error(response, "honeypot")
        if payload.strip():  # a blank honeypot is a person's
            assert response.status_code == 400
            assert_french_refusal(response, f"honeypot {payload[:40]!r}")


def test_author_edit_form(client, process, moderator):
    def to_edit() -> tuple[Contribution, str]:
        contribution = ContributionFactory(
            process=process,
            status=Contribution.Status.CHANGES_REQUESTED,
            email="auteur@exemple.test",
            edit_round=1,
        )
        return contribution, reverse(
            "contributions:author_edit", kwargs={"token": edit_token(contribution)}
        )

    contribution, url = to_edit()
    field = f"answer_{contribution.answers.get().pk}"
    baseline = markup_signature(html_of(client.get(url)))
    for payload in SHARP:
        contribution, url = to_edit()
        field = f"answer_{contribution.answers.get().pk}"
        response = client.post(url, {field: form_safe(payload)})
        what = f"modifier {payload[:40]!r}"
        assert_no_server_error(response, what)
        if response.status_code == 302:
            contribution.refresh_from_db()
            contribution_moderate(contribution=contribution, transition="publish", actor=moderator)
            detail = client.get(contribution.get_absolute_url())
            assert detail.status_code == 200, what
        else:
            assert response.status_code == 400, what
            assert_french_refusal(response, what)
            # The page shown again with the refused text keeps the markup of a blank one.
            assert markup_signature(html_of(response))["scripts"] == baseline["scripts"]
    # A forged or mangled token is a 404, never a 500.
    for payload in SHARP:
        token = form_safe(payload).replace("/", "")
        if not token:
            continue
        try:
            url = reverse("contributions:author_edit", kwargs={"token": token})
        except NoReverseMatch:  # the URL pattern refuses it: nothing to request
            continue
        assert client.get(url).status_code == 404


def test_privacy_request_form(client, site, admin_user):
    url = reverse("privacy:request")
    receipt = site.published.receipt_number
    staff = type(client)()
    staff.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    base = {"kind": PrivacyRequest.Kind.choices[0][0], "receipt": receipt, "email": ""}
    baseline = None
    for payload in ["Bonjour, merci.", *SHARP]:
        value = form_safe(payload)
        response = client.post(url, {**base, "message": value})
        what = f"demande (message) {payload[:40]!r}"
        assert_no_server_error(response, what)
        if response.status_code == 302:
            request = PrivacyRequest.objects.latest("pk")
            page = staff.get(reverse("privacy:staff_request", kwargs={"pk": request.pk}))
            assert page.status_code == 200, what
            if baseline is None:
                baseline = markup_signature(html_of(page))
            else:
                assert_same_markup(html_of(page), baseline, what)
        else:
            assert response.status_code == 400, what
            assert_french_refusal(response, what)
        for name in ("kind", "receipt", "email"):
            response = client.post(url, {**base, name: value})
            what = f"demande ({name}) {payload[:40]!r}"
            assert_no_server_error(response, what)
            if response.status_code != 302:
                assert_french_refusal(response, what)


def test_login_and_signup_forms(client):
    from axes.utils import reset
    from django.core.cache import cache

    login, signup = reverse("account_login"), reverse("account_signup")
    for payload in SHARP:
        value = form_safe(payload)
        response = client.post(login, {"login": value, "password": value})
        what = f"connexion {payload[:40]!r}"
        assert_no_server_error(response, what)
        assert response.status_code in (200, 400), what
        assert_french_refusal(response, what)
        reset()  # the lockouts and rate limits are not what this test is about
        cache.clear()
        response = client.post(signup, {"email": value, "password1": value, "password2": value})
        what = f"inscription {payload[:40]!r}"
        assert_no_server_error(response, what)
        if response.status_code != 302:
            assert_french_refusal(response, what)


def test_public_list_get_parameters(client, site):
    url = reverse("contributions:list", kwargs={"slug": site.process.slug})
    baseline = markup_signature(html_of(client.get(url)))
    params = ["q", "question", "neighbourhood", "profile", "kind", "channel", "page"]
    for payload in CORPUS:
        response = client.get(url, dict.fromkeys(params, form_safe(payload)))
        what = f"liste {payload[:40]!r}"
        assert_no_server_error(response, what)
        assert response.status_code == 200, what
        signature = markup_signature(html_of(response))
        for key in ("scripts", "handlers", "javascript_urls"):
            assert signature[key] == baseline[key], (what, key)


def test_invalid_utf8_in_forms_and_query_strings(client, site):
    """Bytes that are not UTF-8 (a lone surrogate, a truncated sequence, overlong forms)."""
    bad = ["%ED%A0%80", "%C3", "%C0%AF", "%FF%FE", "%00"]
    slug = site.process.slug
    urls = [
        reverse("contributions:list", kwargs={"slug": slug}),
        f"/api/processes/{slug}/contributions",
        reverse("processes:home"),
    ]
    for raw in bad:
        for url in urls:
            response = client.get(f"{url}?q={raw}&kind={raw}&page={raw}")
            assert_no_server_error(response, f"{url} {raw}")
        body = "&".join(
            f"{k}={raw}" for k in ("question_1", "author_name", "kind", "email", "message")
        )
        for url in (
            reverse("contributions:contribute", kwargs={"slug": slug}),
            reverse("privacy:request"),
        ):
            response = client.post(url, body, content_type="application/x-www-form-urlencoded")
            assert_no_server_error(response, f"POST {url} {raw}")
            assert response.status_code == 400
            assert_french_refusal(response, f"POST {url} {raw}")
