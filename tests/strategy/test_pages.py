"""The public pages: the answer, the dashboard, an action, the exports; and the thread
from a contribution to the actions."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from concerto.strategy.models import Action
from concerto.strategy.thread import thread_for
from tests.strategy.factories import scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(process, admin_user, analyst, official):
    return scenario(process, admin=admin_user, analyst=analyst, official=official)


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode().replace("\xa0", " ").replace("\u202f", " ")


def test_answer_page(client, process, world):
    html = _text(client.get(reverse("strategy:answer", kwargs={"slug": process.slug})))
    assert "La réponse de la Ville" in html
    assert f'href="/demarches/{process.slug}/synthese/#P1"' in html
    assert 'id="R1"' in html and 'id="R3"' in html
    assert "Retenue" in html and "Retenue en partie" in html and "Non retenue" in html
    # The action implementing P1 (through its answer) is linked from it.
    assert world["flagship"].get_absolute_url() in html


def test_dashboard(client, process, world):
    url = reverse("strategy:dashboard", kwargs={"slug": process.slug})
    html = _text(client.get(url))
    flagship, other = world["flagship"], world["other"]
    assert flagship.title in html and other.title in html
    assert html.index(flagship.title) < html.index(other.title)  # flagship first
    assert '<progress max="100" value="' in html and 'aria-label="Avancement' in html
    assert "80 000 €" in html  # the budget table
    # Filter by neighbourhood: the action of Nantes Nord (or its sub-actions), and the
    # actions for the whole city, which concern every quartier (13.6), marked as such.
    html = _text(client.get(url, {"quartier": "q1"}))
    assert flagship.title in html and other.title in html
    assert "Toute la ville" in html[html.index(other.title) :]
    html = _text(client.get(url, {"quartier": "q0"}))
    assert flagship.title not in html and other.title in html
    html = _text(client.get(url, {"statut": "done"}))
    assert flagship.title not in html  # the sub-action is done, not the action
    # Unknown values are ignored, with a message, never an error.
    html = _text(client.get(url, {"statut": "fini", "quartier": "nulle-part"}))
    assert "ignoré" in html and flagship.title in html


def test_action_page(client, process, world):
    flagship = world["flagship"]
    html = _text(client.get(flagship.get_absolute_url()))
    assert flagship.title in html
    assert "Premier guichet ouvert" in html and "Troisième guichet" in html
    assert "<svg" in html and "Ménages reçus aux guichets" in html and "1 320" in html
    assert "P1" in html and "Accès aux droits" in html
    # Two published contributions behind P1 (coded under its theme or a sub-theme), the
    # unpublished one is not counted nor shown.
    assert "<strong>2 contributions publiées</strong>" in html
    c1, _c2, c3, _c4 = world["contributions"]
    assert c1.receipt_number in html and c3.receipt_number not in html
    assert "Historique" in html and "Calculé à partir" in html
    # Nothing personal about staff on the public page.
    assert "analyse@exemple.test" not in html and "admin@exemple.test" not in html


def test_sub_action_page_and_unknown_action(client, process, world):
    assert _text(client.get(world["sub"].get_absolute_url()))
    url = reverse("strategy:action", kwargs={"slug": process.slug, "code": "9.9"})
    assert client.get(url).status_code == 404


def test_pages_404_before_anything_is_published(client):
    from tests.factories import ProcessFactory

    empty = ProcessFactory()
    for name in ("answer", "dashboard", "answer_pdf"):
        assert (
            client.get(reverse(f"strategy:{name}", kwargs={"slug": empty.slug})).status_code == 404
        )


def test_exports(client, process, world):
    response = client.get(reverse("strategy:export_csv", kwargs={"slug": process.slug}))
    assert response.status_code == 200 and response.streaming
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["code"] for r in rows] == ["1.1", "1.1.1", "1.2"]
    flagship = rows[0]
    assert flagship["is_flagship"] == "true" and flagship["proposals"] == ""
    assert rows[1]["budget_spent"] == "50000.00" and rows[1]["status"] == "done"
    response = client.get(reverse("strategy:export_json", kwargs={"slug": process.slug}))
    data = json.loads(b"".join(response.streaming_content))
    assert data[0]["code"] == "1.1" and data[0]["milestones_total"] == 2
    assert data[0]["progress"] == 100  # computed from its only sub-action


def test_process_page_links_to_the_answer_and_the_strategy(client, process, world):
    html = _text(client.get(process.get_absolute_url()))
    assert reverse("strategy:answer", kwargs={"slug": process.slug}) in html
    assert reverse("strategy:dashboard", kwargs={"slug": process.slug}) in html


def test_thread_for_a_contribution(process, world, django_assert_max_num_queries):
    c1, c2, _c3, c4 = world["contributions"]
    with django_assert_max_num_queries(9):
        thread = thread_for(c1.pk)
    assert thread.themes == ["Accès aux droits"]
    assert [p.code for p in thread.proposals] == ["P1"]
    item = thread.proposals[0]
    assert item.via_quote and item.answer.decision == "retained"
    assert item.url.endswith("#P1")
    assert [a.code for a in item.actions] == ["1.1"]
    assert [a.pk for a in thread.actions] == [world["flagship"].pk]
    # Coded under a sub-theme: the proposal citing the parent theme builds on it too.
    thread = thread_for(c2.pk)
    assert [p.code for p in thread.proposals] == ["P1"] and not thread.proposals[0].via_quote
    # The isolation contribution leads to P2, answered, but implemented by no action.
    thread = thread_for(c4.pk)
    assert [p.code for p in thread.proposals] == ["P2"] and thread.actions == []


def test_thread_of_an_uncoded_contribution(process, world):
    from tests.factories import ContributionFactory

    thread = thread_for(ContributionFactory(process=process).pk)
    assert thread.themes == [] and thread.proposals == [] and thread.actions == []


def test_action_linked_directly_to_a_proposal(process, world, admin_user, client):
    from tests.strategy.factories import action

    direct = action(
        world["commitment"], admin=admin_user, title="Directe", proposals=[world["proposals"][1]]
    )
    _c1, _c2, _c3, c4 = world["contributions"]
    assert [a.pk for a in thread_for(c4.pk).actions] == [direct.pk]
    assert Action.objects.filter(proposals=world["proposals"][1]).exists()
