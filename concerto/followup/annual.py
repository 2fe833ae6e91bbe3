"""The annual follow-up report ("Rapport annuel de suivi") for the yearly public meeting.

Every figure is computed from the database for a date range, then frozen into
``AnnualReport.content`` (so the page, the PDF and a later reading agree), by a background
task that also renders the PDF with WeasyPrint.

What the range covers:
- actions started (``started_on`` in the range) and done (``done_on`` in the range);
- money: the budget lines of the calendar years the range touches (planned, committed,
  spent), in total and per commitment;
- indicators that moved: first and last measure taken in the range, when they differ;
- answers of the City published or changed (published versions dated in the range);
- what changed: the actions' history (``ActionChange``) in the range, counted by kind, with
  every change of status and the progress of each action from its first to its last change.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.core.audit import audit
from concerto.core.roles import can
from concerto.followup.models import AnnualReport
from concerto.processes.models import Process
from concerto.reports.published import published_report as published_synthesis
from concerto.strategy.models import (
    Action,
    ActionChange,
    BudgetLine,
    Commitment,
    IndicatorMeasure,
    ProposalAnswerVersion,
)

logger = logging.getLogger(__name__)

PUBLISH_PERMISSION = "strategy.manage"  # admins: publishing speaks for the City


class AnnualReportError(Exception):
    """A request was refused; ``str(exc)`` is a French message for the person."""


def euros(value: Decimal | str | int) -> str:
    """``1234567.5`` -> ``1 234 568 €`` (French thousands separator, whole euros)."""
    amount = Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{amount:,.0f}".replace(",", "\u202f") + "\u00a0€"


def number(value: Decimal | str) -> str:
    amount = Decimal(value).normalize()
    text = f"{amount:f}"
    return text.replace(".", ",")


CENT = Decimal("0.01")


def _amount(value: Decimal | int | None) -> str:
    """A decimal as a fixed string with two decimals, the same on every database."""
    return str(Decimal(value or 0).quantize(CENT))


def _day(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The range as aware datetimes: from ``start`` 00:00 to the day after ``end`` 00:00."""
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last twelve months, today included."""
    today = today or timezone.localdate()
    try:
        start = today.replace(year=today.year - 1) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - 1, day=28) + dt.timedelta(days=1)
    return start, today


@dataclass
class AnnualData:
    """The content of a report (JSON-friendly: dates as ISO strings, money as strings)."""

    process: str = ""
    period_start: str = ""
    period_end: str = ""
    generated_at: str = ""
    summary: dict[str, Any] = field(default_factory=dict)
    actions_started: list[dict[str, Any]] = field(default_factory=list)
    actions_done: list[dict[str, Any]] = field(default_factory=list)
    budget: dict[str, Any] = field(default_factory=dict)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)
    changes: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AnnualData:
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)

    @property
    def start(self) -> dt.date:
        return dt.date.fromisoformat(self.period_start)

    @property
    def end(self) -> dt.date:
        return dt.date.fromisoformat(self.period_end)


def _action_row(action: Any) -> dict[str, Any]:
    return {
        "code": action.code,
        "title": action.title,
        "commitment": str(action.commitment),
        "flagship": action.is_flagship,
        "status": str(action.get_status_display()),
        "progress": action.progress,
        "started_on": action.started_on.isoformat() if action.started_on else "",
        "done_on": action.done_on.isoformat() if action.done_on else "",
    }


def _budget(process: Process, start: dt.date, end: dt.date) -> dict[str, Any]:

    years = list(range(start.year, end.year + 1))
    lines = BudgetLine.objects.filter(action__process=process, year__in=years)
    totals = lines.aggregate(planned=Sum("planned"), committed=Sum("committed"), spent=Sum("spent"))
    per_commitment = {
        row["action__commitment_id"]: row
        for row in lines.values("action__commitment_id").annotate(
            planned=Sum("planned"), committed=Sum("committed"), spent=Sum("spent")
        )
    }
    per_year = {
        row["year"]: row
        for row in lines.values("year").annotate(
            planned=Sum("planned"), committed=Sum("committed"), spent=Sum("spent")
        )
    }

    def money(row: dict[str, Any] | None) -> dict[str, str]:
        row = row or {}
        return {name: _amount(row.get(name)) for name in ("planned", "committed", "spent")}

    return {
        "years": years,
        "total": money(totals),
        "by_year": [{"year": year, **money(per_year.get(year))} for year in years],
        "by_commitment": [
            {"commitment": str(commitment), **money(per_commitment.get(commitment.pk))}
            for commitment in Commitment.objects.filter(process=process)
            if commitment.pk in per_commitment
        ],
    }


def _indicators(process: Process, start: dt.date, end: dt.date) -> list[dict[str, Any]]:

    measures = (
        IndicatorMeasure.objects.filter(
            indicator__action__process=process, measured_on__gte=start, measured_on__lte=end
        )
        .select_related("indicator__action")
        .order_by("indicator__action__code", "indicator__position", "indicator_id", "measured_on")
    )
    first: dict[int, Any] = {}
    last: dict[int, Any] = {}
    for measure in measures:
        first.setdefault(measure.indicator_id, measure)
        last[measure.indicator_id] = measure
    rows = []
    for indicator_id, opening in first.items():
        closing = last[indicator_id]
        if closing.value == opening.value:
            continue  # did not move in the range
        indicator = opening.indicator
        rows.append(
            {
                "action": f"{indicator.action.code}. {indicator.action.title}",
                "name": indicator.name,
                "unit": indicator.unit,
                "baseline": _amount(indicator.baseline),
                "target": _amount(indicator.target),
                "first_on": opening.measured_on.isoformat(),
                "first": _amount(opening.value),
                "last_on": closing.measured_on.isoformat(),
                "last": _amount(closing.value),
                "delta": _amount(closing.value - opening.value),
            }
        )
    return rows


def _answers(process: Process, since: dt.datetime, until: dt.datetime) -> list[dict[str, Any]]:

    versions = (
        ProposalAnswerVersion.objects.filter(
            answer__process=process, published_at__gte=since, published_at__lt=until
        )
        .select_related("answer__proposal")
        .order_by("answer__proposal__number", "number")
    )
    # The proposals' titles as the report published them (the live rows may be a draft).
    report = published_synthesis(process.pk)
    titles = {p.number: p.title for p in report.proposals} if report is not None else {}
    return [
        {
            "code": version.answer.proposal.code,
            "title": titles.get(version.answer.proposal.number, version.answer.proposal.title),
            "version": version.number,
            "changed": version.number > 1,
            "decision": str(version.get_decision_display()),
            "published_on": _day(version.published_at).isoformat(),
            "reason": version.reason,
        }
        for version in versions
    ]


def _status_label(value: str) -> str:

    try:
        return str(Action.Status(value).label)
    except ValueError:
        return value


def _percent(value: str) -> str:
    """ "40 %" (as the history writes it) -> "40"."""
    return value.replace("%", "").strip() or "0"


def _changes(process: Process, since: dt.datetime, until: dt.datetime) -> dict[str, Any]:

    changes = list(
        ActionChange.objects.filter(
            action__process=process, created_at__gte=since, created_at__lt=until
        )
        .select_related("action")
        .order_by("created_at", "pk")
    )
    counts: dict[str, int] = defaultdict(int)
    statuses = []
    progress: dict[int, dict[str, Any]] = {}
    for change in changes:
        counts[change.field] += 1
        name = f"{change.action.code}. {change.action.title}"
        if change.field == ActionChange.Field.STATUS:
            statuses.append(
                {
                    "action": name,
                    "on": _day(change.created_at).isoformat(),
                    "old": _status_label(change.old_value),
                    "new": _status_label(change.new_value),
                    "reason": change.reason,
                }
            )
        elif change.field == ActionChange.Field.PROGRESS:
            row = progress.setdefault(
                change.action_id, {"action": name, "old": _percent(change.old_value)}
            )
            row["new"] = _percent(change.new_value)
            row["on"] = _day(change.created_at).isoformat()
    labels = dict(ActionChange.Field.choices)
    return {
        "total": len(changes),
        "actions": len({change.action_id for change in changes}),
        "by_field": [
            {"field": str(labels.get(name, name)), "count": count}
            for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ],
        "statuses": statuses,
        "progress": sorted(progress.values(), key=lambda row: row["action"]),
    }


def annual_figures(
    process: Process, start: dt.date, end: dt.date, *, now: dt.datetime | None = None
) -> AnnualData:
    """Compute the report's content from the database."""

    since, until = _bounds(start, end)
    actions = Action.objects.filter(process=process).select_related("commitment")
    started = list(
        actions.filter(started_on__gte=start, started_on__lte=end).order_by("started_on", "code")
    )
    done = list(actions.filter(done_on__gte=start, done_on__lte=end).order_by("done_on", "code"))
    budget = _budget(process, start, end)
    indicators = _indicators(process, start, end)
    answers = _answers(process, since, until)
    changes = _changes(process, since, until)
    return AnnualData(
        process=process.title,
        period_start=start.isoformat(),
        period_end=end.isoformat(),
        generated_at=(now or timezone.now()).isoformat(),
        summary={
            "actions_started": len(started),
            "actions_done": len(done),
            "flagship_done": sum(1 for action in done if action.is_flagship),
            "spent": budget["total"]["spent"],
            "committed": budget["total"]["committed"],
            "planned": budget["total"]["planned"],
            "indicators_moved": len(indicators),
            "answers_published": sum(1 for row in answers if not row["changed"]),
            "answers_changed": sum(1 for row in answers if row["changed"]),
            "changes": changes["total"],
        },
        actions_started=[_action_row(action) for action in started],
        actions_done=[_action_row(action) for action in done],
        budget=budget,
        indicators=indicators,
        answers=answers,
        changes=changes,
    )


# --- Writes ---------------------------------------------------------------------------------


def annual_report_request(
    *, process: Process, start: dt.date, end: dt.date, actor: User
) -> AnnualReport:
    """Ask for a report: its figures and PDF are made by a background task."""
    if not can(actor, "followup.report"):
        raise PermissionError(_("Vous n'avez pas le droit de produire le rapport annuel."))
    if end < start:
        raise AnnualReportError(_("La fin de la période doit suivre son début."))
    with transaction.atomic():
        report = AnnualReport.objects.create(
            process=process, period_start=start, period_end=end, created_by=actor
        )
        audit(
            actor=actor,
            action="followup.annual_request",
            target=report,
            data={"start": start.isoformat(), "end": end.isoformat()},
        )
        from concerto.followup.tasks import generate_annual_report

        transaction.on_commit(partial(generate_annual_report.enqueue, report.pk), robust=True)
    return report


def render_annual_pdf(report: AnnualReport, data: AnnualData) -> bytes:
    from weasyprint import HTML  # type: ignore[import-untyped]

    html = render_to_string(
        "followup/annual_pdf.html", {"report": report, "data": data, "process": report.process}
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()  # type: ignore[no-any-return]


def annual_report_generate(report: AnnualReport, *, now: dt.datetime | None = None) -> AnnualReport:
    """Compute the figures and render the PDF (called by the task)."""
    now = now or timezone.now()
    try:
        data = annual_figures(report.process, report.period_start, report.period_end, now=now)
        pdf = render_annual_pdf(report, data)
    except Exception:
        logger.exception("Rapport annuel de suivi %s impossible à produire", report.pk)
        report.status = AnnualReport.Status.ERROR
        report.error = _("La production du rapport a échoué.")
        report.save(update_fields=["status", "error"])
        return report
    report.content = data.to_json()
    report.pdf.save("rapport.pdf", ContentFile(pdf), save=False)
    report.status = AnnualReport.Status.READY
    report.error = ""
    report.generated_at = now
    report.save(update_fields=["content", "pdf", "status", "error", "generated_at"])
    return report


def annual_report_publish(*, report: AnnualReport, actor: User) -> AnnualReport:
    """Make this report the public one of its process (the latest published is shown)."""
    if not can(actor, PUBLISH_PERMISSION):
        raise PermissionError(_("Seul·e un·e administrateur·rice publie le rapport annuel."))
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != AnnualReport.Status.READY:
            raise AnnualReportError(_("Ce rapport n'est pas prêt : il ne peut pas être publié."))
        if locked.published_at is None:
            locked.published_at = timezone.now()
            locked.published_by = actor
            locked.save(update_fields=["published_at", "published_by"])
            audit(actor=actor, action="followup.annual_publish", target=locked)
    return locked


def published_report(process: Process) -> AnnualReport | None:
    return (
        AnnualReport.objects.filter(
            process=process, status=AnnualReport.Status.READY, published_at__isnull=False
        )
        .order_by("-published_at", "-pk")
        .first()
    )
