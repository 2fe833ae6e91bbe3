"""The answer and the strategy agree with each other (issue 13, point 6): an official can
send a draft back with a comment and sees what waits for her; a "non retenue" that actions
implement needs a public explanation; an action's budget reads the same on its page and on
the dashboard. Each test failed on main before."""

from __future__ import annotations

import html as html_lib

import pytest
from django.urls import reverse

from concerto.core.models import AuditEvent
from concerto.strategy.errors import StrategyError
from concerto.strategy.models import Decision, ProposalAnswer
from concerto.strategy.services import (
    answer_save,
    answer_send_back,
    answer_validate,
    answers_publish,
)
from tests.strategy.factories import action, answer_input, scenario

pytestmark = pytest.mark.django_db
State = ProposalAnswer.State


@pytest.fixture
def world(process, admin_user, analyst, official):
    return scenario(process, admin=admin_user, analyst=analyst, official=official)


def _text(response) -> str:
    return html_lib.unescape(response.content.decode()).replace("\xa0", " ").replace("\u202f", " ")


def _redraft(world, analyst, decision=Decision.PARTLY, **changes):
    proposal = world["proposals"][0]
    data = answer_input(decision, reason="Le budget 2025 a changé.", **changes)
    return answer_save(proposal=proposal, data=data, actor=analyst)


# --- Sending an answer back ------------------------------------------------------------------


def test_an_official_sends_a_draft_back_with_a_comment(
    process, world, analyst, official, client_for
):
    answer = _redraft(world, analyst)
    client = client_for("official")
    validate = reverse("strategy:answers_validate", kwargs={"slug": process.slug})
    # What waits for her, from her home page of the answer.
    index = _text(client.get(reverse("strategy:staff_index")))
    assert "1 réponse attend votre validation." in index
    assert validate in index
    page = _text(client.get(validate))
    url = reverse("strategy:answer_send_back", kwargs={"slug": process.slug, "pk": answer.pk})
    assert url in page
    response = client.post(url, {"comment": "Précisez le calendrier des guichets."}, follow=True)
    assert response.status_code == 200
    assert "est renvoyée à l'équipe qui la rédige" in _text(response)
    answer.refresh_from_db()
    assert answer.state == State.RETURNED
    assert answer.review_comment == "Précisez le calendrier des guichets."
    assert answer.returned_by == official
    event = AuditEvent.objects.get(action="answers.send_back")
    assert event.reason == "Précisez le calendrier des guichets."
    # The drafting team sees it, with the comment, and what waits for them.
    team = client_for("analyst")
    answers = _text(team.get(reverse("strategy:answers", kwargs={"slug": process.slug})))
    assert "Renvoyée pour modification" in answers
    assert "Commentaire de l'élu·e : Précisez le calendrier des guichets." in answers
    index = _text(team.get(reverse("strategy:staff_index")))
    assert "1 réponse renvoyée par un·e élu·e attend une nouvelle rédaction." in index
    # Sent back, it cannot be validated until redrafted; redrafted, it can.
    with pytest.raises(StrategyError, match="renvoyée pour modification"):
        answer_validate(answer=answer, actor=official)
    answer = _redraft(world, analyst)
    assert answer.state == State.DRAFT
    answer_validate(answer=answer, actor=official)


def test_an_empty_comment_is_refused_in_french_and_nothing_changes(
    process, world, analyst, client_for
):
    answer = _redraft(world, analyst)
    url = reverse("strategy:answer_send_back", kwargs={"slug": process.slug, "pk": answer.pk})
    response = client_for("official").post(url, {"comment": "   "})
    assert response.status_code == 400
    assert "Écrivez un commentaire pour dire ce qu'il faut changer" in _text(response)
    answer.refresh_from_db()
    assert answer.state == State.DRAFT
    assert not AuditEvent.objects.filter(action="answers.send_back").exists()


def test_only_an_official_sends_back_and_only_a_waiting_draft(
    process, world, analyst, official, client_for
):
    answer = _redraft(world, analyst)
    url = reverse("strategy:answer_send_back", kwargs={"slug": process.slug, "pk": answer.pk})
    for role in ("analyst", "admin", "moderator"):
        assert client_for(role).post(url, {"comment": "Non."}).status_code == 403
    with pytest.raises(StrategyError, match="élu"):
        answer_send_back(answer=answer, comment="Non.", actor=analyst)
    published = ProposalAnswer.objects.get(proposal=world["proposals"][1])
    with pytest.raises(StrategyError, match="n'attend pas de validation"):
        answer_send_back(answer=published, comment="Trop tard.", actor=official)
    assert client_for("official").get(url).status_code == 405


# --- "Non retenue" and the actions implementing it --------------------------------------------


def test_a_non_retained_answer_with_actions_needs_a_public_explanation(
    process, world, analyst, official, admin_user, client
):
    # P1 is implemented by the flagship action 1.1 (through its answer).
    answer = _redraft(world, analyst, Decision.NOT_RETAINED)
    with pytest.raises(StrategyError, match=r"1\.1") as refused:
        answer_validate(answer=answer, actor=official)
    assert "expliquez publiquement pourquoi" in str(refused.value)
    note = "La Ville ouvre les guichets sur ses propres crédits, hors de cette préconisation."
    answer = _redraft(world, analyst, Decision.NOT_RETAINED, actions_note=note)
    answer_validate(answer=answer, actor=official)
    answers_publish(process=process, actor=admin_user)
    answer.refresh_from_db()
    assert answer.current_version.actions_note == note
    page = _text(client.get(reverse("strategy:answer", kwargs={"slug": process.slug})))
    assert "Pourquoi des actions la mettent en œuvre malgré tout :" in page and note in page


def test_an_action_cannot_implement_a_published_non_retained_answer_without_explanation(
    world, admin_user
):
    # P3 was answered "non retenue", with no explanation.
    with pytest.raises(StrategyError, match="P3"):
        action(world["commitment"], admin=admin_user, proposals=[world["proposals"][2]])
    with pytest.raises(StrategyError, match="non retenue"):
        action(
            world["commitment"],
            admin=admin_user,
            answers=[ProposalAnswer.objects.get(proposal=world["proposals"][2])],
        )


# --- The budget, one computation --------------------------------------------------------------


def test_an_action_budget_reads_the_same_on_its_page_and_the_dashboard(process, world, client):
    flagship = world["flagship"]  # no budget line of its own; its sub-action has one
    page = _text(client.get(flagship.get_absolute_url()))
    assert "Pas de budget propre à cette action." not in page
    assert "son budget est celui de ses sous-actions" in page
    assert "80 000 € prévus, 50 000 € dépensés" in page
    board = _text(client.get(reverse("strategy:dashboard", kwargs={"slug": process.slug})))
    block = board[board.index(flagship.title) :]
    assert "80 000 € prévus, 50 000 € dépensés" in block[:2000]
    api = client.get(f"/api/processes/{process.slug}/actions/{flagship.code}").json()
    assert api["budget"]["planned"] in ("80000.00", "80000", 80000, 80000.0)
