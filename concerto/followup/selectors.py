"""Reading the path of a contribution from its receipt number, for its public page.

Nothing personal is read or returned: no name, e-mail, neighbourhood, age, profile, and no
text; not even the questions' answers. A contribution that was not published shows only its
status (never the private moderation reason).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.contributions.models import Answer, Contribution
from concerto.processes.models import Process
from concerto.strategy.thread import Thread, thread_for

RECEIPT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$")


class PathStatus:
    RECEIVED = "received"
    PUBLISHED = "published"
    NOT_PUBLISHED = "not_published"


def normalise_receipt(raw: str) -> str | None:
    """The receipt number as stored (upper case), or None if it cannot be one."""
    value = (raw or "").strip().upper()
    return value if RECEIPT_RE.match(value) else None


def path_status(contribution: Contribution) -> str:
    if contribution.status == Contribution.Status.PUBLISHED:
        return PathStatus.PUBLISHED
    if contribution.status in (
        Contribution.Status.REJECTED,
        Contribution.Status.PRIVATE,
        Contribution.Status.SET_ASIDE,
    ):
        return PathStatus.NOT_PUBLISHED
    return PathStatus.RECEIVED  # waiting for moderation, or for its author's changes


STATUS_LABELS = {
    PathStatus.RECEIVED: gettext_lazy("reçue"),
    PathStatus.PUBLISHED: gettext_lazy("publiée"),
    PathStatus.NOT_PUBLISHED: gettext_lazy("non publiée"),
}


@dataclass
class Step:
    """One dated step of the timeline."""

    on: dt.date
    label: str
    url: str = ""


@dataclass
class ReceiptPath:
    receipt: str
    process: Process
    received_at: dt.datetime
    channel_label: str
    status: str
    public_url: str
    questions: list[str] = field(default_factory=list)
    thread: Thread | None = None
    timeline: list[Step] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def _day(value: dt.datetime | dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _timeline(contribution: Contribution, status: str, thread: Thread | None) -> list[Step]:
    steps = [
        Step(
            _day(contribution.submitted_at),
            _("Contribution reçue (%(channel)s)") % {"channel": contribution.get_channel_display()},
        )
    ]
    if status == PathStatus.PUBLISHED and contribution.published_at:
        steps.append(Step(_day(contribution.published_at), _("Publiée sur la plateforme")))
    if thread is None:
        return steps
    cited: dict[tuple[str, dt.date], list[str]] = {}
    for proposal in thread.proposals:
        if proposal.cited_at:
            cited.setdefault((proposal.report_title, _day(proposal.cited_at)), []).append(
                proposal.code
            )
    for (report_title, on), codes in cited.items():
        steps.append(
            Step(
                on,
                _("Le rapport « %(report)s » est publié : elle nourrit %(codes)s")
                % {"report": report_title, "codes": ", ".join(codes)},
            )
        )
    for proposal in thread.proposals:
        answer = proposal.answer
        if answer is not None:
            for number, published_at in answer.versions:
                label = (
                    _("La Ville répond à la préconisation %(code)s")
                    if number == 1
                    else _("Nouvelle version (%(version)s) de la réponse à %(code)s")
                )
                steps.append(
                    Step(
                        _day(published_at),
                        label % {"code": proposal.code, "version": number},
                        answer.url,
                    )
                )
    for action in thread.actions:
        if action.started_on:
            steps.append(
                Step(action.started_on, _("Action commencée : %(t)s") % {"t": action.title})
            )
        if action.done_on:
            steps.append(Step(action.done_on, _("Action terminée : %(t)s") % {"t": action.title}))
    steps.sort(key=lambda step: step.on)
    return steps


def receipt_path(receipt: str) -> ReceiptPath | None:
    """The public path of the contribution with this receipt number (of a published
    process), or None. A fixed number of queries, whatever follows from it."""
    number = normalise_receipt(receipt)
    if number is None:
        return None
    contribution = (
        Contribution.objects.select_related("process")
        .only(
            "pk",
            "receipt_number",
            "channel",
            "status",
            "submitted_at",
            "published_at",
            "process__slug",
            "process__title",
            "process__is_published",
        )
        .filter(receipt_number=number, process__is_published=True)
        .first()
    )
    if contribution is None:
        return None
    status = path_status(contribution)
    path = ReceiptPath(
        receipt=contribution.receipt_number,
        process=contribution.process,
        received_at=contribution.submitted_at,
        channel_label=contribution.get_channel_display(),
        status=status,
        public_url=contribution.get_absolute_url() if status == PathStatus.PUBLISHED else "",
    )
    if status != PathStatus.NOT_PUBLISHED:
        path.questions = [
            _("Question %(number)s — %(title)s") % {"number": number, "title": title}
            for number, title in Answer.objects.filter(contribution=contribution)
            .order_by("question__number")
            .values_list("question__number", "question__title")
        ]
        path.thread = thread_for(contribution.pk)
    path.timeline = _timeline(contribution, status, path.thread)
    return path
