from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concerto.contributions.models import Answer
from tests.factories import ProcessFactory
from tests.reading.conftest import add_image, make_contributions, published

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    return client.get(url, params)


def contributions_url(process) -> str:
    return f"/api/processes/{process.slug}/contributions"


def test_openapi_and_docs(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "Concerto API"
    assert schema["info"]["version"] == "1"
    assert set(schema["paths"]) == {
        "/api/processes",
        "/api/processes/{slug}",
        "/api/processes/{slug}/questions",
        "/api/processes/{slug}/contributions",
        "/api/contributions/{receipt}",
        "/api/processes/{slug}/events",
        "/api/events/{event_id}",
        "/api/processes/{slug}/report",
        "/api/processes/{slug}/report/proposals",
        "/api/processes/{slug}/report/figures",
        "/api/processes/{slug}/answers",
        "/api/processes/{slug}/commitments",
        "/api/processes/{slug}/actions",
        "/api/processes/{slug}/actions/{code}",
    }
    for path in schema["paths"].values():
        assert set(path) == {"get"}
    assert client.get("/api/docs").status_code == 200


def test_processes_only_published(client, process):
    ProcessFactory(is_published=False, slug="cachee")
    data = client.get("/api/processes").json()
    assert [p["slug"] for p in data] == [process.slug]
    assert client.get("/api/processes/cachee").status_code == 404
    assert client.get("/api/processes/cachee/questions").status_code == 404
    assert client.get("/api/processes/cachee/contributions").status_code == 404


def test_process_detail_and_questions(client, process):
    data = client.get(f"/api/processes/{process.slug}").json()
    assert data["title"] == process.title
    assert [n["slug"] for n in data["neighbourhoods"]] == ["q0", "q1", "q2"]
    assert [q["number"] for q in data["questions"]] == [1, 2, 3]
    assert data["channels"][0]["kind"] == "online"
    questions = client.get(f"/api/processes/{process.slug}/questions").json()
    assert questions[0] == {
        "number": 1,
        "title": "Question numéro 1 ?",
        "description": "",
        "prompts": "",
    }


def test_contributions_list_public_fields_only(client, process, hidden):
    contribution = published(
        process, author_name="Dominique", email="dominique@exemple.test", age_bracket="26_40"
    )
    response = client.get(contributions_url(process))
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["receipt_number"] == contribution.receipt_number
    assert item["author"] == "Dominique"
    assert item["neighbourhood"] == {"slug": "q0", "name": "Centre-ville"}
    assert item["answers"][0]["question"] == 1
    assert item["url"].endswith(contribution.get_absolute_url())
    body = response.content.decode()
    for secret in ("exemple.test", "submission_token", "moderation", "Motsecretinvisible"):
        assert secret not in body


def test_contributions_filters_and_search(client, process):
    north = process.neighbourhoods.get(slug="q1")
    a = published(process, text="Le tramway de nuit.", kind="testimony", neighbourhood=north)
    b = published(process, text="Des jardins partagés.", channel="paper", profile="volunteer")
    Answer.objects.create(contribution=b, question=process.questions.get(number=2), text="Oui.")
    url = contributions_url(process)

    def receipts(**params):
        response = client.get(url, params)
        assert response.status_code == 200, response.content
        return {item["receipt_number"] for item in response.json()["items"]}

    assert receipts() == {a.receipt_number, b.receipt_number}
    assert receipts(kind="testimony") == {a.receipt_number}
    assert receipts(neighbourhood="q1") == {a.receipt_number}
    assert receipts(neighbourhood="inconnu") == set()
    assert receipts(question=2) == {b.receipt_number}
    assert receipts(question=3) == set()
    assert receipts(channel="paper") == {b.receipt_number}
    assert receipts(profile="volunteer") == {b.receipt_number}
    assert receipts(q="tramway") == {a.receipt_number}
    assert receipts(q="jardins", channel="paper") == {b.receipt_number}
    assert receipts(q="jardins", channel="online") == set()


def test_pagination_limit_offset(client, process):
    make_contributions(process, 25)
    url = contributions_url(process)
    first = client.get(url, {"limit": 10}).json()
    assert first["count"] == 25
    assert len(first["items"]) == 10
    last = client.get(url, {"limit": 10, "offset": 20}).json()
    assert len(last["items"]) == 5
    assert {i["receipt_number"] for i in first["items"]}.isdisjoint(
        {i["receipt_number"] for i in last["items"]}
    )
    assert client.get(url, {"limit": 101}).status_code == 422
    assert client.get(url, {"limit": 0}).status_code == 422


@pytest.mark.parametrize(
    "params",
    [
        {"question": "abc"},
        {"question": "0"},
        {"question": str(10**30)},
        {"neighbourhood": "../etc"},
        {"neighbourhood": "a\x00b"},
        {"kind": "pirate"},
        {"channel": "pigeon"},
        {"profile": ""},
        {"limit": "-1"},
        {"limit": str(10**30)},
        {"offset": "-5"},
        {"offset": str(10**30)},
        {"q": "x" * 2000},
    ],
)
def test_bad_parameters_are_422(client, process, params):
    response = client.get(contributions_url(process), params)
    assert response.status_code == 422, response.content


@pytest.mark.parametrize("q", ["\x00", "a\x00b", '"', "-", "!!! & | :* <-> ( )", "or", "é" * 200])
def test_odd_searches_never_500(client, process, q):
    published(process)
    response = client.get(contributions_url(process), {"q": q})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/processes/%00",
        "/api/processes/inconnue",
        "/api/processes/inconnue/contributions",
        "/api/contributions/inconnu",
        "/api/contributions/%00",
        "/api/contributions/" + "A" * 500,
    ],
)
def test_unknown_things_are_404(client, process, url):
    assert client.get(url).status_code == 404


def test_contribution_detail(client, process, hidden):
    contribution = published(process, age_bracket="26_40")
    image = add_image(contribution)
    data = client.get(f"/api/contributions/{contribution.receipt_number}").json()
    assert data["receipt_number"] == contribution.receipt_number
    assert data["process"] == process.slug
    assert "age_bracket" not in data  # never published
    assert data["attachments"] == [
        {"kind": "image", "url": data["url"] + f"fichiers/{image.pk}/"},
    ]
    for contribution in hidden:
        response = client.get(f"/api/contributions/{contribution.receipt_number}")
        assert response.status_code == 404


def test_contribution_of_unpublished_process_is_404(client):
    process = ProcessFactory(is_published=False)
    contribution = published(process)
    assert client.get(f"/api/contributions/{contribution.receipt_number}").status_code == 404


def test_unpublished_never_in_lists(client, process, hidden):
    visible = published(process)
    data = client.get(contributions_url(process), {"limit": 100}).json()
    assert [i["receipt_number"] for i in data["items"]] == [visible.receipt_number]
    assert client.get(contributions_url(process), {"q": "Motsecretinvisible"}).json() == {
        "items": [],
        "count": 0,
    }


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
        assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "params",
    [{}, {"limit": 100}, {"q": "logement", "kind": "proposal", "question": 2}, {"offset": 1}],
)
def test_contribution_list_queries_do_not_grow(client, process, params):
    url = contributions_url(process)
    make_contributions(process, 3)
    few = _queries(client, url, params)
    make_contributions(process, 30)
    assert _queries(client, url, params) == few <= 5


def test_other_endpoints_queries_do_not_grow(client, process):
    contribution = make_contributions(process, 3)[0]
    urls = [
        "/api/processes",
        f"/api/processes/{process.slug}",
        f"/api/processes/{process.slug}/questions",
        f"/api/contributions/{contribution.receipt_number}",
    ]
    few = [_queries(client, url) for url in urls]
    make_contributions(process, 30)
    ProcessFactory.create_batch(5)
    assert [_queries(client, url) for url in urls] == few


def test_responses_are_json(client, process):
    response = client.get("/api/processes")
    assert response["Content-Type"].startswith("application/json")
    assert isinstance(json.loads(response.content), list)
