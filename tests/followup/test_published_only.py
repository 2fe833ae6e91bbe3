"""Public pages, follow-up e-mails and the API read only what was published: the analysts'
edits of a proposal after publication (themes, quotes, title) and a draft of an answer
stay private until the next publication. Each test failed before the one reader of the
frozen report (``concerto.reports.published``)."""

from __future__ import annotations

import html as html_lib

import pytest
from django.urls import reverse

from concerto.followup.detection import followups_detect
from concerto.followup.models import FollowupEvent
from concerto.reports import services as report_services
from concerto.strategy.models import Decision
from concerto.strategy.services import AnswerInput, answer_save
from concerto.strategy.thread import thread_for
from tests.followup import factories as f

pytestmark = pytest.mark.django_db


def page(client, receipt: str) -> str:
    response = client.get(reverse("followup:path", kwargs={"receipt": receipt}))
    assert response.status_code == 200
    return html_lib.unescape(response.content.decode())


def test_theme_edits_after_publication_change_neither_the_path_nor_the_emails(client, process):
    chain = f.full_chain(process)
    other = f.contribution(process)
    isolement = f.theme(process, "Isolement social")
    f.code(other, isolement)
    analyst = f.staff("analyst")
    # After publication, the analyst moves P1 from "Accès aux droits" to "Isolement social".
    report_services.proposal_update(
        proposal=chain.proposal,
        title=chain.proposal.title,
        text="",
        themes=[isolement],
        actor=analyst,
    )
    assert "P1. Préconisation numéro 1" in page(client, chain.contribution.receipt_number)
    assert "P1." not in page(client, other.receipt_number)
    assert thread_for(other.pk).proposals == []
    followups_detect()
    assert not FollowupEvent.objects.filter(
        contribution=other, kind=FollowupEvent.Kind.CITED
    ).exists()
    # Once published again, the new themes are what the public sees.
    f.publish_report(chain.report, f.aware(2023, 2, 1))
    assert "P1. Préconisation numéro 1" in page(client, other.receipt_number)
    assert "P1." not in page(client, chain.contribution.receipt_number)


def test_quote_edits_after_publication_stay_private(client, process):
    item = f.contribution(process)
    quoted = f.code(item, f.theme(process, "Autre"), quote=True)
    newcomer = f.contribution(process)
    late_quote = f.code(newcomer, f.theme(process, "Encore un autre"), quote=True)
    rep = f.report(process)
    p7 = f.proposal(rep, 7, quotes=[quoted])
    f.publish_report(rep, f.aware(2023, 1, 10))
    analyst = f.staff("analyst")
    report_services.quote_detach(target=p7, coding=quoted, actor=analyst)
    p7.quotes.add(late_quote)  # attached in the back-office after publication
    html = page(client, item.receipt_number)
    assert "P7. Préconisation numéro 7" in html
    assert "Le rapport cite un extrait de cette contribution." in html
    assert "P7." not in page(client, newcomer.receipt_number)
    followups_detect()
    assert not FollowupEvent.objects.filter(contribution=newcomer).exclude(
        kind=FollowupEvent.Kind.PUBLISHED
    )


def test_title_edits_after_publication_do_not_reach_the_answer_page(client, process):
    chain = f.full_chain(process)
    report_services.proposal_update(
        proposal=chain.proposal,
        title="Titre de travail encore en discussion",
        text="",
        themes=[chain.theme],
        actor=f.staff("analyst"),
    )
    answer = html_lib.unescape(
        client.get(reverse("strategy:answer", kwargs={"slug": process.slug})).content.decode()
    )
    assert "Préconisation numéro 1" in answer
    assert "Titre de travail" not in answer
    assert "Titre de travail" not in page(client, chain.contribution.receipt_number)
    action = html_lib.unescape(client.get(chain.action.get_absolute_url()).content.decode())
    assert "Préconisation numéro 1" in action and "Titre de travail" not in action


def test_a_draft_answer_after_publication_stays_private(client, process):
    chain = f.full_chain(process)
    answer_save(
        proposal=chain.proposal,
        data=AnswerInput(
            decision=Decision.NOT_RETAINED,
            justification="Brouillon : finalement non.",
            official="Élue aux solidarités",
            service="CCAS",
            decided_on=f.aware(2023, 5, 1).date(),
            reason="Nouvelle analyse du budget.",
        ),
        actor=f.staff("analyst"),
    )
    html = page(client, chain.contribution.receipt_number)
    assert "<strong>retenue</strong>" in html and "non retenue" not in html
    answer = html_lib.unescape(
        client.get(reverse("strategy:answer", kwargs={"slug": process.slug})).content.decode()
    )
    assert "Brouillon" not in answer
    followups_detect()
    assert not FollowupEvent.objects.filter(kind=FollowupEvent.Kind.ANSWER_CHANGED).exists()


def test_action_page_counts_the_published_themes(client, process):
    chain = f.full_chain(process)
    report_services.proposal_update(
        proposal=chain.proposal,
        title=chain.proposal.title,
        text="",
        themes=[f.theme(process, "Thème ajouté après coup")],
        actor=f.staff("analyst"),
    )
    html = html_lib.unescape(client.get(chain.action.get_absolute_url()).content.decode())
    assert "Accès aux droits" in html
    assert "Thème ajouté après coup" not in html


def test_the_receipt_path_says_why_a_proposal_follows(client, process):
    item = f.contribution(process)
    isolement = f.theme(process, "Isolement social")
    seniors = f.theme(process, "Isolement des aînés", parent=isolement)
    jeunes = f.theme(process, "Jeunesse")
    f.code(item, seniors)
    rep = f.report(process)
    f.proposal(rep, 3, themes=[jeunes])  # same stake, another theme: not shown
    f.proposal(rep, 6, themes=[isolement])
    f.publish_report(rep, f.aware(2023, 1, 10))
    html = page(client, item.receipt_number)
    assert "P6. Préconisation numéro 6" in html
    assert "codée « Isolement des aînés », un sous-thème de « Isolement social » → P6" in html
    assert "P3." not in html
    # The follow-up e-mail says it too.
    followups_detect()
    cited = FollowupEvent.objects.get(contribution=item, kind=FollowupEvent.Kind.CITED)
    assert cited.detail.endswith("→ P6")
    from concerto.followup.notifications import describe

    assert "(codée « Isolement des aînés », un sous-thème de « Isolement social » → P6)" in (
        describe(cited)
    )
