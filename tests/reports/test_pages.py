"""The public pages of the report, its open data and API, and the editor's pages (forms,
bad input answered in French with nothing changed)."""

from __future__ import annotations

import csv
import html
import io
import json

import pytest
from django.urls import reverse

from concerto.reports.models import Figure, Proposal, Report, Stake
from concerto.reports.publication import report_publish
from concerto.reports.tasks import build_report_pdf
from tests.factories import ProcessFactory
from tests.reports.factories import QUOTE_TEXTS, quote, theme

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def version(built, admin_user):
    return report_publish(report=built.report, note="Première publication", actor=admin_user)


def test_nothing_published_is_404(client, built):
    slug = built.process.slug
    for url in (
        reverse("reports:latest", kwargs={"slug": slug}),
        reverse("reports:version", kwargs={"slug": slug, "number": 1}),
        reverse("reports:pdf", kwargs={"slug": slug, "number": 1}),
        reverse("reports:proposals_csv", kwargs={"slug": slug}),
        reverse("reports:proposals_json", kwargs={"slug": slug}),
        f"/api/processes/{slug}/report",
        f"/api/processes/{slug}/report/proposals",
        f"/api/processes/{slug}/report/figures",
    ):
        assert client.get(url).status_code == 404, url
    page = text(client.get(built.process.get_absolute_url()))
    assert "rapport de synthèse" not in page.lower()


def test_public_page(client, built, version):
    url = reverse("reports:latest", kwargs={"slug": built.process.slug})
    page = text(client.get(url))
    assert built.report.title in page
    for proposal in built.proposals:
        assert f'id="{proposal.code}"' in page
        assert proposal.title in page
    for coding in built.quotes:
        assert coding.excerpt in page
        assert coding.answer.contribution.get_absolute_url() in page
    assert 'role="img"' in page and "<caption>" in page
    assert "PDF en préparation" in page
    assert "Enjeu 1 : Vivre dignement" in page
    assert "Méthode" in page and "Aucun échantillon" in page
    # The process page links to it.
    process_page = text(client.get(built.process.get_absolute_url()))
    assert url in process_page


def test_withdrawn_proposals_keep_their_number(client, built, admin_user):
    from concerto.reports import services

    services.proposal_withdraw(proposal=built.proposals[1], reason="Fusionnée.", actor=admin_user)
    report_publish(report=built.report, actor=admin_user)
    page = client.get(reverse("reports:latest", kwargs={"slug": built.process.slug}))
    body = text(page)
    start = body.index('id="P2"')
    assert "retirée" in body[start : start + 400]
    assert "Dans chaque quartier." not in body  # the text of a withdrawn proposal


def test_versions_are_listed_and_viewable(client, built, admin_user, version):
    built.report.title = "Rapport révisé"
    built.report.save()
    report_publish(report=built.report, note="Correction du titre", actor=admin_user)
    slug = built.process.slug
    latest = text(client.get(reverse("reports:latest", kwargs={"slug": slug})))
    assert "Rapport révisé" in latest and "Correction du titre" in latest
    assert reverse("reports:version", kwargs={"slug": slug, "number": 1}) in latest
    old = client.get(reverse("reports:version", kwargs={"slug": slug, "number": 1}))
    body = text(old)
    assert "Rapport des Assises de test" in body
    assert "qui n'est pas la plus récente" in body
    assert (
        client.get(reverse("reports:version", kwargs={"slug": slug, "number": 9})).status_code
        == 404
    )


def test_pdf_link_once_built(client, built, version):
    build_report_pdf.call(version.pk)
    slug = built.process.slug
    page = text(client.get(reverse("reports:latest", kwargs={"slug": slug})))
    assert reverse("reports:pdf", kwargs={"slug": slug, "number": 1}) in page
    assert "PDF en préparation" not in page


def test_unpublished_process_hides_the_report(client, built, version):
    type(built.process).objects.filter(pk=built.process.pk).update(is_published=False)
    url = reverse("reports:latest", kwargs={"slug": built.process.slug})
    assert client.get(url).status_code == 404


def test_open_data(client, built, version):
    slug = built.process.slug
    response = client.get(reverse("reports:proposals_csv", kwargs={"slug": slug}))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(text(response))))
    assert [r["code"] for r in rows] == ["P1", "P2", "P3"]
    assert rows[1]["stake"] == "Mieux accéder à ses droits"
    assert rows[1]["url"].endswith("/synthese/#P2")
    data = json.loads(client.get(reverse("reports:proposals_json", kwargs={"slug": slug})).content)
    assert data[0]["title"] == built.proposals[0].title
    assert data[0]["withdrawn"] is False


def test_csv_injection_is_neutralised(client, built, admin_user):
    from concerto.reports import services

    services.proposal_create(stake=built.stakes[0], title="=1+1", actor=admin_user)
    report_publish(report=built.report, actor=admin_user)
    response = client.get(reverse("reports:proposals_csv", kwargs={"slug": built.process.slug}))
    assert "'=1+1" in text(response)


def test_api(client, built, version):
    slug = built.process.slug
    data = client.get(f"/api/processes/{slug}/report").json()
    assert data["version"] == 1 and data["pdf_url"] is None
    assert [p["code"] for p in data["proposals"]] == ["P1", "P2", "P3"]
    assert {f["key"] for f in data["figures"]} == {
        "overview",
        "contributions_by_channel",
        "themes_by_neighbourhood",
        "contributions_by_neighbourhood",
    }
    proposals = client.get(f"/api/processes/{slug}/report/proposals").json()
    assert proposals == data["proposals"]
    figures = client.get(f"/api/processes/{slug}/report/figures").json()
    overview = next(f for f in figures if f["key"] == "overview")
    assert overview["stake_number"] is None
    assert overview["values"] == version.content["figures"][0]["values"]


# --- The editor's pages ---------------------------------------------------------------------


def test_statistics_page(client_for, built):
    client = client_for("analyst")
    url = reverse("reports:statistics", kwargs={"slug": built.process.slug})
    page = text(client.get(url))
    assert "Thèmes par quartier" in page and "(pondéré)" not in page
    weighted = text(client.get(url + "?ponderation=1"))
    assert "Thèmes par quartier (pondéré)" in weighted
    assert weighted.count('role="img"') >= 10


def test_create_the_report_through_the_page(client_for, process):
    client = client_for("analyst")
    url = reverse("reports:editor", kwargs={"slug": process.slug})
    response = client.post(url, {"title": "", "introduction": "x"})
    assert response.status_code == 400
    assert "obligatoire" in text(response)
    assert not Report.objects.exists()
    response = client.post(url, {"title": "Rapport", "introduction": "Intro", "method": ""})
    assert response.status_code == 302
    assert Report.objects.get().title == "Rapport"


def test_stake_page_and_forms(client_for, built):
    client = client_for("analyst")
    stake = built.stakes[0]
    page = text(client.get(reverse("reports:stake", kwargs={"pk": stake.pk})))
    assert "P1" in page and "Seniors isolés" in page
    response = client.post(
        reverse("reports:stake", kwargs={"pk": stake.pk}),
        {"title": "Enjeu renommé", "summary": "", "themes": [built.themes[2].pk]},
    )
    assert response.status_code == 302
    stake.refresh_from_db()
    assert stake.title == "Enjeu renommé"
    assert list(stake.themes.all()) == [built.themes[2]]
    # A theme of another process is not a valid choice.
    foreign = theme(ProcessFactory(), "Ailleurs")
    response = client.post(
        reverse("reports:stake", kwargs={"pk": stake.pk}),
        {"title": "Autre", "themes": [foreign.pk]},
    )
    assert response.status_code == 400
    assert "Thème inconnu" in text(response)
    stake.refresh_from_db()
    assert stake.title == "Enjeu renommé"


def test_proposal_pages(client_for, built):
    client = client_for("analyst")
    proposal = built.proposals[0]
    url = reverse("reports:proposal", kwargs={"pk": proposal.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Titre revu", "text": "", "stake": built.stakes[1].pk})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.title, proposal.stake, proposal.number) == ("Titre revu", built.stakes[1], 1)
    withdraw = reverse("reports:proposal_withdraw", kwargs={"pk": proposal.pk})
    response = client.post(withdraw, {"reason": ""}, follow=True)
    assert "Indiquez pourquoi" in text(response)
    proposal.refresh_from_db()
    assert not proposal.withdrawn
    client.post(withdraw, {"reason": "Doublon."})
    proposal.refresh_from_db()
    assert proposal.withdrawn and proposal.number == 1
    client.post(withdraw, {"action": "restore"})
    proposal.refresh_from_db()
    assert not proposal.withdrawn
    # A new proposal gets the next number.
    client.post(
        reverse("reports:proposal_create", kwargs={"pk": built.stakes[0].pk}), {"title": "Nouvelle"}
    )
    assert Proposal.objects.get(title="Nouvelle").code == "P4"


def test_quote_picker(client_for, built, analyst):
    client = client_for("analyst")
    finding = built.stakes[0].findings.first()
    url = reverse("reports:finding_quotes", kwargs={"pk": finding.pk})
    page = text(client.get(url))
    # Filtered by the stake's theme (« Isolement » and its sub-theme): not « Accès aux droits ».
    droits = [c for c in built.quotes if c.theme == built.themes[2]]
    attached = set(finding.quotes.values_list("pk", flat=True))
    for coding in built.quotes:
        if coding.pk in attached:
            continue
        shown = coding.excerpt in page
        assert shown == (coding not in droits), coding
    all_page = text(client.get(url + "?tous=1"))
    assert all(c.excerpt in all_page for c in droits)
    # Attach, then refuse bad input with a French message.
    extra = quote(built.process, built.themes[0], analyst, QUOTE_TEXTS[2], "épicerie solidaire")
    assert client.post(url, {"action": "attach", "coding": extra.pk}).status_code == 302
    assert finding.quotes.filter(pk=extra.pk).exists()
    other = ProcessFactory()
    foreign = quote(other, theme(other, "Ailleurs"), analyst, QUOTE_TEXTS[3], "à qui s'adresser")
    response = client.post(url, {"action": "attach", "coding": foreign.pk})
    assert response.status_code == 400
    assert "autre démarche" in text(response)
    for bad in ("", "abc", "-1", "99999999", "1" * 40):
        response = client.post(url, {"action": "attach", "coding": bad})
        assert response.status_code == 400
        assert "Citation introuvable" in text(response)
    assert not finding.quotes.filter(pk=foreign.pk).exists()
    client.post(url, {"action": "detach", "coding": extra.pk})
    assert not finding.quotes.filter(pk=extra.pk).exists()


def test_figure_forms(client_for, built):
    client = client_for("analyst")
    url = reverse("reports:figure_add", kwargs={"slug": built.process.slug})
    before = Figure.objects.count()
    response = client.post(url, {"key": "cle_inventee"}, follow=True)
    assert "Cette statistique n'existe pas." in text(response)
    response = client.post(url, {"key": "events_by_kind", "stake": "abc"}, follow=True)
    assert "Enjeu introuvable" in text(response)
    assert Figure.objects.count() == before
    client.post(url, {"key": "events_by_kind", "stake": built.stakes[1].pk})
    figure = Figure.objects.get(key="events_by_kind")
    assert figure.stake == built.stakes[1]
    client.post(reverse("reports:figure_remove", kwargs={"pk": figure.pk}))
    assert not Figure.objects.filter(key="events_by_kind").exists()


def test_publish_page_shows_problems(client_for, built):
    answer = built.quotes[0].answer
    answer.public_text = "Un tout autre texte."
    answer.save()
    client = client_for("admin")
    url = reverse("reports:publish", kwargs={"slug": built.process.slug})
    page = text(client.get(url))
    assert "À corriger avant de publier" in page
    assert built.quotes[0].answer.contribution.receipt_number in page
    response = client.post(url, {"note": "Essai"})
    assert response.status_code == 400
    assert "Publication impossible" in text(response)


def test_stake_actions(client_for, built):
    client = client_for("analyst")
    second = built.stakes[1]
    client.post(reverse("reports:stake_action", kwargs={"pk": second.pk}), {"action": "up"})
    assert list(built.report.stakes.values_list("pk", flat=True)) == [second.pk, built.stakes[0].pk]
    response = client.post(
        reverse("reports:stake_action", kwargs={"pk": second.pk}), {"action": "delete"}, follow=True
    )
    assert "gardent leur numéro" in text(response)
    assert Stake.objects.filter(pk=second.pk).exists()
    response = client.post(
        reverse("reports:stake_action", kwargs={"pk": second.pk}), {"action": "?"}, follow=True
    )
    assert "Action inconnue" in text(response)
