"""Personal data rights: a copy of what we hold about a person, erasure, retention purge.

Every write owns its transaction and writes one audit row. Audit rows never hold the
personal data itself: only ids, receipt numbers and counts. When the person acts on
their own account, the audit row has no actor (an actor reference would forbid deleting
the account).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import zipfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, ProtectedError, Q, QuerySet
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.accounts.models import User
from concerto.contributions.models import Answer, Attachment, Contribution
from concerto.core.audit import audit
from concerto.core.roles import can, staff_roles
from concerto.privacy.models import PrivacyRequest

logger = logging.getLogger(__name__)

ERASED_TEXT = "[contribution effacée à la demande de son auteur·rice]"
ERASED_EMAIL_DOMAIN = "efface.invalid"
MAX_RECEIPTS = 50
EXPORT_FORMAT = "concerto-donnees-personnelles/1"

EXPORT_README = gettext_lazy("""Vos données personnelles — Concerto

Ce fichier contient tout ce que la plateforme garde à votre sujet :
- data.json : votre compte (si vous en avez un) et chacune de vos contributions
  (numéro de récépissé, dates, statut, vos réponses telles que vous les avez écrites,
  nom ou pseudonyme, adresse e-mail, quartier, profil, tranche d'âge, vos accords),
  ainsi que vos inscriptions aux événements (nom, e-mail ou téléphone, statut, présence) ;
- attachments/ : les fichiers que vous avez joints, rangés par numéro de récépissé.

Le fichier data.json peut s'ouvrir avec un simple éditeur de texte.
Pour toute question, écrivez à l'équipe de la démarche en indiquant votre numéro de récépissé.
""")


class PrivacyError(Exception):
    """A request was refused; ``str(exc)`` is a French message for the person."""


@dataclass
class ErasureReport:
    """What one erasure did. Counts are of changes made by this call: a second call on
    the same person reports zeros (idempotent)."""

    receipts: list[str] = field(default_factory=list)
    contributions: int = 0  # matched
    anonymised: int = 0  # identity removed by this call
    texts_kept: int = 0  # published with consent: the public text stays
    texts_replaced: int = 0  # answers replaced by ERASED_TEXT by this call
    attachments_deleted: int = 0
    registrations: int = 0  # event registrations whose name and contact were erased
    account: str = "none"  # "deleted", "deactivated" or "none"

    @property
    def changed(self) -> bool:
        return (
            bool(
                self.anonymised
                or self.texts_replaced
                or self.attachments_deleted
                or self.registrations
            )
            or self.account != "none"
        )


@dataclass
class PurgeReport:
    cutoff: dt.datetime
    dry_run: bool
    contributions: int = 0
    emails: int = 0
    names: int = 0
    attachments: int = 0
    masked_originals: int = 0
    requests: int = 0
    registrations: int = 0  # of events ended before the cutoff: name and contact erased
    cahier_contacts: int = 0  # contact persons of cahiers d'acteurs sent before the cutoff

    @property
    def total(self) -> int:
        return (
            self.cahier_contacts
            + self.emails
            + self.names
            + self.attachments
            + self.masked_originals
            + self.requests
            + self.registrations
        )


# --- Finding a person's contributions ---------------------------------------------------


def parse_receipts(raw: str | Iterable[str] | None) -> list[str]:
    """Receipt numbers from a list or a text (separated by spaces, commas, semicolons)."""
    if raw is None:
        return []
    items = raw.replace(",", " ").replace(";", " ").split() if isinstance(raw, str) else raw
    seen: dict[str, None] = {}
    for item in items:
        cleaned = item.strip().upper()
        if cleaned:
            seen.setdefault(cleaned, None)
    return list(seen)


def account_email_is_verified(user: User) -> bool:
    """True when the account's address was confirmed (allauth). Only then are contributions
    sent with that address, without being logged in, treated as the account holder's:
    otherwise anyone could open an account with someone else's address and read their data."""
    from allauth.account.models import EmailAddress

    return bool(
        EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
    )


def find_contributions(
    *,
    user: User | None = None,
    email: str | None = None,
    receipts: Iterable[str] | None = None,
) -> QuerySet[Contribution]:
    """The contributions of a person: linked to ``user`` (and sent with its verified
    address), sent with ``email``, or with one of the ``receipts``. Union of the criteria."""
    receipt_list = parse_receipts(receipts)
    if len(receipt_list) > MAX_RECEIPTS:
        raise PrivacyError(
            _("Indiquez au plus %(count)s numéros de récépissé à la fois.")
            % {"count": MAX_RECEIPTS}
        )
    email = (email or "").strip().lower()
    if user is None and not email and not receipt_list:
        raise PrivacyError(_("Indiquez un numéro de récépissé ou une adresse e-mail."))
    query = Q(pk__in=[])
    if user is not None and user.pk is not None:
        query |= Q(user=user)
        if user.email and account_email_is_verified(user):
            query |= Q(email__iexact=user.email)
    if email:
        query |= Q(email__iexact=email)
    for receipt in receipt_list:
        query |= Q(receipt_number__iexact=receipt)
    return Contribution.objects.filter(query)


def find_registrations(*, user: User | None, emails: list[str]) -> QuerySet[Any]:
    """The event registrations of a person: made with their account or their address."""
    from concerto.events.models import Registration

    query = Q(pk__in=[])
    if user is not None and user.pk is not None:
        query |= Q(user=user)
    for address in emails:
        query |= Q(email__iexact=address)
    return Registration.objects.filter(query)


def _subject_emails(user: User | None, email: str | None) -> list[str]:
    emails = []
    if email and email.strip():
        emails.append(email.strip().lower())
    if user is not None and user.email and account_email_is_verified(user):
        emails.append(user.email.lower())
    return sorted(set(emails))


# --- Export ---------------------------------------------------------------------------------


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _contribution_data(contribution: Contribution, files: list[tuple[str, Attachment]]) -> Any:
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
        files.append((path, attachment))
        attachments.append(
            {
                "original_name": attachment.original_name,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "file": path,
            }
        )
    return {
        "receipt_number": contribution.receipt_number,
        "process": contribution.process.title,
        "channel": contribution.get_channel_display(),
        "kind": contribution.get_kind_display(),
        "status": contribution.get_status_display(),
        "submitted_at": _iso(contribution.submitted_at),
        "published_at": _iso(contribution.published_at),
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
        "anonymised_at": _iso(contribution.anonymised_at),
        "answers": answers,
        "attachments": attachments,
    }


def personal_data_export(
    *,
    user: User | None = None,
    email: str | None = None,
    receipts: Iterable[str] | None = None,
    actor: User | None = None,
) -> bytes:
    """A ZIP file with ``data.json`` (the account and every contribution of the person)
    and the attached files under ``attachments/``. ``actor`` is who asked, for the audit
    log: the person themselves (or None) or a member of staff."""
    receipt_list = parse_receipts(receipts)
    with transaction.atomic():
        contributions = list(
            find_contributions(user=user, email=email, receipts=receipt_list)
            .select_related("process", "neighbourhood")
            .prefetch_related("answers__question", "attachments")
            .order_by("submitted_at", "id")
        )
        files: list[tuple[str, Attachment]] = []
        emails = _subject_emails(user, email)
        requests = (
            list(PrivacyRequest.objects.filter(email__in=emails).order_by("created_at"))
            if emails
            else []
        )
        registrations = list(
            find_registrations(user=user, emails=emails)
            .select_related("event__process")
            .order_by("created_at", "id")
        )
        payload = {
            "format": EXPORT_FORMAT,
            "generated_at": timezone.now().isoformat(),
            "account": None
            if user is None
            else {
                "email": user.email,
                "display_name": user.display_name,
                "date_joined": _iso(user.date_joined),
                "last_login": _iso(user.last_login),
            },
            "contributions": [_contribution_data(c, files) for c in contributions],
            "event_registrations": [
                {
                    "event": r.event.title,
                    "process": r.event.process.title,
                    "event_start": _iso(r.event.start),
                    "name": r.name,
                    "email": r.email,
                    "phone": r.phone,
                    "status": r.get_status_display(),
                    "attended": r.attended,
                    "registered_at": _iso(r.created_at),
                    "cancelled_at": _iso(r.cancelled_at),
                    "anonymised_at": _iso(r.anonymised_at),
                }
                for r in registrations
            ],
            "privacy_requests": [
                {
                    "kind": request.get_kind_display(),
                    "receipt": request.receipt,
                    "email": request.email,
                    "message": request.message,
                    "status": request.get_status_display(),
                    "created_at": _iso(request.created_at),
                    "handled_at": _iso(request.handled_at),
                }
                for request in requests
            ],
        }
        buffer = io.BytesIO()
        missing = 0
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("LISEZ-MOI.txt", str(EXPORT_README))
            for path, attachment in files:
                try:
                    with attachment.file.open("rb") as handle:
                        archive.writestr(path, handle.read())
                except OSError:
                    missing += 1
                    logger.warning("Pièce jointe %s introuvable pour l'export.", attachment.pk)
            archive.writestr(
                "data.json", json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=False)
            )
        self_service = actor is None or (user is not None and actor.pk == user.pk)
        audit(
            actor=None if self_service else actor,
            action="privacy.export",
            data={
                "by": "self" if self_service else "staff",
                "user_id": user.pk if user is not None else None,
                "by_email": bool(email),
                "receipts": [c.receipt_number for c in contributions],
                "contributions": len(contributions),
                "registrations": len(registrations),
                "attachments": len(files) - missing,
            },
        )
    return buffer.getvalue()


# --- Erasure --------------------------------------------------------------------------------


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # the row is gone; a stray file is reported without personal data
            logger.warning("Fichier de pièce jointe non supprimé : %s", name)


def _erase_contribution(
    contribution: Contribution, *, now: dt.datetime, report: ErasureReport, files: list[str]
) -> None:
    keep_text = contribution.is_published and contribution.consent_publication
    changed = False
    if contribution.author_name or contribution.email or contribution.user_id:
        changed = True
    if contribution.age_bracket:
        changed = True
    if contribution.followup_contact:
        changed = True
    contribution.author_name = ""
    contribution.email = ""
    contribution.followup_contact = ""
    contribution.followup_opt_in = False  # news of what follows needs the e-mail
    contribution.user = None
    contribution.age_bracket = ""
    replaced = 0
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
            replaced += 1
    if keep_text:
        report.texts_kept += 1
    else:
        if contribution.search_document or contribution.moderation_note:
            changed = True
        contribution.search_document = ""
        contribution.search_terms = ""  # its stems in the SQLite full-text index
        contribution.moderation_note = ""
    attachments = list(Attachment.objects.filter(contribution=contribution))
    for attachment in attachments:
        files.append(attachment.file.name)
    if attachments:
        Attachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()
    if changed or replaced or attachments:
        report.anonymised += 1
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
    report.texts_replaced += replaced
    report.attachments_deleted += len(attachments)


def _erased_email(user: User) -> str:
    return f"compte-efface-{user.pk}@{ERASED_EMAIL_DOMAIN}"


def _forget_login_attempts(email: str) -> None:
    """django-axes keeps failed logins with the address typed and the IP address."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=email).delete()


def _delete_account(user: User) -> str:
    """Delete the account. When the append-only audit log refers to it (the person acted
    while logged in), the row cannot go: it is emptied and disabled instead."""
    if user.email.endswith(f"@{ERASED_EMAIL_DOMAIN}") and not user.is_active:
        return "none"  # already erased
    email = user.email
    try:
        with transaction.atomic():
            user.delete()
        result = "deleted"
    except ProtectedError:
        from allauth.account.models import EmailAddress

        EmailAddress.objects.filter(user=user).delete()
        user.groups.clear()
        user.email = _erased_email(user)
        user.display_name = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()  # also ends every open session
        user.save()
        result = "deactivated"
    _forget_login_attempts(email)
    return result


def personal_data_erase(
    *,
    actor: User,
    user: User | None = None,
    email: str | None = None,
    receipts: Iterable[str] | None = None,
    privacy_request: PrivacyRequest | None = None,
) -> ErasureReport:
    """Erase a person's identity: on each of their contributions the name, e-mail, account
    link and age bracket are cleared; the text is kept when the contribution is published
    with the author's consent, otherwise replaced by ``ERASED_TEXT``; attached files are
    deleted. Then the account, if ``user`` is given, is deleted. Idempotent.

    ``actor`` is the person themselves (``actor == user``) or a member of staff with
    ``privacy.handle_requests``; staff accounts are not erased here (their roles must be
    removed first)."""
    self_service = user is not None and actor.pk == user.pk
    if not self_service and not can(actor, "privacy.handle_requests"):
        raise PermissionError(_("Vous n'avez pas le droit de traiter les demandes."))
    if user is not None and staff_roles(user):
        raise PrivacyError(
            _(
                "Ce compte fait partie de l'équipe : un·e administrateur·rice doit d'abord "
                "lui retirer ses rôles."
            )
        )
    receipt_list = parse_receipts(receipts)
    now = timezone.now()
    report = ErasureReport()
    files: list[str] = []
    with transaction.atomic():
        contributions = list(
            find_contributions(user=user, email=email, receipts=receipt_list)
            .select_for_update()
            .order_by("submitted_at", "id")
        )
        report.contributions = len(contributions)
        report.receipts = [c.receipt_number for c in contributions]
        for contribution in contributions:
            _erase_contribution(contribution, now=now, report=report, files=files)
        # Event registrations: name and contact erased, the row kept (figures unchanged).
        emails = _subject_emails(user, email)
        if user is not None or emails:
            report.registrations = (
                find_registrations(user=user, emails=emails)
                .filter(Q(anonymised_at__isnull=True) | Q(user__isnull=False))
                .update(name="", email="", phone="", user=None, anonymised_at=now)
            )
        user_id = user.pk if user is not None else None
        if user is not None and user.pk is not None:
            report.account = _delete_account(user)
        if privacy_request is not None and privacy_request.is_open:
            privacy_request.status = PrivacyRequest.Status.DONE
            privacy_request.handled_by = actor
            privacy_request.handled_at = now
            privacy_request.save(update_fields=["status", "handled_by", "handled_at"])
        data = asdict(report)
        data.update({"by": "self" if self_service else "staff", "user_id": user_id})
        data["by_email"] = bool(email)
        audit(
            actor=None if self_service else actor,
            action="privacy.erase",
            target=privacy_request,
            data=data,
        )
        if files:
            transaction.on_commit(partial(_delete_files, files), robust=True)
    return report


# --- Requests from people without an account ------------------------------------------------


def privacy_request_create(
    *, kind: str, receipt: str, email: str = "", message: str = ""
) -> PrivacyRequest:
    if kind not in PrivacyRequest.Kind.values:
        raise PrivacyError(_("Choisissez ce que vous demandez."))
    with transaction.atomic():
        request = PrivacyRequest.objects.create(
            kind=kind,
            receipt=receipt.strip().upper(),
            email=email.strip().lower(),
            message=message.strip(),
        )
        audit(
            actor=None,
            action="privacy.request",
            target=request,
            data={"kind": kind, "receipt": request.receipt, "with_email": bool(request.email)},
        )
    return request


def privacy_request_close(
    *, privacy_request: PrivacyRequest, actor: User, status: str
) -> PrivacyRequest:
    """Mark a request as handled (``done``) or refused (identity could not be checked)."""
    if not can(actor, "privacy.handle_requests"):
        raise PermissionError(_("Vous n'avez pas le droit de traiter les demandes."))
    if status not in (PrivacyRequest.Status.DONE, PrivacyRequest.Status.REFUSED):
        raise PrivacyError(_("Choisissez une issue pour cette demande."))
    with transaction.atomic():
        locked = PrivacyRequest.objects.select_for_update().get(pk=privacy_request.pk)
        before = locked.status
        locked.status = status
        locked.handled_by = actor
        locked.handled_at = timezone.now()
        locked.save(update_fields=["status", "handled_by", "handled_at"])
        audit(
            actor=actor,
            action="privacy.request_close",
            target=locked,
            data={"from": before, "to": status},
        )
    return locked


# --- Retention --------------------------------------------------------------------------------


def personal_data_purge(
    *, days: int, now: dt.datetime | None = None, dry_run: bool = False
) -> PurgeReport:
    """Purge the raw personal fields of contributions sent more than ``days`` days ago:

    - the e-mail address, always, and with it the wish to hear of what follows
      (``followup_opt_in``);
    - the name or pseudonym of contributions that are not published (a published one keeps
      the pseudonym its author chose to sign with and consented to publish);
    - the attached files of contributions that are not published;
    - the private original of answers whose published text was masked by moderation;
    - the e-mail and message of privacy requests handled more than ``days`` days ago;
    - the name, e-mail and phone of the registrations to events that ended more than
      ``days`` days ago (the rows stay: figures of who registered and came do not change);
    - the contact person (name, e-mail, phone) of cahiers d'acteurs sent before the cutoff
      (the organisation, its text and its proposals stay).

    Kept: the answers, neighbourhood, profile and age bracket (broad statistical buckets
    that identify nobody), the link to an account (its holder can erase it). Idempotent:
    a second run finds nothing left to purge.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=days)
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
    requests = (
        PrivacyRequest.objects.exclude(status=PrivacyRequest.Status.NEW)
        .filter(handled_at__lt=cutoff)
        .filter(~Q(email="") | ~Q(message=""))
    )
    touched = Contribution.objects.filter(
        Q(pk__in=emails.values("pk"))
        | Q(pk__in=names.values("pk"))
        | Q(pk__in=attachments.values("contribution_id"))
        | Q(pk__in=masked.values("contribution_id"))
    )
    from concerto.events.models import Registration

    registrations = Registration.objects.filter(event__end__lt=cutoff, anonymised_at__isnull=True)
    from concerto.collective.models import CollectiveContribution

    contacts = CollectiveContribution.objects.filter(contribution__submitted_at__lt=cutoff).filter(
        ~Q(contact_name="") | ~Q(contact_email="") | ~Q(contact_phone="")
    )
    report = PurgeReport(cutoff=cutoff, dry_run=dry_run)
    with transaction.atomic():
        report.registrations = registrations.count()
        report.cahier_contacts = contacts.count()
        report.contributions = touched.count()
        report.emails = emails.count()
        report.names = names.count()
        report.attachments = attachments.count()
        report.masked_originals = masked.count()
        report.requests = requests.count()
        if dry_run:
            return report
        files = list(attachments.values_list("file", flat=True))
        touched_ids = list(touched.values_list("pk", flat=True))
        emails.update(email="", followup_opt_in=False, followup_contact="")
        names.update(author_name="")
        attachments.delete()
        masked.update(text=F("public_text"))
        for start in range(0, len(touched_ids), 500):
            Contribution.objects.filter(pk__in=touched_ids[start : start + 500]).update(
                personal_data_purged_at=now
            )
        requests.update(email="", message="", personal_data_purged_at=now)
        registrations.update(name="", email="", phone="", anonymised_at=now)
        contacts.update(contact_name="", contact_email="", contact_phone="")
        audit(
            actor=None,
            action="privacy.purge",
            data={
                "days": days,
                "cutoff": cutoff.isoformat(),
                "contributions": report.contributions,
                "emails": report.emails,
                "names": report.names,
                "attachments": report.attachments,
                "masked_originals": report.masked_originals,
                "requests": report.requests,
                "registrations": report.registrations,
                "cahier_contacts": report.cahier_contacts,
            },
        )
        if files:
            transaction.on_commit(partial(_delete_files, files), robust=True)
    return report
