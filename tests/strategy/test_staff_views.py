"""The back-office pages, across personas: the analyst drafts, the official validates (one
or all), the admin publishes; the admin builds the strategy, the analyst updates it. Bad
input is refused with a French message and nothing changes."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from concerto.strategy.models import (
    Action,
    ActionChange,
    AnswerPublication,
    BudgetLine,
    Commitment,
    IndicatorMeasure,
    Milestone,
    ProposalAnswer,
)
from tests.strategy.factories import action, commitment

pytestmark = pytest.mark.django_db
State = ProposalAnswer.State


def _answer_post(number: int, **changes: str) -> dict[str, str]:
    data = {
        "decision": "retained",
        "justification": "Retenue : un guichet par quartier prioritaire.",
        "official": "Adjointe aux solidarités",
        "service": "CCAS",
        "decided_on": "2023-06-30",
        "reason": "",
    }
    data.update(changes)
    return {f"p{number}-{key}": value for key, value in data.items()}


def _text(response) -> str:
    text = html.unescape(response.content.decode())
    return text.replace("\xa0", " ").replace("\u202f", " ")


def test_answer_flow_across_personas(client_for, process, proposals):
    slug = process.slug
    analyst = client_for("analyst")
    listing = analyst.get(reverse("strategy:answers", kwargs={"slug": slug}))
    assert listing.status_code == 200
    html = _text(listing)
    assert "P1. Préconisation numéro 1" in html and 'name="p3-justification"' in html
    for proposal in proposals:
        response = analyst.post(
            reverse("strategy:answer_edit", kwargs={"slug": slug, "number": proposal.number}),
            _answer_post(proposal.number),
        )
        assert response.status_code == 302
    assert set(ProposalAnswer.objects.values_list("state", flat=True)) == {State.DRAFT}
    # The analyst may not validate nor publish.
    assert (
        analyst.post(
            reverse("strategy:answers_validate", kwargs={"slug": slug}), {"all": "1"}
        ).status_code
        == 403
    )
    assert (
        analyst.post(reverse("strategy:answers_publish", kwargs={"slug": slug})).status_code == 403
    )
    # The admin may not validate either (only an elected official).
    admin = client_for("admin")
    assert (
        admin.post(
            reverse("strategy:answers_validate", kwargs={"slug": slug}), {"all": "1"}
        ).status_code
        == 403
    )
    # Publishing before the validation is refused, with a message.
    response = admin.post(reverse("strategy:answers_publish", kwargs={"slug": slug}))
    assert response.status_code == 400 and "validée par un·e élu·e" in _text(response)
    # The official sees the list to validate, validates one, then all the others.
    official = client_for("official")
    page = official.get(reverse("strategy:answers_validate", kwargs={"slug": slug}))
    assert page.status_code == 200 and "3 réponses attendent votre validation" in _text(page)
    first = ProposalAnswer.objects.get(proposal=proposals[0])
    response = official.post(
        reverse("strategy:answers_validate", kwargs={"slug": slug}), {"answer": first.pk}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.state == State.VALIDATED
    official.post(reverse("strategy:answers_validate", kwargs={"slug": slug}), {"all": "1"})
    assert set(ProposalAnswer.objects.values_list("state", flat=True)) == {State.VALIDATED}
    # The official cannot publish; the admin can.
    assert (
        official.post(reverse("strategy:answers_publish", kwargs={"slug": slug})).status_code == 403
    )
    response = admin.post(reverse("strategy:answers_publish", kwargs={"slug": slug}))
    assert response.status_code == 302
    assert AnswerPublication.objects.get(process=process).number == 1
    public = client_for("anonymous").get(reverse("strategy:answer", kwargs={"slug": slug}))
    assert public.status_code == 200 and "P3" in _text(public)


def test_bad_answer_input_is_refused_on_the_form(client_for, process, proposals):
    analyst = client_for("analyst")
    url = reverse("strategy:answer_edit", kwargs={"slug": process.slug, "number": 1})
    response = analyst.post(url, _answer_post(1, justification="", decided_on="31/02/2023"))
    assert response.status_code == 400
    html = _text(response)
    assert "Le formulaire contient des erreurs" in html and "Saisissez une date" in html
    assert not ProposalAnswer.objects.exists()


def test_changing_a_published_answer_asks_for_a_reason(
    client_for, process, proposals, analyst, official, admin_user
):
    from tests.strategy.factories import publish_answers

    publish_answers(process, proposals, analyst=analyst, official=official, admin=admin_user)
    client = client_for("analyst")
    url = reverse("strategy:answer_edit", kwargs={"slug": process.slug, "number": 2})
    form = _text(client.get(url))
    assert 'name="p2-reason"' in form and "Motif du changement" in form
    response = client.post(url, _answer_post(2, decision="partly"))
    assert response.status_code == 400 and "indiquez le motif" in _text(response)
    response = client.post(url, _answer_post(2, decision="partly", reason="Budget réduit."))
    assert response.status_code == 302
    answer = ProposalAnswer.objects.get(proposal=proposals[1])
    assert answer.state == State.DRAFT and answer.version == 1
    assert answer.change_reason == "Budget réduit."


def test_strategy_crud_by_the_admin(client_for, process, proposals):
    admin = client_for("admin")
    slug = process.slug
    response = admin.post(
        reverse("strategy:commitment_create", kwargs={"slug": slug}),
        {
            "title": "Renforcer l'accès aux droits",
            "description": "Engagement n° 2 de la stratégie.",
        },
    )
    assert response.status_code == 302
    engagement = Commitment.objects.get(process=process)
    nord = process.neighbourhoods.get(slug="q1")
    response = admin.post(
        reverse("strategy:action_create", kwargs={"pk": engagement.pk}),
        {
            "title": "Trois guichets CCAS de proximité",
            "is_flagship": "on",
            "lead_service": "CCAS",
            "neighbourhoods": [nord.pk],
            "start_date": "2023-07-01",
            "end_date": "2026-12-31",
            "progress_weighting": "budget",
            "proposals": [proposals[0].pk],
        },
    )
    assert response.status_code == 302, _text(response)
    created = Action.objects.get(process=process)
    assert created.code == "1.1" and created.is_flagship
    assert list(created.proposals.all()) == [proposals[0]]
    # Dates the wrong way round: refused on the form.
    response = admin.post(
        reverse("strategy:action_edit", kwargs={"pk": created.pk}),
        {
            "title": created.title,
            "start_date": "2026-01-01",
            "end_date": "2024-01-01",
            "progress_weighting": "budget",
        },
    )
    assert response.status_code == 400 and "précède" in _text(response)
    created.refresh_from_db()
    assert created.start_date.year == 2023
    # The analyst updates, but does not manage.
    analyst = client_for("analyst")
    assert (
        analyst.get(reverse("strategy:action_update", kwargs={"pk": created.pk})).status_code == 200
    )
    assert (
        analyst.get(reverse("strategy:action_edit", kwargs={"pk": created.pk})).status_code == 403
    )
    assert (
        analyst.get(reverse("strategy:commitment_create", kwargs={"slug": slug})).status_code == 403
    )
    # A commitment with actions is not deleted.
    response = admin.post(reverse("strategy:commitment_delete", kwargs={"pk": engagement.pk}))
    assert response.status_code == 302 and Commitment.objects.filter(pk=engagement.pk).exists()
    admin.post(reverse("strategy:action_delete", kwargs={"pk": created.pk}))
    admin.post(reverse("strategy:commitment_delete", kwargs={"pk": engagement.pk}))
    assert not Commitment.objects.exists()


def test_update_page_forms(client_for, process, admin_user):
    target = action(commitment(process, admin=admin_user), admin=admin_user)
    analyst = client_for("analyst")
    page = reverse("strategy:action_update", kwargs={"pk": target.pk})

    def post(name: str, data: dict[str, str], prefix: str):
        return analyst.post(
            reverse(f"strategy:{name}", kwargs={"pk": target.pk}),
            {f"{prefix}-{k}": v for k, v in data.items()},
        )

    assert (
        post(
            "action_progress", {"status": "in_progress", "progress": "30"}, "avancement"
        ).status_code
        == 302
    )
    response = post("action_progress", {"status": "in_progress", "progress": "10"}, "avancement")
    assert response.status_code == 400 and "recule" in _text(response)
    response = post("action_progress", {"status": "in_progress", "progress": "140"}, "avancement")
    assert response.status_code == 400 and "entre 0 et 100" in _text(response)
    response = post("action_progress", {"status": "abandoned", "progress": "30"}, "avancement")
    assert response.status_code == 400 and "motif" in _text(response)
    target.refresh_from_db()
    assert (target.status, target.progress) == ("in_progress", 30)

    assert (
        post("milestone_add", {"title": "Ouverture", "due_on": "2024-01-15"}, "jalon").status_code
        == 302
    )
    milestone = Milestone.objects.get(action=target)
    response = analyst.post(reverse("strategy:milestone_done", kwargs={"pk": milestone.pk}))
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done

    money = {"year": "2024", "planned": "100000", "committed": "50000", "spent": "-5"}
    response = post("budget_save", money, "budget")
    assert response.status_code == 400 and "négatif" in _text(response)
    money["spent"] = "60000"
    response = post("budget_save", money, "budget")
    assert response.status_code == 400 and "dépasse l'engagé" in _text(response)
    money["reason"] = "Avance sur 2025."
    assert post("budget_save", money, "budget").status_code == 302
    assert BudgetLine.objects.get(action=target).spent == 60000

    indicator = {"name": "Ménages reçus", "unit": "ménages", "baseline": "0", "target": "500"}
    assert post("indicator_add", indicator, "indicateur").status_code == 302
    measure = {
        "indicator": str(target.indicators.get().pk),
        "measured_on": "2024-06-30",
        "value": "120",
    }
    assert post("measure_add", measure, "mesure").status_code == 302
    assert IndicatorMeasure.objects.get().value == 120
    html = _text(analyst.get(page))
    assert "Avance sur 2025." in html and "Ménages reçus" in html
    fields = set(ActionChange.objects.filter(action=target).values_list("field", flat=True))
    assert {
        "status",
        "progress",
        "milestone",
        "milestone_done",
        "budget",
        "indicator",
        "measure",
    } <= fields
    # The public action page shows the timeline.
    public = _text(client_for("anonymous").get(target.get_absolute_url()))
    assert "Avance sur 2025." in public and "Historique" in public


@pytest.mark.parametrize("persona", ["moderator", "official", "resident"])
def test_update_posts_refused_without_the_permission(client_for, process, admin_user, persona):
    target = action(commitment(process, admin=admin_user), admin=admin_user)
    response = client_for(persona).post(
        reverse("strategy:action_progress", kwargs={"pk": target.pk}),
        {"avancement-status": "done", "avancement-progress": "100"},
    )
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.status == "planned"
