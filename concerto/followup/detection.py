"""Detecting what changed downstream of the contributions whose author opted in.

Detection compares the current state (the public thread of each contribution, see
``threads``) with the events already in the log: an event is identified by its contribution,
kind, object and version, so running it twice records nothing new (idempotent), and two runs
at the same time cannot record the same event twice (unique constraint).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from concerto.contributions.models import Contribution
from concerto.followup.models import FollowupEvent
from concerto.strategy.thread import Thread, threads_for

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
Kind = FollowupEvent.Kind
EventKey = tuple[int, str, str, str, int]


@dataclass
class DetectReport:
    contributions: int = 0
    events: int = 0


def _at(value: dt.date | dt.datetime) -> dt.datetime:
    """A date as a datetime (noon, local time), for the log's ``occurred_at``."""
    if isinstance(value, dt.datetime):
        return value
    return timezone.make_aware(dt.datetime.combine(value, dt.time(12, 0)))


def _candidates(
    contribution_id: int, published_at: dt.datetime | None, thread: Thread
) -> list[FollowupEvent]:
    def event(
        kind: str,
        object_type: str,
        object_id: int,
        occurred_at: dt.date | dt.datetime,
        *,
        version: int = 0,
        label: str = "",
        detail: str = "",
    ) -> FollowupEvent:
        return FollowupEvent(
            contribution_id=contribution_id,
            kind=kind,
            object_type=object_type,
            object_id=str(object_id),
            version=version,
            label=label[:300],
            detail=detail[:300],
            occurred_at=_at(occurred_at),
        )

    events = []
    if published_at is not None:
        events.append(
            event(Kind.PUBLISHED, "contributions.contribution", contribution_id, published_at)
        )
    for proposal in thread.proposals:
        label = f"{proposal.code}. {proposal.title}"
        if proposal.cited_at is not None:
            events.append(
                event(
                    Kind.CITED,
                    "reports.proposal",
                    proposal.pk,
                    proposal.cited_at,
                    label=label,
                    detail=proposal.why,  # "codée « … » → P6": why it follows
                )
            )
        answer = proposal.answer
        if answer is not None:
            for number, published in answer.versions:
                events.append(
                    event(
                        Kind.ANSWERED if number == 1 else Kind.ANSWER_CHANGED,
                        "strategy.proposalanswer",
                        answer.pk,
                        published,
                        version=number,
                        label=label,
                        detail=answer.decision_label,
                    )
                )
    for action in thread.actions:
        if action.started_on is not None:
            events.append(
                event(
                    Kind.ACTION_STARTED,
                    "strategy.action",
                    action.pk,
                    action.started_on,
                    label=action.title,
                )
            )
        if action.done_on is not None:
            events.append(
                event(
                    Kind.ACTION_DONE,
                    "strategy.action",
                    action.pk,
                    action.done_on,
                    label=action.title,
                )
            )
    return events


def _key(event: FollowupEvent) -> EventKey:
    return (event.contribution_id, event.kind, event.object_type, event.object_id, event.version)


def followups_detect(
    *, contribution_ids: list[int] | None = None, dry_run: bool = False
) -> DetectReport:
    """Record in the log the changes not yet recorded, for every contribution whose author
    opted in and left an address (or only ``contribution_ids``). ``dry_run``: count them
    without recording anything."""
    subscribed = Contribution.objects.filter(followup_opt_in=True).exclude(email="")
    if contribution_ids is not None:
        subscribed = subscribed.filter(pk__in=contribution_ids)
    rows = list(subscribed.order_by("pk").values_list("pk", "status", "published_at"))
    report = DetectReport(contributions=len(rows))
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        ids = [pk for pk, _status, _published in batch]
        threads = threads_for(ids)
        known = set(
            FollowupEvent.objects.filter(contribution_id__in=ids).values_list(
                "contribution_id", "kind", "object_type", "object_id", "version"
            )
        )
        new: dict[EventKey, FollowupEvent] = {}
        for pk, status, published_at in batch:
            if status in (Contribution.Status.REJECTED, Contribution.Status.SET_ASIDE):
                continue  # its receipt path shows only its status: nothing to tell
            published = published_at if status == Contribution.Status.PUBLISHED else None
            for event in _candidates(pk, published, threads[pk]):
                if _key(event) not in known:
                    new.setdefault(_key(event), event)
        if dry_run:
            report.events += len(new)
        elif new:
            with transaction.atomic():
                created = FollowupEvent.objects.bulk_create(
                    new.values(), ignore_conflicts=True, batch_size=BATCH_SIZE
                )
            report.events += len(created)
    logger.info(
        "Suivi : %s contributions suivies, %s événements nouveaux",
        report.contributions,
        report.events,
    )
    return report
