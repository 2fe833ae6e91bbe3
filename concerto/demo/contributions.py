"""Generated contributions and the quartiers of a demo process, shared by both demo
processes (``concerto.demo.loader``, ``concerto.demo.scenario``).

Contributions go through the real services: ``contribution_submit`` (receipt numbers,
audit rows) and ``contribution_moderate`` with the demo moderator (search document, audit
rows), so the demo looks exactly like data that went through the platform.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection
from decimal import Decimal

from concerto.accounts.models import User
from concerto.contributions.models import Contribution
from concerto.contributions.moderation import contribution_moderate
from concerto.contributions.services import ContributionInput, contribution_submit
from concerto.contributions.workflow import CHARTER_REASONS
from concerto.demo import nantes
from concerto.demo.textgen import CHANNELS, CLOSED, generate
from concerto.processes.models import Channel, Neighbourhood, Process, Question, Urn


def create_neighbourhoods(process: Process) -> None:
    Neighbourhood.objects.bulk_create(
        Neighbourhood(
            process=process, name=n.name, slug=n.slug, order=order, is_outside=n.is_outside
        )
        for order, n in enumerate(nantes.NEIGHBOURHOODS)
    )


def create_urns(
    process: Process,
    *,
    present_from: dt.date,
    present_until: dt.date,
    codes: Collection[str] | None = None,
) -> None:
    """The urns of the seeds (all, or those of ``codes``) in the process's neighbourhoods."""
    by_slug = {n.slug: n for n in Neighbourhood.objects.filter(process=process)}
    Urn.objects.bulk_create(
        Urn(
            process=process,
            code=u.code,
            place_name=u.place_name,
            place_kind=u.place_kind,
            address=u.address,
            neighbourhood=by_slug[u.neighbourhood],
            latitude=Decimal(u.latitude),
            longitude=Decimal(u.longitude),
            opening_hours=u.opening_hours,
            present_from=present_from,
            present_until=present_until,
        )
        for u in nantes.URNS
        if codes is None or u.code in codes
    )


def create_contributions(
    process: Process,
    count: int,
    moderator: User,
    resident: User | None,
    now: dt.datetime,
    *,
    statuses: tuple[tuple[str, float], ...] = CLOSED,
    channels: tuple[tuple[str, int], ...] = CHANNELS,
) -> int:
    """``count`` generated contributions inside the online channel's window (up to ``now``),
    submitted and moderated through the services."""
    online = Channel.objects.get(process=process, kind=Channel.Kind.ONLINE)
    start, end = online.opens_at, min(online.closes_at, now)
    if count <= 0 or end <= start:
        return 0
    questions = {q.number: q for q in Question.objects.filter(process=process)}
    places = {n.slug: n for n in Neighbourhood.objects.filter(process=process)}
    created = 0
    for spec in generate(count, window=end - start, statuses=statuses, channels=channels):
        submitted_at = start + spec.submitted_after
        result = contribution_submit(
            process=process,
            data=ContributionInput(
                kind=spec.kind,
                neighbourhood=places[spec.neighbourhood],
                profile=spec.profile,
                age_bracket=spec.age_bracket,
                author_name=spec.author_name,
                consent_publication=spec.consent_publication,
                consent_processing=True,
                answers={questions[n]: text for n, text in spec.answers.items()},
            ),
            submission_token=uuid.uuid4(),
            channel=spec.channel,
            now=submitted_at,
            is_demo=True,
            check_channel=False,
        )
        contribution = result.contribution
        created += 1
        if spec.status == Contribution.Status.CHANGES_REQUESTED:
            # The edit link needs an address; set after the submit, so no receipt is sent.
            Contribution.objects.filter(pk=contribution.pk).update(email=spec.email)
        if spec.status == Contribution.Status.PUBLISHED:
            published_at = min(submitted_at + spec.publish_delay, now)
            Contribution.objects.filter(pk=contribution.pk).update(published_at=published_at)
            contribution_moderate(contribution=contribution, transition="publish", actor=moderator)
        elif spec.status == Contribution.Status.REJECTED and (
            spec.rejection_reason in CHARTER_REASONS or contribution.consent_publication
        ):
            # Against the charter: set aside from the analysis; otherwise only its
            # publication is refused (without consent there is no publication to refuse).
            contribution_moderate(
                contribution=contribution,
                transition="set_aside" if spec.rejection_reason in CHARTER_REASONS else "reject",
                actor=moderator,
                reason=spec.rejection_reason,
                note=spec.moderation_note,
            )
        elif (
            spec.status == Contribution.Status.CHANGES_REQUESTED
            and contribution.consent_publication
        ):
            contribution_moderate(
                contribution=contribution,
                transition="request_changes",
                actor=moderator,
                note=spec.moderation_note,
            )
        # Set after the services ran, so that no receipt or decision e-mail is queued
        # (only the request for changes above sends its edit link, to @exemple.test).
        extra: dict[str, object] = {}
        if spec.email and spec.status != Contribution.Status.CHANGES_REQUESTED:
            extra["email"] = spec.email
        if resident is not None and spec.channel == Channel.Kind.ONLINE and spec.index % 40 == 7:
            extra["user"] = resident
        if extra:
            Contribution.objects.filter(pk=contribution.pk).update(**extra)
    return created
