"""Commitments and actions: creation, edition, deletion (``strategy.manage``). Every change
of an action is written to its history (``ActionChange``) and to the audit log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F as Column
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.core.audit import audit
from concerto.processes.models import Neighbourhood, Process
from concerto.reports.models import Proposal
from concerto.strategy.errors import StrategyError
from concerto.strategy.models import (
    Action,
    ActionChange,
    Commitment,
    Decision,
    ProposalAnswer,
    ProposalAnswerVersion,
)
from concerto.strategy.services._common import clean_text, day, public_changed, record, require
from concerto.strategy.services.progress import rollup

F = ActionChange.Field


# --- Commitments -----------------------------------------------------------------------------


def commitment_create(
    *,
    process: Process,
    title: str,
    description: str = "",
    number: int | None = None,
    actor: User,
) -> Commitment:
    require(actor, "strategy.manage")
    title = clean_text(title, label=_("Engagement"), field="title", max_length=300)
    with transaction.atomic():
        Process.objects.select_for_update().filter(pk=process.pk).first()
        if number is None:
            number = (
                Commitment.objects.filter(process=process).aggregate(n=Max("number"))["n"] or 0
            ) + 1
        if number < 1:
            raise StrategyError(_("Le numéro d'un engagement commence à 1."), "number")
        if Commitment.objects.filter(process=process, number=number).exists():
            raise StrategyError(_("L'engagement n° %(n)d existe déjà.") % {"n": number}, "number")
        commitment = Commitment.objects.create(
            process=process,
            number=number,
            title=title,
            description=(description or "").strip(),
            position=number,
        )
        audit(actor=actor, action="strategy.commitment_create", target=commitment)
        public_changed()
    return commitment


def commitment_update(
    *, commitment: Commitment, title: str, description: str = "", actor: User
) -> Commitment:
    require(actor, "strategy.manage")
    title = clean_text(title, label=_("Engagement"), field="title", max_length=300)
    with transaction.atomic():
        old = {"title": commitment.title, "description": commitment.description}
        commitment.title = title
        commitment.description = (description or "").strip()
        commitment.save(update_fields=["title", "description"])
        audit(
            actor=actor,
            action="strategy.commitment_update",
            target=commitment,
            data={"before": old},
        )
        public_changed()
    return commitment


def commitment_delete(*, commitment: Commitment, actor: User) -> None:
    require(actor, "strategy.manage")
    with transaction.atomic():
        if commitment.actions.exists():
            raise StrategyError(
                _(
                    "Cet engagement a des actions : supprimez-les ou changez leur statut "
                    "(abandonnée, avec son motif) plutôt que de supprimer l'engagement."
                )
            )
        audit(
            actor=actor,
            action="strategy.commitment_delete",
            target=commitment,
            data={"number": commitment.number, "title": commitment.title},
        )
        commitment.delete()
        public_changed()


# --- Actions ---------------------------------------------------------------------------------


@dataclass
class ActionInput:
    title: str
    description: str = ""
    is_flagship: bool = False
    lead_service: str = ""
    partners: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    progress_weighting: str = Action.Weighting.BUDGET
    neighbourhoods: list[Neighbourhood] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    answers: list[ProposalAnswer] = field(default_factory=list)


def _check(process: Process, data: ActionInput) -> None:
    data.title = clean_text(data.title, label=_("Titre de l'action"), field="title", max_length=300)
    data.description = (data.description or "").strip()
    data.lead_service = (data.lead_service or "").strip()[:200]
    data.partners = (data.partners or "").strip()
    if data.start_date and data.end_date and data.end_date < data.start_date:
        raise StrategyError(
            _("La fin prévue (%(end)s) précède le début prévu (%(start)s).")
            % {"end": day(data.end_date), "start": day(data.start_date)},
            "end_date",
        )
    if data.progress_weighting not in Action.Weighting.values:
        raise StrategyError(_("Mode de calcul de l'avancement inconnu."), "progress_weighting")
    for neighbourhood in data.neighbourhoods:
        if neighbourhood.process_id != process.pk:
            raise StrategyError(
                _("Le quartier « %(name)s » n'appartient pas à cette démarche.")
                % {"name": neighbourhood.name},
                "neighbourhoods",
            )
    proposal_ids = [p.pk for p in data.proposals]
    foreign = (
        Proposal.objects.filter(pk__in=proposal_ids)
        .exclude(report__process=process)
        .order_by("number")
        .first()
    )
    if foreign is not None:
        raise StrategyError(
            _(
                "La préconisation %(code)s appartient au rapport d'une autre démarche : "
                "elle ne peut pas être liée à cette action."
            )
            % {"code": foreign.code},
            "proposals",
        )
    for answer in data.answers:
        if answer.process_id != process.pk:
            raise StrategyError(
                _(
                    "Cette réponse appartient à une autre démarche : elle ne peut pas être "
                    "liée à cette action."
                ),
                "answers",
            )
    # A published "non retenue" cannot be implemented without its public explanation.
    refused = (
        ProposalAnswerVersion.objects.filter(
            Q(answer__proposal_id__in=proposal_ids) | Q(answer__in=[a.pk for a in data.answers]),
            answer__current_version=Column("pk"),
            decision=Decision.NOT_RETAINED,
            actions_note="",
        )
        .select_related("answer__proposal")
        .order_by("answer__proposal__number")
        .first()
    )
    if refused is not None:
        raise StrategyError(
            _(
                "La Ville a répondu « non retenue » à %(code)s : une action ne peut la mettre "
                "en œuvre que si la réponse publiée explique pourquoi. Modifiez d'abord la "
                "réponse (« Pourquoi des actions la mettent en œuvre malgré tout »)."
            )
            % {"code": refused.answer.proposal.code},
            "proposals",
        )


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return str(_("oui") if value else _("non"))
    return str(value)


def _links_label(proposals: list[Proposal], answers: list[ProposalAnswer]) -> str:
    """ "P2, P5 ; réponse à P2": the proposals and answers an action implements."""
    codes = [p.code for p in sorted(proposals, key=lambda p: p.number)]
    answered = [
        _("réponse à %(code)s") % {"code": a.proposal.code}
        for a in sorted(answers, key=lambda a: a.proposal.number)
    ]
    return " ; ".join(part for part in (", ".join(codes), ", ".join(answered)) if part)


def action_create(
    *,
    commitment: Commitment,
    data: ActionInput,
    parent: Action | None = None,
    actor: User,
    now: dt.datetime | None = None,
) -> Action:
    """A new action of ``commitment`` (or a sub-action of ``parent``, one level only)."""
    require(actor, "strategy.manage")
    now = now or timezone.now()
    process = commitment.process
    _check(process, data)
    if parent is not None:
        if parent.commitment_id != commitment.pk:
            raise StrategyError(
                _("Une sous-action appartient au même engagement que son action."), "parent"
            )
        if parent.parent_id is not None:
            raise StrategyError(
                _("Une sous-action ne peut pas avoir elle-même de sous-actions."), "parent"
            )
    with transaction.atomic():
        Commitment.objects.select_for_update().filter(pk=commitment.pk).first()
        siblings = Action.objects.filter(commitment=commitment, parent=parent)
        number = (siblings.aggregate(n=Max("number"))["n"] or 0) + 1
        prefix = parent.code if parent is not None else str(commitment.number)
        try:
            with transaction.atomic():
                action = Action.objects.create(
                    process=process,
                    commitment=commitment,
                    parent=parent,
                    number=number,
                    code=f"{prefix}.{number}",
                    position=number,
                    title=data.title,
                    description=data.description,
                    is_flagship=data.is_flagship,
                    lead_service=data.lead_service,
                    partners=data.partners,
                    start_date=data.start_date,
                    end_date=data.end_date,
                    progress_weighting=data.progress_weighting,
                )
        except IntegrityError as exc:
            raise StrategyError(_("Une action porte déjà ce code : réessayez.")) from exc
        action.neighbourhoods.set(data.neighbourhoods)
        action.proposals.set(data.proposals)
        action.answers.set(data.answers)
        record(action=action, field=F.CREATED, new=action.title, actor=actor, now=now)
        links = _links_label(data.proposals, data.answers)
        if links:
            record(action=action, field=F.LINKS, new=links, actor=actor, now=now)
        audit(
            actor=actor,
            action="strategy.action_create",
            target=action,
            data={"code": action.code, "links": links},
        )
        if parent is not None:
            rollup(parent, actor=actor, now=now)
        public_changed()
    return action


def action_update(
    *, action: Action, data: ActionInput, actor: User, now: dt.datetime | None = None
) -> Action:
    """Change what an action is (title, description, flagship, service, partners,
    neighbourhoods, planned dates, links): each change goes to its history."""
    require(actor, "strategy.manage")
    now = now or timezone.now()
    _check(action.process, data)
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        changed_details = []
        labels = {
            "title": _("titre"),
            "description": _("description"),
            "is_flagship": _("action phare"),
            "lead_service": _("service pilote"),
            "partners": _("partenaires"),
            "progress_weighting": _("calcul de l'avancement"),
        }
        for name, label in labels.items():
            if getattr(action, name) != getattr(data, name):
                changed_details.append((name, label, _shown(getattr(action, name))))
                setattr(action, name, getattr(data, name))
        old_dates = f"{day(action.start_date)} → {day(action.end_date)}"
        dates_changed = (action.start_date, action.end_date) != (data.start_date, data.end_date)
        action.start_date, action.end_date = data.start_date, data.end_date
        action.save()
        old_neighbourhoods = sorted(n.name for n in action.neighbourhoods.all())
        new_neighbourhoods = sorted(n.name for n in data.neighbourhoods)
        if old_neighbourhoods != new_neighbourhoods:
            action.neighbourhoods.set(data.neighbourhoods)
            changed_details.append(
                ("neighbourhoods", _("quartiers"), ", ".join(old_neighbourhoods))
            )
        old_links = _links_label(
            list(action.proposals.all()), list(action.answers.select_related("proposal"))
        )
        new_links = _links_label(data.proposals, data.answers)
        if changed_details:
            record(
                action=action,
                field=F.DETAILS,
                old="; ".join(f"{label} : {old}" for _n, label, old in changed_details)[:2000],
                new=", ".join(str(label) for _n, label, _old in changed_details),
                actor=actor,
                now=now,
            )
        if dates_changed:
            record(
                action=action,
                field=F.DATES,
                old=old_dates,
                new=f"{day(action.start_date)} → {day(action.end_date)}",
                actor=actor,
                now=now,
            )
        if old_links != new_links:
            action.proposals.set(data.proposals)
            action.answers.set(data.answers)
            record(action=action, field=F.LINKS, old=old_links, new=new_links, actor=actor, now=now)
        audit(
            actor=actor,
            action="strategy.action_update",
            target=action,
            data={
                "changed": [name for name, _label, _old in changed_details],
                "dates": dates_changed,
                "links": old_links != new_links,
            },
        )
        if any(name == "progress_weighting" for name, _l, _o in changed_details):
            rollup(action, actor=actor, now=now)
        public_changed()
    return action


def action_delete(*, action: Action, actor: User) -> None:
    require(actor, "strategy.manage")
    with transaction.atomic():
        if action.children.exists():
            raise StrategyError(_("Cette action a des sous-actions : supprimez-les d'abord."))
        parent = action.parent
        audit(
            actor=actor,
            action="strategy.action_delete",
            target=action,
            data={"code": action.code, "title": action.title},
        )
        action.delete()
        if parent is not None:
            rollup(parent, actor=actor, now=timezone.now())
        public_changed()
