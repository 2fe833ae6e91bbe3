"""Writes of the collective channel (cahiers d'acteurs) and of original works. Every
function owns its transaction and audit row."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.collective.models import CollectiveContribution, OriginalWork, Proposal
from concerto.contributions.models import Contribution
from concerto.contributions.moderation import contribution_moderate
from concerto.contributions.services import (
    ChannelClosed,
    ContributionError,
    ContributionInput,
    contribution_submit,
)
from concerto.core.audit import audit
from concerto.core.uploads import CheckedFile
from concerto.organisations.models import Membership, Organisation
from concerto.organisations.services import organisation_refusal
from concerto.processes.models import Channel, Process, Question

MAX_PROPOSALS = 50


class CollectiveError(ContributionError):
    """A write was refused; ``str(exc)`` is a French message for the person."""


@dataclass
class CahierInput:
    organisation_name: str
    organisation_kind: str
    people_count: int
    production_method: str
    sections: dict[Question, str]
    proposals: list[str]
    contact_name: str
    contact_email: str
    contact_phone: str = ""
    organisation: Organisation | None = None
    consent_publication: bool = True
    extra: dict[str, str] = field(default_factory=dict)


def collective_channel(process: Process) -> Channel | None:
    return Channel.objects.filter(process=process, kind=Channel.Kind.COLLECTIVE).first()


def member_organisations(user: User) -> list[Organisation]:
    return list(Organisation.objects.filter(memberships__user=user).order_by("name").distinct())


def _clean_proposals(proposals: list[str]) -> list[str]:
    cleaned = [p.strip() for p in proposals if p and p.strip()]
    if len(cleaned) > MAX_PROPOSALS:
        raise CollectiveError(
            _("Un cahier compte au plus %(max)d propositions.") % {"max": MAX_PROPOSALS}
        )
    return cleaned


def _create(
    *,
    process: Process,
    data: CahierInput,
    source: str,
    actor: User,
    document: CheckedFile | None,
    check_channel: bool,
    now: dt.datetime,
) -> CollectiveContribution:
    proposals = _clean_proposals(data.proposals)
    if data.people_count < 1:
        raise CollectiveError(_("Indiquez le nombre de personnes associées (au moins 1)."))
    channel = collective_channel(process)
    is_late = channel is None or not channel.is_open(now)
    with transaction.atomic():
        result = contribution_submit(
            process=process,
            data=ContributionInput(
                kind=Contribution.Kind.PROPOSAL,
                neighbourhood=None,
                profile=Contribution.Profile.ASSOCIATION,
                consent_publication=data.consent_publication,
                consent_processing=True,
                answers=data.sections,
                author_name=data.organisation_name.strip()[:80],
            ),
            submission_token=uuid.uuid4(),
            channel=Channel.Kind.COLLECTIVE,
            user=actor if source == CollectiveContribution.Source.ONLINE else None,
            now=now,
            check_channel=check_channel,
        )
        cahier = CollectiveContribution(
            contribution=result.contribution,
            organisation=data.organisation,
            organisation_name=data.organisation_name.strip(),
            organisation_kind=data.organisation_kind,
            people_count=data.people_count,
            production_method=data.production_method.strip(),
            contact_name=data.contact_name.strip(),
            contact_email=data.contact_email.strip().lower(),
            contact_phone=data.contact_phone.strip(),
            source=source,
            is_late=is_late,
            entered_by=actor,
        )
        if document is not None:
            cahier.original_name = document.original_name
            cahier.original_content_type = document.content_type
            cahier.original_extension = document.extension
            cahier.original.save("original", ContentFile(document.content), save=False)
        cahier.save()
        Proposal.objects.bulk_create(
            Proposal(cahier=cahier, number=i, text=text) for i, text in enumerate(proposals, 1)
        )
        audit(
            actor=actor,
            action="collective.submit" if source == "online" else "collective.enter",
            target=result.contribution,
            data={"source": source, "late": is_late, "proposals": len(proposals)},
        )
    return cahier


def cahier_submit_online(
    *, process: Process, data: CahierInput, actor: User, now: dt.datetime | None = None
) -> CollectiveContribution:
    """A cahier filed online by a member of an organisation, while the channel is open."""
    now = now or timezone.now()
    organisation = data.organisation
    if (
        organisation is None
        or not Membership.objects.filter(organisation=organisation, user=actor).exists()
    ):
        raise CollectiveError(
            _("Seul·e un·e membre de l'organisation peut déposer son cahier d'acteurs.")
        )
    refusal = organisation_refusal(organisation)
    if refusal:
        raise CollectiveError(refusal)
    channel = collective_channel(process)
    if channel is None or not channel.is_open(now):
        raise ChannelClosed(
            _("Le dépôt des cahiers d'acteurs est fermé : aucun cahier n'est accepté en ligne.")
        )
    data.organisation_name = organisation.name
    data.organisation_kind = organisation.kind
    return _create(
        process=process,
        data=data,
        source=CollectiveContribution.Source.ONLINE,
        actor=actor,
        document=None,
        check_channel=True,
        now=now,
    )


def cahier_enter(
    *,
    process: Process,
    data: CahierInput,
    document: CheckedFile,
    actor: User,
    now: dt.datetime | None = None,
) -> CollectiveContribution:
    """A cahier received by mail (PDF or DOCX, kept privately), typed in by staff. Allowed
    after the deadline: it is then flagged late. Linked to the organisation of that name
    when one exists (the name typed is kept as it is)."""
    if data.organisation is None and data.organisation_name.strip():
        data.organisation = Organisation.objects.filter(
            name__iexact=data.organisation_name.strip()
        ).first()
    return _create(
        process=process,
        data=data,
        source=CollectiveContribution.Source.DOCUMENT,
        actor=actor,
        document=document,
        check_channel=False,
        now=now or timezone.now(),
    )


# --- Original works ---------------------------------------------------------------------------


def work_create(
    *,
    process: Process,
    kind: str,
    title: str,
    authors: str,
    description: str,
    text_alternative: str,
    questions: list[Question],
    checked: CheckedFile,
    actor: User,
) -> OriginalWork:
    if not questions:
        raise CollectiveError(_("Choisissez au moins une question à laquelle l'œuvre répond."))
    if not description.strip():
        raise CollectiveError(_("Décrivez l'œuvre."))
    with transaction.atomic():
        result = contribution_submit(
            process=process,
            data=ContributionInput(
                kind=Contribution.Kind.TESTIMONY,
                neighbourhood=None,
                profile="",
                consent_publication=True,
                consent_processing=True,
                answers=dict.fromkeys(questions, description.strip()),
                author_name=authors.strip()[:80],
            ),
            submission_token=uuid.uuid4(),
            channel=Channel.Kind.WORK,
            check_channel=False,
        )
        work = OriginalWork(
            process=process,
            kind=kind,
            title=title.strip(),
            authors=authors.strip(),
            description=description.strip(),
            text_alternative=text_alternative.strip(),
            original_name=checked.original_name,
            content_type=checked.content_type,
            extension=checked.extension,
            contribution=result.contribution,
            uploaded_by=actor,
        )
        work.file.save("work", ContentFile(checked.content), save=False)
        work.save()
        work.questions.set(questions)
        audit(actor=actor, action="work.create", target=result.contribution)
    return work


def work_update_text(*, work: OriginalWork, text_alternative: str, actor: User) -> OriginalWork:
    with transaction.atomic():
        work.text_alternative = text_alternative.strip()
        work.save(update_fields=["text_alternative"])
        audit(actor=actor, action="work.update_text", target=work.contribution)
    return work


def work_publish_refusal(contribution: Contribution) -> str | None:
    """Publish guard (registered in CollectiveConfig.ready): an original work is published
    only with its transcript or alternative text, whatever the path (back-office included)."""
    if contribution.channel != Channel.Kind.WORK:
        return None
    work = OriginalWork.objects.filter(contribution=contribution).first()
    if work is None or work.text_alternative.strip():
        return None
    if work.kind == OriginalWork.Kind.PHOTO:
        return str(
            _(
                "Publication impossible : ajoutez d'abord un texte alternatif décrivant la "
                "photo, pour les personnes qui ne la voient pas."
            )
        )
    return str(
        _(
            "Publication impossible : ajoutez d'abord la transcription de l'œuvre, pour "
            "les personnes qui ne l'entendent pas."
        )
    )


def work_publish(*, work: OriginalWork, actor: User) -> OriginalWork:
    """Publish a work: refused while it has no transcript or alternative text."""
    refusal = work_publish_refusal(work.contribution)
    if refusal:
        raise CollectiveError(refusal)
    contribution_moderate(contribution=work.contribution, transition="publish", actor=actor)
    return work
