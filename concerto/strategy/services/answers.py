"""Writing "La réponse de la Ville": draft (analysts, admins), validation (an elected
official, one answer or all the drafted ones), publication of every validated answer
together (admins). Published versions are never changed: a change is a new version,
with its reason, validated and published again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.core.audit import audit
from concerto.processes.models import Process
from concerto.reports.models import Proposal
from concerto.strategy.errors import StrategyError
from concerto.strategy.models import (
    Action,
    AnswerPublication,
    Decision,
    ProposalAnswer,
    ProposalAnswerVersion,
)
from concerto.strategy.selectors import published_proposals
from concerto.strategy.services._common import clean_text, public_changed, require

State = ProposalAnswer.State
COMPARED = ("decision", "justification", "official", "service", "decided_on", "actions_note")
COMMENT_MAX = 2000


@dataclass
class AnswerInput:
    decision: str
    justification: str
    official: str
    service: str
    decided_on: dt.date | None
    reason: str = ""
    # Required when the decision is "non retenue" and actions implement it anyway.
    actions_note: str = ""


def _clean(data: AnswerInput) -> AnswerInput:
    if data.decision not in Decision.values:
        raise StrategyError(
            _("Choisissez la décision : retenue, retenue en partie, non retenue ou à l'étude."),
            "decision",
        )
    if data.decided_on is None:
        raise StrategyError(_("Indiquez la date de la décision."), "decided_on")
    return AnswerInput(
        decision=data.decision,
        justification=clean_text(
            data.justification, label=_("Justification"), field="justification"
        ),
        official=clean_text(
            data.official, label=_("Élu·e en charge"), field="official", max_length=200
        ),
        service=clean_text(
            data.service, label=_("Service en charge"), field="service", max_length=200
        ),
        decided_on=data.decided_on,
        reason=(data.reason or "").strip(),
        actions_note=(data.actions_note or "").strip(),
    )


def _same(answer: ProposalAnswer | ProposalAnswerVersion, data: AnswerInput) -> bool:
    return all(getattr(answer, name) == getattr(data, name) for name in COMPARED)


def answer_save(
    *,
    proposal: Proposal,
    data: AnswerInput,
    actor: User,
    now: dt.datetime | None = None,
) -> ProposalAnswer:
    """Draft (or redraft) the answer to ``proposal``. Any change sends it back to draft:
    it needs an official's validation again. Changing a published answer needs a reason,
    published with the new version."""
    require(actor, "answers.draft")
    now = now or timezone.now()
    cleaned = _clean(data)
    process = proposal.report.process
    if not published_proposals(process).filter(pk=proposal.pk).exists():
        raise StrategyError(
            _(
                "%(code)s ne fait pas partie du rapport publié (ou elle en a été retirée) : "
                "elle ne reçoit pas de réponse."
            )
            % {"code": proposal.code}
        )
    with transaction.atomic():
        answer = ProposalAnswer.objects.select_for_update().filter(proposal=proposal).first()
        if (
            answer is not None
            and answer.state != State.RETURNED
            and _same(answer, cleaned)
            and cleaned.reason == answer.change_reason
        ):
            return answer  # nothing changed: the state (and validation) stays
        if answer is not None and answer.current_version is not None:
            published = answer.current_version
            if _same(published, cleaned) and answer.state != State.RETURNED:
                # Back to the published values: the pending change is withdrawn.
                answer.state = State.PUBLISHED
                answer.change_reason = ""
                answer.validated_by_id = published.validated_by_id
                answer.validated_at = published.validated_at
                for name in COMPARED:
                    setattr(answer, name, getattr(published, name))
                answer.drafted_by = actor
                answer.save()
                audit(
                    actor=actor,
                    action="answers.withdraw_change",
                    target=answer,
                    data={"proposal": proposal.code, "version": published.number},
                )
                return answer
            if not cleaned.reason:
                raise StrategyError(
                    _(
                        "La réponse à %(code)s est déjà publiée : indiquez le motif du "
                        "changement. Il sera publié avec la nouvelle version, et la version "
                        "précédente restera visible."
                    )
                    % {"code": proposal.code},
                    "reason",
                )
        created = answer is None
        was_validated = answer is not None and answer.state == State.VALIDATED
        if answer is None:
            answer = ProposalAnswer(proposal=proposal, process=process)
        for name in COMPARED:
            setattr(answer, name, getattr(cleaned, name))
        answer.change_reason = cleaned.reason if answer.version else ""
        answer.state = State.DRAFT
        answer.validated_by = None
        answer.validated_at = None
        answer.drafted_by = actor
        answer.save()
        audit(
            actor=actor,
            action="answers.draft",
            target=answer,
            reason=answer.change_reason,
            data={
                "proposal": proposal.code,
                "decision": answer.decision,
                "created": created,
                "validation_withdrawn": was_validated,
                "next_version": answer.version + 1,
            },
        )
    return answer


def implementing_codes(answer: ProposalAnswer) -> list[str]:
    """The codes of the actions that implement the answer's proposal (linked to it or to
    the answer)."""
    codes = set(
        Action.objects.filter(Q(proposals=answer.proposal_id) | Q(answers=answer.pk)).values_list(
            "code", flat=True
        )
    )
    return sorted(codes, key=lambda c: tuple(int(p) if p.isdigit() else 0 for p in c.split(".")))


def contradiction(answer: ProposalAnswer) -> str | None:
    """Why the answer contradicts the strategy (a "non retenue" that actions implement,
    without a public explanation), or None."""
    if answer.decision != Decision.NOT_RETAINED or answer.actions_note.strip():
        return None
    codes = implementing_codes(answer)
    if not codes:
        return None
    return _(
        "La réponse à %(code)s dit « non retenue », mais les actions %(actions)s la mettent en "
        "œuvre : expliquez publiquement pourquoi dans « Pourquoi des actions la mettent en "
        "œuvre malgré tout », ou changez la décision."
    ) % {"code": answer.proposal.code, "actions": ", ".join(codes)}


def _check_ready(answer: ProposalAnswer) -> None:
    if answer.state == State.RETURNED:
        raise StrategyError(
            _(
                "La réponse à %(code)s a été renvoyée pour modification : elle attend une "
                "nouvelle rédaction avant d'être validée."
            )
            % {"code": answer.proposal.code}
        )
    if answer.state == State.VALIDATED:
        raise StrategyError(
            _("La réponse à %(code)s est déjà validée.") % {"code": answer.proposal.code}
        )
    if answer.state == State.PUBLISHED:
        raise StrategyError(
            _("La réponse à %(code)s est publiée et n'a pas été modifiée depuis : rien à valider.")
            % {"code": answer.proposal.code}
        )
    if answer.version and not answer.change_reason.strip():
        raise StrategyError(
            _(
                "La modification de la réponse à %(code)s n'a pas de motif : elle ne peut pas "
                "être validée."
            )
            % {"code": answer.proposal.code}
        )
    problem = contradiction(answer)
    if problem:
        raise StrategyError(problem, "actions_note")


def _validate(answer: ProposalAnswer, actor: User, now: dt.datetime) -> None:
    answer.state = State.VALIDATED
    answer.validated_by = actor
    answer.validated_at = now
    answer.save(update_fields=["state", "validated_by", "validated_at", "updated_at"])
    audit(
        actor=actor,
        action="answers.validate",
        target=answer,
        data={"proposal": answer.proposal.code, "decision": answer.decision},
    )


def answer_validate(
    *, answer: ProposalAnswer, actor: User, now: dt.datetime | None = None
) -> ProposalAnswer:
    """An elected official validates one drafted answer."""
    require(actor, "answers.validate")
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            ProposalAnswer.objects.select_for_update().select_related("proposal").get(pk=answer.pk)
        )
        _check_ready(locked)
        _validate(locked, actor, now)
    return locked


def answer_send_back(
    *, answer: ProposalAnswer, comment: str, actor: User, now: dt.datetime | None = None
) -> ProposalAnswer:
    """An elected official sends a drafted answer back to its authors, with a comment that
    says what to change (required). The answer waits for a new draft."""
    require(actor, "answers.validate")
    now = now or timezone.now()
    comment = (comment or "").strip()
    if not comment:
        raise StrategyError(
            _(
                "Écrivez un commentaire pour dire ce qu'il faut changer : une réponse ne se "
                "renvoie pas sans explication."
            ),
            "comment",
        )
    if len(comment) > COMMENT_MAX:
        raise StrategyError(
            _("Le commentaire fait %(max)d caractères au plus.") % {"max": COMMENT_MAX},
            "comment",
        )
    with transaction.atomic():
        locked = (
            ProposalAnswer.objects.select_for_update().select_related("proposal").get(pk=answer.pk)
        )
        if locked.state != State.DRAFT:
            raise StrategyError(
                _(
                    "La réponse à %(code)s n'attend pas de validation (elle est « %(state)s ») : "
                    "elle ne peut pas être renvoyée."
                )
                % {"code": locked.proposal.code, "state": locked.get_state_display()}
            )
        locked.state = State.RETURNED
        locked.review_comment = comment
        locked.returned_by = actor
        locked.returned_at = now
        locked.save(
            update_fields=["state", "review_comment", "returned_by", "returned_at", "updated_at"]
        )
        audit(
            actor=actor,
            action="answers.send_back",
            target=locked,
            reason=comment,
            data={"proposal": locked.proposal.code},
        )
    return locked


def answers_validate_all(*, process: Process, actor: User, now: dt.datetime | None = None) -> int:
    """An elected official validates every drafted answer of ``process``; returns how many."""
    require(actor, "answers.validate")
    now = now or timezone.now()
    with transaction.atomic():
        drafts = list(
            ProposalAnswer.objects.select_for_update()
            .select_related("proposal")
            .filter(process=process, state=State.DRAFT)
            .order_by("proposal__number")
        )
        if not drafts:
            raise StrategyError(_("Aucune réponse n'attend de validation."))
        for answer in drafts:
            _check_ready(answer)
        for answer in drafts:
            _validate(answer, actor, now)
    return len(drafts)


def _counts(process: Process) -> dict[str, int]:
    """Decisions of the answers as published now (each answer's current version)."""
    rows = (
        ProposalAnswer.objects.filter(process=process, current_version__isnull=False)
        .values("current_version__decision")
        .annotate(n=Count("pk"))
    )
    return {row["current_version__decision"]: row["n"] for row in rows}


def answers_publish(
    *, process: Process, actor: User, now: dt.datetime | None = None
) -> AnswerPublication:
    """Publish every validated answer of ``process`` together as "La réponse de la Ville"
    (the first publication must answer every proposal of the published report). Builds the
    PDF in background."""
    require(actor, "answers.publish")
    now = now or timezone.now()
    with transaction.atomic():
        answers = list(
            ProposalAnswer.objects.select_for_update()
            .select_related("proposal")
            .filter(process=process)
            .order_by("proposal__number")
        )
        validated = [a for a in answers if a.state == State.VALIDATED]
        first = not AnswerPublication.objects.filter(process=process).exists()
        if first:
            ready = {a.proposal_id for a in validated}
            missing = [
                p.code for p in published_proposals(process).order_by("number") if p.pk not in ready
            ]
            if missing:
                raise StrategyError(
                    _(
                        "La réponse de la Ville répond à toutes les préconisations du rapport : "
                        "%(codes)s n'ont pas encore de réponse validée par un·e élu·e."
                    )
                    % {"codes": ", ".join(missing)}
                )
        if not validated:
            raise StrategyError(
                _("Aucune réponse n'a été validée par un·e élu·e : rien n'est publié.")
            )
        for answer in validated:
            if answer.validated_by_id is None or answer.validated_at is None:
                raise StrategyError(
                    _("La réponse à %(code)s n'a pas été validée par un·e élu·e.")
                    % {"code": answer.proposal.code}
                )
            if answer.version and not answer.change_reason.strip():
                raise StrategyError(
                    _("La modification de la réponse à %(code)s n'a pas de motif.")
                    % {"code": answer.proposal.code}
                )
            problem = contradiction(answer)
            if problem:
                raise StrategyError(problem)
        number = (
            AnswerPublication.objects.filter(process=process).aggregate(n=Max("number"))["n"] or 0
        ) + 1
        publication = AnswerPublication.objects.create(
            process=process,
            number=number,
            published_at=now,
            published_by=actor,
            changed_count=len(validated),
        )
        for answer in validated:
            validator, validated_at = answer.validated_by_id, answer.validated_at
            assert validator is not None and validated_at is not None  # checked above
            version = ProposalAnswerVersion.objects.create(
                answer=answer,
                publication=publication,
                number=answer.version + 1,
                decision=answer.decision,
                justification=answer.justification,
                official=answer.official,
                service=answer.service,
                decided_on=answer.decided_on,
                reason=answer.change_reason if answer.version else "",
                actions_note=answer.actions_note,
                validated_by_id=validator,
                validated_at=validated_at,
                published_at=now,
                published_by=actor,
            )
            answer.version = version.number
            answer.current_version = version
            answer.state = State.PUBLISHED
            answer.published_at = now
            answer.change_reason = ""
            answer.save(
                update_fields=[
                    "version",
                    "current_version",
                    "state",
                    "published_at",
                    "change_reason",
                    "updated_at",
                ]
            )
        counts = _counts(process)
        publication.retained_count = counts.get(Decision.RETAINED, 0)
        publication.partly_count = counts.get(Decision.PARTLY, 0)
        publication.not_retained_count = counts.get(Decision.NOT_RETAINED, 0)
        publication.under_study_count = counts.get(Decision.UNDER_STUDY, 0)
        publication.save(
            update_fields=[
                "retained_count",
                "partly_count",
                "not_retained_count",
                "under_study_count",
            ]
        )
        audit(
            actor=actor,
            action="answers.publish",
            target=publication,
            data={
                "number": number,
                "published": [a.proposal.code for a in validated],
                "counts": {str(k): v for k, v in publication.counts.items()},
            },
        )
        from concerto.strategy.tasks import build_answer_pdf

        transaction.on_commit(partial(build_answer_pdf.enqueue, publication.pk), robust=True)
        public_changed()
    return publication
