"""The receipt path page: /suivi/ and /suivi/<récépissé>/."""

from __future__ import annotations

import datetime as dt
import html as html_lib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concerto.contributions.models import Contribution
from concerto.contributions.thanks import thanks_url
from concerto.followup.links import path_url as signed_path_url
from concerto.processes.models import Channel
from concerto.strategy.models import Action, Decision
from tests.followup import factories as f

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return html_lib.unescape(response.content.decode())


def path_url(receipt: str) -> str:
    return reverse("followup:path", kwargs={"receipt": receipt})


def assert_no_personal_data(html: str, item: Contribution) -> None:
    assert f.AUTHOR_EMAIL not in html
    assert f.AUTHOR_NAME not in html
    assert "Camille Exemple" not in html
    assert "reconnaissable" not in html  # the contribution's text
    assert item.neighbourhood is None or item.neighbourhood.name not in html


def test_lookup_form_leads_to_the_path_page(client, process):
    item = f.contribution(process)
    response = client.get(reverse("followup:lookup"))
    assert response.status_code == 200
    assert "Numéro de récépissé" in page(response)
    response = client.get(
        reverse("followup:lookup"), {"numero": f"  {item.receipt_number.lower()} "}
    )
    assert response.status_code == 302
    assert response["Location"] == signed_path_url(item.receipt_number)
    assert response["Location"].startswith(path_url(item.receipt_number) + "?lien=")


def test_lookup_form_refuses_what_cannot_be_a_receipt(client):
    response = client.get(reverse("followup:lookup"), {"numero": "<script>"})
    assert response.status_code == 400
    assert "forme d'un numéro de récépissé" in page(response)
    response = client.get(reverse("followup:lookup"), {"numero": ""})
    assert response.status_code == 400
    assert "Indiquez votre numéro de récépissé" in page(response)


def test_unknown_receipt_is_a_clear_404_with_the_form(client, process):
    response = client.get(path_url("T9-2022-999999"))
    assert response.status_code == 404
    html = page(response)
    assert "Aucune contribution ne porte le numéro" in html
    assert 'name="numero"' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_unpublished_process_is_not_shown(client, process):
    item = f.contribution(process)
    process.is_published = False
    process.save()
    assert client.get(path_url(item.receipt_number)).status_code == 404


def test_received_contribution_without_anything_downstream(client, process):
    item = f.contribution(process, status=Contribution.Status.PENDING, channel=Channel.Kind.ONLINE)
    response = client.get(path_url(item.receipt_number))
    assert response.status_code == 200
    html = page(response)
    assert item.receipt_number in html
    assert "Reçue" in html
    assert "Question 1 — Question numéro 1 ?" in html
    assert "analyse des contributions est en cours" in html
    assert "Contribution reçue" in html
    assert "lire la contribution publiée" not in html
    assert_no_personal_data(html, item)


def test_full_path_with_themes_proposal_answer_and_action(client, process):
    chain = f.full_chain(
        process, submitted_at=f.aware(2022, 5, 20), published_at=f.aware(2022, 6, 1)
    )
    response = client.get(path_url(chain.contribution.receipt_number.lower()))
    assert response.status_code == 200
    html = page(response)
    assert_no_personal_data(html, chain.contribution)
    assert "Publiée" in html
    assert chain.contribution.get_absolute_url() in html
    assert "Accès aux droits" in html
    assert f'href="/demarches/{process.slug}/synthese/#P1"' in html
    assert "P1. Préconisation numéro 1" in html
    assert "<strong>retenue</strong>" in html
    assert f'href="/demarches/{process.slug}/reponse/#R1"' in html
    assert f'href="/demarches/{process.slug}/strategie/actions/1.1/"' in html
    assert "1.1. Action numéro 1" in html
    assert "en cours, 40 % réalisés" in html
    # The timeline, in date order.
    steps = [
        "Contribution reçue",
        "Publiée sur la plateforme",
        "Le rapport « Rapport des Assises » est publié : elle nourrit P1",
        "La Ville répond à la préconisation P1",
        "Action commencée : 1.1. Action numéro 1",
    ]
    positions = [html.index(step) for step in steps]
    assert positions == sorted(positions)
    assert html.index("1er juin 2022") < html.index("10 janvier 2023") < html.index("3 avril 2023")


def test_not_published_contribution_shows_only_its_status(client, process):
    chain = f.full_chain(
        process,
        status=Contribution.Status.REJECTED,
        rejection_reason=Contribution.RejectionReason.OFFENSIVE,
        moderation_note="Motif privé de la modération",
    )
    response = client.get(path_url(chain.contribution.receipt_number))
    assert response.status_code == 200
    html = page(response)
    assert "Non publiée" in html
    assert "Son texte n'est pas affiché" in html
    for hidden in (
        "Motif privé",
        "injurieux",
        "Accès aux droits",
        "P1.",
        "Action numéro 1",
        "Question numéro",
    ):
        assert hidden not in html
    assert_no_personal_data(html, chain.contribution)


def test_quote_and_sub_theme_lead_to_proposals_but_draft_themes_stay_private(client, process):
    item = f.contribution(process)
    parent = f.theme(process, "Santé mentale")
    child = f.theme(process, "Écoute de proximité", parent=parent)
    private = f.theme(process, "Thème de travail non publié")
    f.code(item, child)
    f.code(item, private)
    quote = f.code(item, f.theme(process, "Autre"), quote=True)
    rep = f.report(process)
    f.proposal(rep, 4, themes=[parent])
    f.proposal(rep, 7, quotes=[quote])
    withdrawn = f.proposal(rep, 9, themes=[parent])
    withdrawn.withdrawn = True
    withdrawn.save()
    f.publish_report(rep, f.aware(2023, 1, 10))
    f.proposal(rep, 11, themes=[parent])  # added after the publication: a draft
    html = page(client.get(path_url(item.receipt_number)))
    assert "P4. Préconisation numéro 4" in html
    assert "P7. Préconisation numéro 7" in html
    assert "Le rapport cite un extrait de cette contribution." in html
    assert "P9." not in html
    assert "P11." not in html
    assert "Santé mentale" in html
    assert "Thème de travail non publié" not in html
    assert "Réponse de la Ville : pas encore publiée." in html


def test_nothing_is_shown_before_the_report_is_published(client, process):
    item = f.contribution(process)
    guichets = f.theme(process, "Accès aux droits")
    f.code(item, guichets)
    rep = f.report(process)  # not published
    f.proposal(rep, 1, themes=[guichets])
    html = page(client.get(path_url(item.receipt_number)))
    assert "Accès aux droits" not in html
    assert "P1." not in html


def test_answer_versions_and_action_done_appear_in_the_timeline(client, process):
    chain = f.full_chain(process)
    f.new_answer_version(
        chain.answer, published_at=f.aware(2024, 2, 5), decision=Decision.PARTLY, reason="Budget."
    )
    Action.objects.filter(pk=chain.action.pk).update(
        status=Action.Status.DONE, progress=100, done_on=dt.date(2024, 6, 30)
    )
    html = page(client.get(path_url(chain.contribution.receipt_number)))
    assert "<strong>retenue en partie</strong>" in html
    assert "Nouvelle version (2) de la réponse à P1" in html
    assert "Action terminée : 1.1. Action numéro 1" in html
    assert "réalisée, 100 % réalisés" in html


def test_typed_receipt_addresses_are_rate_limited_with_a_page_that_says_so(
    client, process, settings
):
    settings.CONCERTO_FOLLOWUP_LOOKUP_RATE = 3
    item = f.contribution(process)
    for receipt in (item.receipt_number, "T9-2022-000001", "T9-2022-000002"):
        assert client.get(path_url(receipt)).status_code in (200, 404)
    response = client.get(path_url(item.receipt_number))
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    html = page(response)
    assert "numéros de récépissé" in html and "formulaires" not in html
    # The look-up form counts too: it is the same walk through the numbers.
    response = client.get(reverse("followup:lookup"), {"numero": item.receipt_number})
    assert response.status_code == 429


def test_links_given_by_the_site_are_never_rate_limited(client, process, settings):
    """A social centre's wifi: many people, one address, each following the link of a
    public contribution page (13.5)."""
    settings.CONCERTO_FOLLOWUP_LOOKUP_RATE = 2
    item = f.contribution(process)
    link = signed_path_url(item.receipt_number)
    assert link in page(client.get(item.get_absolute_url()))
    for _ in range(6):
        assert client.get(link).status_code == 200
    # A forged or foreign signature is a typed address: counted.
    other = f.contribution(process)
    forged = path_url(other.receipt_number) + "?lien=" + link.rsplit("=", 1)[1]
    assert client.get(forged).status_code == 200
    assert client.get(forged).status_code == 200
    assert client.get(forged).status_code == 429
    assert client.get(link).status_code == 200


def _chains(process, count: int) -> Contribution:
    item = f.contribution(process)
    rep = f.report(process)
    for number in range(1, count + 1):
        theme = f.theme(process, f"Thème {number}")
        f.code(item, theme)
        proposal = f.proposal(rep, number, themes=[theme])
        answer = f.answer(proposal, published_at=f.aware(2023, 3, 1))
        f.action(process, number, proposals=[proposal], started_on=dt.date(2023, 4, 1))
        f.action(process, 100 + number, answers=[answer], done_on=dt.date(2023, 9, 1))
    f.publish_report(rep, f.aware(2023, 1, 10))
    return item


@pytest.mark.parametrize("small,large", [(1, 12)])
def test_query_count_does_not_grow_with_the_path(client, small, large):
    from tests.factories import ProcessFactory

    counts = []
    for count in (small, large):
        item = _chains(ProcessFactory(), count)
        url = path_url(item.receipt_number)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert page(response).count("Action numéro") >= 2 * count
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    print("requêtes de la page du parcours :", counts)


def test_contribution_and_thanks_pages_link_to_the_path(client, process):
    item = f.contribution(process)
    link = signed_path_url(item.receipt_number)
    assert link in page(client.get(item.get_absolute_url()))
    html = page(client.get(thanks_url(item)))
    assert link in html
    assert "Vous serez informé·e des suites" in html
