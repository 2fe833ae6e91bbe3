"""Moderation through the back-office pages: decisions, e-mails, masking, bulk actions."""

from __future__ import annotations

import html
import re

import pytest
from django.core import mail
from django.urls import reverse

from concerto.contributions.models import Answer, Contribution
from concerto.core.models import AuditEvent
from tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def decide_url(contribution):
    return reverse("backoffice:decide", kwargs={"pk": contribution.pk})


def detail_url(contribution):
    return reverse("backoffice:contribution", kwargs={"pk": contribution.pk})


def test_publish_sets_published_at_audits_and_mails(
    client_for, moderator, contribution, django_capture_on_commit_callbacks
):
    client = client_for("moderator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(contribution), {"transition": "publish"})
    assert response.status_code == 302
    assert response["Location"] == detail_url(contribution)
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PUBLISHED
    assert contribution.published_at is not None
    event = AuditEvent.objects.get(action="contribution.publish")
    assert event.actor == moderator
    assert event.actor_label == f"compte n° {moderator.pk}"  # never the address, in the row
    assert event.target_id == str(contribution.pk)
    assert event.data == {"from": "pending", "to": "published", "reason": ""}
    assert len(mail.outbox) == 1
    assert contribution.receipt_number in mail.outbox[0].subject
    page = client.get(detail_url(contribution)).content.decode()
    # The contribution's own history, in a sentence.
    assert f"Modération a publié la contribution {contribution.receipt_number}." in page
    assert moderator.email in page  # staff see who, through the link to the account
    public = client.get(contribution.get_absolute_url())
    assert public.status_code == 200


def test_reject_without_reason_is_refused_in_french_and_changes_nothing(client_for, contribution):
    response = client_for("moderator").post(
        decide_url(contribution), {"transition": "reject", "reason": "", "note": "Non."}
    )
    assert response.status_code == 400
    assert "Choisissez un motif de refus." in text(response)
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PENDING
    assert contribution.moderation_note == ""
    assert not AuditEvent.objects.filter(action__startswith="contribution.reject").exists()


def test_reject_with_reason_and_note_is_audited_with_why(
    client_for, moderator, contribution, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("moderator").post(
            decide_url(contribution),
            {"transition": "reject", "reason": "off_topic", "note": "Ne concerne pas la démarche."},
        )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.REJECTED
    assert contribution.rejection_reason == "off_topic"
    assert contribution.published_at is None
    event = AuditEvent.objects.get(action="contribution.reject")
    assert event.actor == moderator
    assert event.reason == "hors sujet — Ne concerne pas la démarche."
    assert event.data["reason"] == "off_topic"
    assert "hors sujet" in mail.outbox[0].body


def test_wrong_transition_for_status_is_a_french_400(client_for, process):
    published = ContributionFactory(process=process, status=Contribution.Status.PUBLISHED)
    response = client_for("moderator").post(decide_url(published), {"transition": "publish"})
    assert response.status_code == 400
    assert "action impossible" in text(response)
    assert (
        client_for("moderator").post(decide_url(published), {"transition": "nimporte"}).status_code
        == 400
    )


def test_publish_without_consent_is_refused(client_for, process):
    private = ContributionFactory(process=process, consent_publication=False)
    response = client_for("admin").post(decide_url(private), {"transition": "publish"})
    assert response.status_code == 400
    assert "n'a pas accepté la publication" in text(response)
    private.refresh_from_db()
    assert private.status == Contribution.Status.PENDING


def test_request_changes_mails_a_working_edit_link_back_to_the_queue(
    client, client_for, contribution, django_capture_on_commit_callbacks
):
    staff = client_for("moderator")
    response = staff.post(
        decide_url(contribution), {"transition": "request_changes", "message": ""}
    )
    assert response.status_code == 400
    assert "Expliquez à l'auteur·rice ce qu'il faut modifier." in text(response)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            decide_url(contribution),
            {"transition": "request_changes", "message": "Retirez votre numéro de téléphone."},
        )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.CHANGES_REQUESTED
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["auteur@exemple.test"]
    assert "Retirez votre numéro de téléphone." in message.body
    link = re.search(r"https?://\S+/modifier-ma-contribution/\S+/", message.body)
    assert link is not None
    path = "/" + link.group().split("/", 3)[3]

    # Not in the default queue while waiting for the author.
    queue = reverse("backoffice:queue")
    row_link = f'href="{detail_url(contribution)}"'
    assert row_link not in staff.get(queue).content.decode()

    assert client.get(path).status_code == 200
    answer = contribution.answers.get()
    response = client.post(path, {f"answer_{answer.pk}": "Une permanence au centre social."})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PENDING
    answer.refresh_from_db()
    assert answer.text == "Une permanence au centre social."
    assert row_link in staff.get(queue).content.decode()
    assert AuditEvent.objects.filter(action="contribution.resubmit").count() == 1
    assert client.get(path).status_code == 404  # the link works once


def test_request_changes_needs_an_email_address(client_for, process):
    no_email = ContributionFactory(process=process, email="")
    response = client_for("moderator").post(
        decide_url(no_email), {"transition": "request_changes", "message": "Précisez."}
    )
    assert response.status_code == 400
    assert "pas d'adresse e-mail" in text(response)
    no_email.refresh_from_db()
    assert no_email.status == Contribution.Status.PENDING


def test_mask_keeps_original_private_and_publishes_masked_text(client_for, contribution):
    staff = client_for("moderator")
    response = staff.post(reverse("backoffice:mask", kwargs={"pk": contribution.pk}))
    assert response.status_code == 302
    answer = contribution.answers.get()
    assert "06 12 34 56 78" in answer.text
    assert "camille.exemple@exemple.test" in answer.text
    assert "06 12 34 56 78" not in answer.public_text
    assert "[courriel masqué]" in answer.public_text
    assert "[téléphone masqué]" in answer.public_text
    assert AuditEvent.objects.filter(action="contribution.mask").count() == 1

    staff.post(decide_url(contribution), {"transition": "publish"})
    contribution.refresh_from_db()
    assert "camille.exemple" not in contribution.search_document
    public = client_for("anonymous").get(contribution.get_absolute_url()).content.decode()
    assert "[courriel masqué]" in public
    assert "camille.exemple@exemple.test" not in public
    assert "06 12 34 56 78" not in public
    # Staff still see the original, with the personal data highlighted.
    page = staff.get(detail_url(contribution)).content.decode()
    assert '<mark class="pii"' in page
    assert "camille.exemple@exemple.test" in page


def test_public_text_edit_touches_only_the_answers_sent(client_for, contribution, process):
    second = Answer.objects.create(
        contribution=contribution,
        question=process.questions.get(number=2),
        text="Écrivez-moi : second@exemple.test",
        public_text="Texte relu à la main.",
    )
    first = contribution.answers.get(question__number=1)
    url = reverse("backoffice:public_texts", kwargs={"pk": contribution.pk})
    staff = client_for("moderator")
    response = staff.post(url, {f"public_{first.pk}": "Une permanence au centre social."})
    # Every answer's field is required by the form: the second one is missing.
    assert response.status_code == 400
    assert "Le texte publié ne peut pas être vide." in text(response)
    response = staff.post(
        url,
        {f"public_{first.pk}": "Une permanence au centre social.", f"public_{second.pk}": ""},
    )
    assert response.status_code == 400
    first.refresh_from_db()
    assert first.public_text == ""
    response = staff.post(
        url,
        {
            f"public_{first.pk}": "Une permanence au centre social.",
            f"public_{second.pk}": "Texte relu à la main.",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.public_text == "Une permanence au centre social."
    assert second.public_text == "Texte relu à la main."


def test_mask_service_with_texts_keeps_other_answers(moderator, contribution, process):
    from concerto.contributions.moderation import contribution_mask

    second = Answer.objects.create(
        contribution=contribution,
        question=process.questions.get(number=2),
        text="Écrivez-moi : second@exemple.test",
        public_text="Texte relu à la main.",
    )
    first = contribution.answers.get(question__number=1)
    contribution_mask(contribution=contribution, actor=moderator, texts={first.pk: "Relu."})
    second.refresh_from_db()
    assert second.public_text == "Texte relu à la main."


def test_attachment_download_is_private_and_not_sniffed(client_for, attachment):
    url = reverse("backoffice:attachment", kwargs={"pk": attachment.pk})
    response = client_for("analyst").get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "plan" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_for("resident").get(url).status_code == 403


def test_analyst_sees_detail_without_action_forms(client_for, contribution):
    page = client_for("analyst").get(detail_url(contribution)).content.decode()
    assert "auteur@exemple.test" in page
    assert reverse("backoffice:decide", kwargs={"pk": contribution.pk}) not in page
    assert (
        'name="ids"' not in client_for("analyst").get(reverse("backoffice:queue")).content.decode()
    )


def test_mask_refreshes_search_document_even_from_a_stale_object(moderator, process):
    from concerto.contributions.moderation import contribution_mask
    from tests.backoffice.conftest import PII_TEXT

    published = ContributionFactory(
        process=process, status=Contribution.Status.PUBLISHED, text=PII_TEXT
    )
    stale = Contribution.objects.prefetch_related("answers").get(pk=published.pk)
    list(stale.answers.all())
    contribution_mask(contribution=stale, actor=moderator)
    published.refresh_from_db()
    assert "camille.exemple@exemple.test" not in published.search_document
    assert "[courriel masqué]" in published.search_document
