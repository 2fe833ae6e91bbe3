"""Writing contributions. Every function here owns its transaction and audit row."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from functools import partial

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.contributions.models import Answer, Attachment, Contribution
from concerto.contributions.search import index_text
from concerto.contributions.workflow import initial_status
from concerto.core.audit import audit
from concerto.core.uploads import CheckedFile
from concerto.processes.models import Channel, Neighbourhood, Process, Question


class ContributionError(Exception):
    """A write was refused; ``str(exc)`` is a French message for the person."""


class ChannelClosed(ContributionError):
    pass


@dataclass
class SubmitResult:
    contribution: Contribution
    created: bool


@dataclass
class ContributionInput:
    kind: str
    neighbourhood: Neighbourhood | None
    profile: str
    consent_publication: bool
    consent_processing: bool
    answers: dict[Question, str]
    author_name: str = ""
    email: str = ""
    age_bracket: str = ""
    attachments: list[CheckedFile] = field(default_factory=list)
    followup_opt_in: bool = False  # news of what follows (concerto.followup): needs an e-mail
    followup_contact: str = ""  # a postal address or phone number (paper, phone)


def format_receipt(process: Process, number: int, code: str = "") -> str:
    """``ASN-2026-000123``: the series of the process (its prefix and year, unique to it),
    then the letter of the channel if it has one (``ASN-2026-T000123``), then the number."""
    return f"{process.receipt_prefix}-{process.receipt_year}-{code}{number:06d}"


def channel_is_open(process: Process, kind: str, now: dt.datetime | None = None) -> bool:
    channel = Channel.objects.filter(process=process, kind=kind).first()
    return channel is not None and channel.is_open(now)


def _validate(process: Process, data: ContributionInput) -> dict[Question, str]:
    answers = {q: text.strip() for q, text in data.answers.items() if text and text.strip()}
    if not answers:
        raise ContributionError(_("Répondez à au moins une question."))
    if any(q.process_id != process.pk for q in answers):
        raise ContributionError(_("Cette question n'appartient pas à cette démarche."))
    if data.neighbourhood is not None and data.neighbourhood.process_id != process.pk:
        raise ContributionError(_("Ce quartier n'appartient pas à cette démarche."))
    if not data.consent_processing:
        raise ContributionError(_("L'accord pour le traitement des données est nécessaire."))
    if data.followup_opt_in and not data.email.strip():
        raise ContributionError(_("Pour être informé·e des suites, indiquez votre adresse e-mail."))
    return answers


def _search_document(answers: dict[Question, str] | list[Answer]) -> str:
    if isinstance(answers, dict):
        return "\n\n".join(answers.values())
    return "\n\n".join(answer.shown_text for answer in answers)


def contribution_submit(
    *,
    process: Process,
    data: ContributionInput,
    submission_token: uuid.UUID,
    channel: str = Channel.Kind.ONLINE,
    user: User | None = None,
    now: dt.datetime | None = None,
    is_demo: bool = False,
    check_channel: bool = True,
    receipt_number: str = "",
) -> SubmitResult:
    """Save one contribution with its answers and files, and give it a receipt number.

    Idempotent on ``submission_token``: the same form sent twice yields the first
    contribution and ``created=False``. Side effects (the receipt e-mail) run only
    after the commit. ``receipt_number``: the number already given to the contributor (the
    stub of a paper sheet) instead of the next one of the process.
    """
    now = now or timezone.now()
    existing = Contribution.objects.filter(submission_token=submission_token).first()
    if existing is not None:
        return SubmitResult(existing, created=False)
    if check_channel and not channel_is_open(process, channel, now):
        raise ChannelClosed(
            _("Ce canal de participation est fermé : aucune contribution n'est acceptée.")
        )
    answers = _validate(process, data)

    written: list[str] = []
    try:
        with transaction.atomic():
            contribution = Contribution.objects.create(
                process=process,
                receipt_number=submission_token.hex,  # replaced below, before commit
                channel=channel,
                kind=data.kind,
                status=initial_status(consent_publication=data.consent_publication),
                author_name=data.author_name.strip(),
                email=data.email.strip().lower(),
                user=user,
                neighbourhood=data.neighbourhood,
                profile=data.profile,
                age_bracket=data.age_bracket,
                consent_publication=data.consent_publication,
                consent_processing=data.consent_processing,
                followup_opt_in=data.followup_opt_in,
                followup_contact=data.followup_contact.strip()[:300],
                submission_token=submission_token,
                submitted_at=now,
                search_document="",
                is_demo=is_demo,
            )
            Answer.objects.bulk_create(
                Answer(contribution=contribution, question=q, text=text)
                for q, text in answers.items()
            )
            for checked in data.attachments:
                attachment = Attachment(
                    contribution=contribution,
                    kind=checked.kind,
                    content_type=checked.content_type,
                    original_name=checked.original_name,
                    size=len(checked.content),
                    extension=checked.extension,
                )
                attachment.file.save("upload", ContentFile(checked.content), save=False)
                written.append(attachment.file.name)
                attachment.save()
            if receipt_number:
                contribution.receipt_number = receipt_number
            else:
                # The receipt counter is taken last, so its row lock is held only briefly.
                Process.objects.filter(pk=process.pk).update(
                    receipt_counter=F("receipt_counter") + 1
                )
                # The series is read with the counter, under its lock: a series changed in
                # the builder before the first receipt is the one used.
                series = (
                    Process.objects.annotate(
                        channel_code=Subquery(
                            Channel.objects.filter(process=OuterRef("pk"), kind=channel).values(
                                "receipt_code"
                            )[:1]
                        )
                    )
                    .only("receipt_prefix", "receipt_year", "receipt_counter")
                    .get(pk=process.pk)
                )
                contribution.receipt_number = format_receipt(
                    series, series.receipt_counter, series.channel_code or ""
                )
            contribution.save(update_fields=["receipt_number"])
            audit(
                actor=user,
                action="contribution.submit",
                target=contribution,
                data={"channel": channel},
            )
            if contribution.email:
                from concerto.contributions.tasks import send_receipt_email

                transaction.on_commit(
                    partial(send_receipt_email.enqueue, contribution.pk), robust=True
                )
    except IntegrityError:
        for name in written:
            default_storage.delete(name)
        existing = Contribution.objects.filter(submission_token=submission_token).first()
        if existing is not None:  # the same form won a race with itself
            return SubmitResult(existing, created=False)
        raise
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return SubmitResult(contribution, created=True)


def refresh_search_document(contribution: Contribution) -> None:
    """The public text searched (only a published contribution's) and, on SQLite, its
    French stems, which triggers copy into the full-text index (``search.py``)."""
    document = (
        _search_document(list(contribution.answers.all())) if contribution.is_published else ""
    )
    contribution.search_document = document
    contribution.search_terms = search_terms_for(document)
    contribution.save(update_fields=["search_document", "search_terms"])


def search_terms_for(document: str) -> str:
    """``search_terms`` for ``document``: its stems on SQLite, nothing on PostgreSQL (where
    a trigger builds the vector from the document itself)."""
    from django.db import connection

    return index_text(document) if document and connection.vendor == "sqlite" else ""
