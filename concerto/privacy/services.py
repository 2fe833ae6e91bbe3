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
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.accounts.models import User
from concerto.accounts.privacy import ERASED_EMAIL_DOMAIN as ERASED_EMAIL_DOMAIN
from concerto.contributions.models import Contribution
from concerto.contributions.privacy import ERASED_TEXT as ERASED_TEXT
from concerto.core.audit import audit
from concerto.core.personal_data import ExportBundle, Subject, erased, exported, purged
from concerto.core.roles import can, staff_roles
from concerto.privacy.models import PrivacyRequest

logger = logging.getLogger(__name__)


MAX_RECEIPTS = 50
EXPORT_FORMAT = "concerto-donnees-personnelles/1"

EXPORT_README = gettext_lazy("""Vos données personnelles — Concerto

Ce fichier contient tout ce que la plateforme garde à votre sujet :
- data.json : votre compte (si vous en avez un) et chacune de vos contributions
  (numéro de récépissé, dates, statut, vos réponses telles que vous les avez écrites,
  nom ou pseudonyme, adresse e-mail, quartier, profil, tranche d'âge, vos accords) ;
  vos inscriptions aux événements (nom, e-mail ou téléphone, statut, présence), les
  événements que vous avez proposés et leurs comptes rendus, vos adhésions à des
  organisations, les cahiers d'acteurs dont vous êtes la personne à contacter, vos pages
  de formulaire papier et vos messages téléphoniques, vos œuvres, les courriels de suivi
  que vous avez reçus et vos demandes sur vos données ;
- attachments/, paper/, voicemail/, works/ : les fichiers que vous avez joints, l'image de
  vos formulaires papier, l'enregistrement de vos messages et vos œuvres, rangés par
  numéro de récépissé.

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
    others: dict[str, int] = field(default_factory=dict)  # other declarations' counts

    def add(self, counts: Mapping[str, int]) -> None:
        for key, value in counts.items():
            if key in ("account_deleted", "account_deactivated"):
                if value:
                    self.account = key.removeprefix("account_")
            elif key in NAMED_COUNTS:
                setattr(self, key, getattr(self, key) + value)
            else:
                self.others[key] = self.others.get(key, 0) + value

    @property
    def changed(self) -> bool:
        return (
            bool(
                self.anonymised
                or self.texts_replaced
                or self.attachments_deleted
                or self.registrations
                or any(self.others.values())
            )
            or self.account != "none"
        )


NAMED_COUNTS = frozenset(
    {"anonymised", "texts_kept", "texts_replaced", "attachments_deleted", "registrations"}
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
    others: dict[str, int] = field(default_factory=dict)  # other declarations' counts

    def add(self, counts: Mapping[str, int]) -> None:
        for key, value in counts.items():
            if key in PURGE_COUNTS:
                setattr(self, key, getattr(self, key) + value)
            else:
                self.others[key] = self.others.get(key, 0) + value

    @property
    def total(self) -> int:
        # "contributions" counts rows touched, not data purged: not in the total.
        named: int = sum(getattr(self, key) for key in PURGE_COUNTS if key != "contributions")
        return named + sum(self.others.values())


PURGE_COUNTS = (
    "contributions",
    "emails",
    "names",
    "attachments",
    "masked_originals",
    "requests",
    "registrations",
    "cahier_contacts",
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


def _subject_emails(user: User | None, email: str | None) -> list[str]:
    emails = []
    if email and email.strip():
        emails.append(email.strip().lower())
    if user is not None and user.email and account_email_is_verified(user):
        emails.append(user.email.lower())
    return sorted(set(emails))


# --- Export ---------------------------------------------------------------------------------


def subject_for(*, user: User | None, email: str | None, receipts: Iterable[str] | None) -> Subject:
    """The person an export or erasure is about: their account, their addresses and their
    contributions (by account, address or receipt number)."""
    ids = tuple(
        find_contributions(user=user, email=email, receipts=receipts)
        .order_by("submitted_at", "id")
        .values_list("pk", flat=True)
    )
    return Subject(
        user=user,
        emails=tuple(_subject_emails(user, email)),
        contribution_ids=ids,
        receipts=tuple(receipts or ()),
    )


def _add_files(archive: zipfile.ZipFile, bundle: ExportBundle) -> int:
    written = 0
    for path, fieldfile in bundle.files:
        try:
            with fieldfile.open("rb") as handle:
                archive.writestr(path, handle.read())
            written += 1
        except (OSError, ValueError):
            logger.warning("Fichier %s introuvable pour l'export.", path.split("/")[0])
    return written


def personal_data_export(
    *,
    user: User | None = None,
    email: str | None = None,
    receipts: Iterable[str] | None = None,
    actor: User | None = None,
) -> bytes:
    """A ZIP file with ``data.json`` (one key per personal-data declaration of the
    registry, ``concerto.core.personal_data``: the account, contributions, registrations,
    events proposed, memberships, cahiers' contacts…) and the person's files. ``actor`` is
    who asked, for the audit log: the person themselves (or None) or a member of staff."""
    receipt_list = parse_receipts(receipts)
    with transaction.atomic():
        subject = subject_for(user=user, email=email, receipts=receipt_list)
        bundle = ExportBundle()
        payload: dict[str, Any] = {
            "format": EXPORT_FORMAT,
            "generated_at": timezone.now().isoformat(),
        }
        counts: dict[str, int] = {}
        for declaration in exported():
            assert declaration.rows is not None and declaration.export is not None
            items = [declaration.export(row, bundle) for row in declaration.rows(subject)]
            key = declaration.export_key
            if declaration.single:
                payload[key] = items[0] if items else None
            else:
                payload.setdefault(key, []).extend(items)
                counts[key] = counts.get(key, 0) + len(items)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("LISEZ-MOI.txt", str(EXPORT_README))
            written = _add_files(archive, bundle)
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
                "receipts": [c["receipt_number"] for c in payload.get("contributions", [])],
                "contributions": counts.get("contributions", 0),
                "registrations": counts.get("event_registrations", 0),
                "attachments": written,
                "counts": counts,
            },
        )
    return buffer.getvalue()


# --- Erasure --------------------------------------------------------------------------------


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # the row is gone; a stray file is reported without personal data
            logger.warning("Fichier non supprimé après effacement.")


def personal_data_erase(
    *,
    actor: User,
    user: User | None = None,
    email: str | None = None,
    receipts: Iterable[str] | None = None,
    privacy_request: PrivacyRequest | None = None,
) -> ErasureReport:
    """Erase a person's identity, walking every declaration of the registry
    (``concerto.core.personal_data``) in order: on each of their contributions the name,
    e-mail, account link and age bracket are cleared; the text is kept when the
    contribution is published with the author's consent, otherwise replaced by
    ``ERASED_TEXT``; attached files are deleted; registrations, memberships, events
    proposed, cahiers' contacts… as each app declares. Then the account, if ``user`` is
    given, is deleted. Idempotent.

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
    bundle = ExportBundle()
    with transaction.atomic():
        subject = subject_for(user=user, email=email, receipts=receipt_list)
        report.contributions = len(subject.contribution_ids)
        report.receipts = list(
            Contribution.objects.filter(pk__in=subject.contribution_ids)
            .order_by("submitted_at", "id")
            .values_list("receipt_number", flat=True)
        )
        user_id = user.pk if user is not None else None
        for declaration in erased():
            assert declaration.rows is not None and declaration.erase is not None
            report.add(declaration.erase(declaration.rows(subject), subject, now, bundle))
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
        if bundle.deleted_files:
            transaction.on_commit(partial(_delete_files, bundle.deleted_files), robust=True)
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


EXTENSION_REASON_MAX = 1000


def privacy_request_extend(
    *, privacy_request: PrivacyRequest, actor: User, reason: str, today: dt.date | None = None
) -> PrivacyRequest:
    """Extend the deadline by two months (art. 12.3 GDPR: "where necessary, taking into
    account the complexity and number of the requests"), which must be decided and told to
    the person within the first month, with its reasons. Once only."""
    if not can(actor, "privacy.handle_requests"):
        raise PermissionError(_("Vous n'avez pas le droit de traiter les demandes."))
    reason = reason.strip()
    if not reason:
        raise PrivacyError(
            _("Indiquez le motif de la prolongation : il doit être communiqué à la personne.")
        )
    if len(reason) > EXTENSION_REASON_MAX:
        raise PrivacyError(
            _("Le motif est trop long (%(max)s caractères au plus).")
            % {"max": EXTENSION_REASON_MAX}
        )
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = PrivacyRequest.objects.select_for_update().get(pk=privacy_request.pk)
        if not locked.is_open:
            raise PrivacyError(_("Cette demande est close : son délai ne se prolonge plus."))
        if locked.extended_at is not None:
            raise PrivacyError(_("Le délai de cette demande est déjà prolongé une fois."))
        if today > locked.first_deadline:
            raise PrivacyError(
                _(
                    "Le délai d'un mois est passé : la prolongation devait être décidée et "
                    "annoncée à la personne dans le mois suivant sa demande (article 12.3 "
                    "du RGPD). Répondez-lui sans attendre."
                )
            )
        locked.extended_at = timezone.now()
        locked.extension_reason = reason
        locked.save(update_fields=["extended_at", "extension_reason"])
        audit(
            actor=actor,
            action="privacy.request_extend",
            target=locked,
            data={"deadline": locked.deadline.isoformat()},
        )
    return locked


# --- Retention --------------------------------------------------------------------------------


def personal_data_purge(
    *, days: int, now: dt.datetime | None = None, dry_run: bool = False
) -> PurgeReport:
    """Purge the raw personal data kept longer than ``days`` days, walking every
    declaration of the registry that has a ``purge`` (``concerto.core.personal_data``):

    - contributions (``contributions/privacy.py``): the e-mail address, always, and with it
      the wish to hear of what follows; the name or pseudonym and the attached files of
      contributions that are not published; the private original of masked answers;
    - the e-mail and message of privacy requests handled more than ``days`` days ago;
    - the name, e-mail and phone of the registrations to events that ended more than
      ``days`` days ago (the rows stay: figures of who registered and came do not change);
    - the contact person of cahiers d'acteurs sent before the cutoff.

    Kept: the answers, neighbourhood, profile and age bracket (broad statistical buckets
    that identify nobody), the link to an account (its holder can erase it). Idempotent:
    a second run finds nothing left to purge.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=days)
    report = PurgeReport(cutoff=cutoff, dry_run=dry_run)
    bundle = ExportBundle()
    with transaction.atomic():
        for declaration in purged():
            assert declaration.purge is not None
            report.add(declaration.purge(cutoff, now, dry_run, bundle))
        if dry_run:
            return report
        data: dict[str, Any] = {"days": days, "cutoff": cutoff.isoformat()}
        data.update({key: getattr(report, key) for key in PURGE_COUNTS})
        data.update(report.others)
        audit(actor=None, action="privacy.purge", data=data)
        if bundle.deleted_files:
            transaction.on_commit(partial(_delete_files, bundle.deleted_files), robust=True)
    return report
