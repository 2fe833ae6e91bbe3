"""Open data: the actions of a process with their budget and progress, in CSV and JSON,
streamed. Public data only (no person: neither staff nor residents).

One row per action (sub-actions included): its code, commitment, parent, title, flagship
flag, status and its reason, progress (computed for actions with sub-actions), lead
service, partners, neighbourhoods, planned dates, start and completion dates, milestones
(done / total), budget planned, committed and spent (all years), the proposals of the report
it implements, and its page's address. CSV: UTF-8, comma, CRLF, a header row; texts
starting with = + - @ are prefixed with an apostrophe (CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, Sum

from concerto.processes.models import Process
from concerto.strategy.models import Action, BudgetLine, Milestone
from concerto.strategy.selectors import code_key, published_proposals

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ZERO = Decimal(0)

FIELDS = (
    "code",
    "commitment_number",
    "commitment",
    "parent_code",
    "title",
    "is_flagship",
    "status",
    "status_reason",
    "progress",
    "lead_service",
    "partners",
    "neighbourhoods",
    "start_date",
    "end_date",
    "started_on",
    "done_on",
    "milestones_done",
    "milestones_total",
    "budget_planned",
    "budget_committed",
    "budget_spent",
    "proposals",
    "url",
)


def action_rows(process: Process) -> Iterator[dict[str, Any]]:
    """One dict per action, in five queries whatever the number of actions."""
    actions = list(
        Action.objects.filter(process=process)
        .select_related("commitment", "parent")
        .prefetch_related("neighbourhoods")
    )
    actions.sort(key=lambda a: code_key(a.code))
    budget = {
        row["action_id"]: row
        for row in BudgetLine.objects.filter(action__process=process)
        .values("action_id")
        .annotate(planned=Sum("planned"), committed=Sum("committed"), spent=Sum("spent"))
    }
    milestones = {
        row["action_id"]: row
        for row in Milestone.objects.filter(action__process=process)
        .values("action_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(done=True)))
    }
    public = set(published_proposals(process).values_list("pk", flat=True))
    codes: dict[int, list[int]] = defaultdict(list)
    for action_id, proposal_id, number in Action.proposals.through.objects.filter(
        action__process=process
    ).values_list("action_id", "proposal_id", "proposal__number"):
        if proposal_id in public:
            codes[action_id].append(number)
    for action in actions:
        action.process = process
        money = budget.get(action.pk, {})
        steps = milestones.get(action.pk, {})
        yield {
            "code": action.code,
            "commitment_number": action.commitment.number,
            "commitment": action.commitment.title,
            "parent_code": action.parent.code if action.parent else "",
            "title": action.title,
            "is_flagship": action.is_flagship,
            "status": action.status,
            "status_reason": action.status_reason,
            "progress": action.progress,
            "lead_service": action.lead_service,
            "partners": action.partners,
            "neighbourhoods": [n.name for n in action.neighbourhoods.all()],
            "start_date": action.start_date.isoformat() if action.start_date else None,
            "end_date": action.end_date.isoformat() if action.end_date else None,
            "started_on": action.started_on.isoformat() if action.started_on else None,
            "done_on": action.done_on.isoformat() if action.done_on else None,
            "milestones_done": steps.get("done", 0),
            "milestones_total": steps.get("total", 0),
            "budget_planned": f"{money.get('planned') or ZERO:.2f}",
            "budget_committed": f"{money.get('committed') or ZERO:.2f}",
            "budget_spent": f"{money.get('spent') or ZERO:.2f}",
            "proposals": [f"P{n}" for n in sorted(codes.get(action.pk, []))],
            "url": settings.SITE_URL + action.get_absolute_url(),
        }


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return neutralise(" ; ".join(str(v) for v in value))
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def csv_lines(process: Process) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    yield buffer.getvalue()
    for row in action_rows(process):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_cell(row[name]) for name in FIELDS])
        yield buffer.getvalue()


def json_chunks(process: Process) -> Iterator[str]:
    yield "["
    for index, row in enumerate(action_rows(process)):
        yield ("," if index else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"
