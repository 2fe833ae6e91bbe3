"""Personal data of contributions (see ``concerto.core.personal_data``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from concerto.contributions.models import Answer, Attachment, Contribution
from concerto.core.personal_data import (
    Erasure,
    ExportBundle,
    PersonalData,
    Subject,
    iso,
)

ERASED_TEXT = "[contribution effacée à la demande de son auteur·rice]"
RETENTION = _(
    "adresse e-mail, contact de suivi, nom des contributions non publiées et pièces jointes "
    "non publiées : CONCERTO_RETENTION_DAYS jours après l'envoi (purge_personal_data) ; "
    "le texte et le pseudonyme publiés avec l'accord de l'auteur·rice : la durée de la "
    "démarche et de son suivi"
)


def text_is_kept(contribution: Contribution) -> bool:
    """A text published with its author's consent stays public after erasure."""
    return contribution.is_published and contribution.consent_publication


def _rows(subject: Subject) -> QuerySet[Contribution]:
    return (
        Contribution.objects.filter(pk__in=subject.contribution_ids)
        .select_related("process", "neighbourhood")
        .prefetch_related("answers__question", "attachments")
        .order_by("submitted_at", "id")
    )


def _export(contribution: Contribution, bundle: ExportBundle) -> dict[str, Any]:
    answers = [
        {
            "question_number": answer.question.number,
            "question": answer.question.title,
            "text": answer.text,
            "public_text": answer.public_text,
        }
        for answer in contribution.answers.all()
    ]
    attachments = []
    for index, attachment in enumerate(contribution.attachments.all(), start=1):
        name = get_valid_filename(attachment.original_name) or f"fichier{attachment.extension}"
        path = f"attachments/{get_valid_filename(contribution.receipt_number)}/{index}-{name}"
        attachments.append(
            {
                "original_name": attachment.original_name,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "file": bundle.add_file(path, attachment.file),
            }
        )
    return {
        "receipt_number": contribution.receipt_number,
        "process": contribution.process.title,
        "channel": contribution.get_channel_display(),
        "kind": contribution.get_kind_display(),
        "status": contribution.get_status_display(),
        "submitted_at": iso(contribution.submitted_at),
        "published_at": iso(contribution.published_at),
        "author_name": contribution.author_name,
        "email": contribution.email,
        "followup_opt_in": contribution.followup_opt_in,
        "followup_contact": contribution.followup_contact,
        "neighbourhood": contribution.neighbourhood.name if contribution.neighbourhood else "",
        "profile": contribution.get_profile_display(),
        "age_bracket": contribution.get_age_bracket_display() if contribution.age_bracket else "",
        "consent_publication": contribution.consent_publication,
        "consent_processing": contribution.consent_processing,
        "rejection_reason": contribution.get_rejection_reason_display()
        if contribution.rejection_reason
        else "",
        "moderation_note": contribution.moderation_note,
        "anonymised_at": iso(contribution.anonymised_at),
        "answers": answers,
        "attachments": attachments,
    }


def _erase_one(
    contribution: Contribution, now: dt.datetime, bundle: ExportBundle
) -> dict[str, int]:
    keep_text = text_is_kept(contribution)
    counts = {"anonymised": 0, "texts_kept": 0, "texts_replaced": 0, "attachments_deleted": 0}
    changed = bool(
        contribution.author_name
        or contribution.email
        or contribution.user_id
        or contribution.age_bracket
        or contribution.followup_contact
    )
    contribution.author_name = ""
    contribution.email = ""
    contribution.followup_contact = ""
    contribution.followup_opt_in = False  # news of what follows needs the e-mail
    contribution.user = None
    contribution.age_bracket = ""
    for answer in Answer.objects.select_for_update().filter(contribution=contribution):
        if keep_text:
            # The published text stays; the private original may hold what moderation
            # masked (a phone number…): it is replaced by the published version.
            if answer.public_text and answer.text != answer.public_text:
                answer.text = answer.public_text
                answer.save(update_fields=["text"])
                changed = True
        elif answer.text != ERASED_TEXT or answer.public_text:
            answer.text = ERASED_TEXT
            answer.public_text = ""
            answer.save(update_fields=["text", "public_text"])
            counts["texts_replaced"] += 1
    if keep_text:
        counts["texts_kept"] = 1
    else:
        if contribution.search_document or contribution.moderation_note:
            changed = True
        contribution.search_document = ""
        contribution.search_terms = ""  # its stems in the SQLite full-text index
        contribution.moderation_note = ""
    attachments = list(Attachment.objects.filter(contribution=contribution))
    bundle.deleted_files.extend(a.file.name for a in attachments)
    if attachments:
        Attachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()
    counts["attachments_deleted"] = len(attachments)
    if changed or counts["texts_replaced"] or attachments:
        counts["anonymised"] = 1
        contribution.anonymised_at = contribution.anonymised_at or now
    contribution.save(
        update_fields=[
            "author_name",
            "email",
            "followup_opt_in",
            "followup_contact",
            "user",
            "age_bracket",
            "search_document",
            "search_terms",
            "moderation_note",
            "anonymised_at",
        ]
    )
    return counts


def _erase(
    rows: QuerySet[Contribution], subject: Subject, now: dt.datetime, bundle: ExportBundle
) -> Mapping[str, int]:
    """Identity removed; the text kept when published with consent, otherwise replaced by
    ``ERASED_TEXT``; attached files deleted. Counts are of changes made by this call."""
    totals = {"anonymised": 0, "texts_kept": 0, "texts_replaced": 0, "attachments_deleted": 0}
    for contribution in (
        Contribution.objects.filter(pk__in=rows.values("pk"))
        .select_for_update()
        .order_by("submitted_at", "id")
    ):
        for key, value in _erase_one(contribution, now, bundle).items():
            totals[key] += value
    return totals


def _purge(
    cutoff: dt.datetime, now: dt.datetime, dry_run: bool, bundle: ExportBundle
) -> Mapping[str, int]:
    """Sent before the cutoff: the e-mail (and the follow-up wish and contact), always; the
    name and the files of contributions that are not published (a published one keeps the
    pseudonym its author chose to sign with); the private original of masked answers."""
    old = Contribution.objects.filter(submitted_at__lt=cutoff)
    unpublished = old.exclude(status=Contribution.Status.PUBLISHED)
    emails = old.exclude(email="") | old.exclude(followup_contact="")
    names = unpublished.exclude(author_name="")
    attachments = Attachment.objects.filter(contribution__in=unpublished.values("pk"))
    masked = (
        Answer.objects.filter(contribution__in=old.values("pk"))
        .exclude(public_text="")
        .exclude(text=F("public_text"))
    )
    touched = Contribution.objects.filter(
        Q(pk__in=emails.values("pk"))
        | Q(pk__in=names.values("pk"))
        | Q(pk__in=attachments.values("contribution_id"))
        | Q(pk__in=masked.values("contribution_id"))
    )
    counts = {
        "contributions": touched.count(),
        "emails": emails.count(),
        "names": names.count(),
        "attachments": attachments.count(),
        "masked_originals": masked.count(),
    }
    if dry_run:
        return counts
    bundle.deleted_files.extend(attachments.values_list("file", flat=True))
    touched_ids = list(touched.values_list("pk", flat=True))
    emails.update(email="", followup_opt_in=False, followup_contact="")
    names.update(author_name="")
    attachments.delete()
    masked.update(text=F("public_text"))
    for start in range(0, len(touched_ids), 500):
        Contribution.objects.filter(pk__in=touched_ids[start : start + 500]).update(
            personal_data_purged_at=now
        )
    return counts


DECLARATIONS = [
    PersonalData(
        model="contributions.Contribution",
        fields=(
            "author_name",
            "email",
            "user",
            "followup_contact",
            "moderation_note",
            "search_document",
            "search_terms",
        ),
        subject=_("l'auteur·rice de la contribution"),
        erasure=Erasure.ANONYMISE,
        retention=RETENTION,
        rows=_rows,
        export_key="contributions",
        export=_export,
        erase=_erase,
        purge=_purge,
    ),
    PersonalData(
        model="contributions.Answer",
        fields=("text", "public_text"),
        subject=_("l'auteur·rice de la contribution"),
        erasure=Erasure.WITH_PARENT,
        retention=RETENTION,
    ),
    PersonalData(
        model="contributions.Attachment",
        fields=("file", "original_name"),
        subject=_("l'auteur·rice de la contribution"),
        erasure=Erasure.WITH_PARENT,
        retention=RETENTION,
    ),
]
