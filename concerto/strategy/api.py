"""The answer and the strategy in the read-only API (routes declared in
concerto/api/api.py). Through the same selectors as the pages, in a constant number of
queries; public data only."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from concerto.processes.models import Process
from concerto.strategy.dashboard import action_page, strategy_dashboard
from concerto.strategy.exports import action_rows
from concerto.strategy.models import ActionChange
from concerto.strategy.selectors import answer_page


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _version(version: Any) -> dict[str, Any]:
    return {
        "number": version.number,
        "decision": version.decision,
        "justification": version.justification,
        "official": version.official,
        "service": version.service,
        "decided_on": version.decided_on,
        "reason": version.reason,
        "published_at": version.published_at,
    }


def answers(process: Process) -> list[dict[str, Any]]:
    page = answer_page(process)
    if page is None:
        return []
    base = _absolute(reverse("strategy:answer", kwargs={"slug": process.slug}))
    return [
        {
            "proposal": item.proposal.code,
            "proposal_number": item.proposal.number,
            "proposal_title": item.proposal.title,
            "decision": item.current.decision,
            "version": item.current.number,
            "versions": [_version(v) for v in [item.current, *item.earlier]],
            "actions": [a.code for a in item.actions],
            "url": f"{base}#R{item.proposal.number}",
        }
        for item in page.items
    ]


def commitments(process: Process) -> list[dict[str, Any]]:
    board = strategy_dashboard(process)
    return [
        {
            "number": block.commitment.number,
            "title": block.commitment.title,
            "description": block.commitment.description,
            "progress": block.progress,
            "actions": [row.action.code for row in block.rows],
        }
        for block in board.blocks
    ]


def _action_out(row: dict[str, Any], slugs: dict[str, str]) -> dict[str, Any]:
    return {
        "code": row["code"],
        "commitment": row["commitment_number"],
        "parent": row["parent_code"] or None,
        "title": row["title"],
        "is_flagship": row["is_flagship"],
        "status": row["status"],
        "status_reason": row["status_reason"],
        "progress": row["progress"],
        "lead_service": row["lead_service"],
        "neighbourhoods": [slugs.get(name, name) for name in row["neighbourhoods"]],
        "start_date": row["start_date"],
        "end_date": row["end_date"],
        "started_on": row["started_on"],
        "done_on": row["done_on"],
        "budget": {
            "planned": row["budget_planned"],
            "committed": row["budget_committed"],
            "spent": row["budget_spent"],
        },
        "proposals": row["proposals"],
        "url": row["url"],
    }


def actions(process: Process) -> list[dict[str, Any]]:
    slugs = {n.name: n.slug for n in process.neighbourhoods.all()}
    return [_action_out(row, slugs) for row in action_rows(process)]


def _money(value: Any) -> str:
    return f"{value:.2f}"


def action_detail(process: Process, code: str) -> dict[str, Any]:
    page = action_page(process, code)  # 404 if unknown
    action = page.action
    slugs = {n.name: n.slug for n in page.neighbourhoods}
    return {
        "code": action.code,
        "commitment": action.commitment.number,
        "parent": action.parent.code if action.parent else None,
        "title": action.title,
        "is_flagship": action.is_flagship,
        "status": action.status,
        "status_reason": action.status_reason,
        "progress": action.progress,
        "lead_service": action.lead_service,
        "neighbourhoods": list(slugs.values()),
        "start_date": action.start_date,
        "end_date": action.end_date,
        "started_on": action.started_on,
        "done_on": action.done_on,
        "budget": {
            "planned": _money(page.budget.total.planned),
            "committed": _money(page.budget.total.committed),
            "spent": _money(page.budget.total.spent),
        },
        "proposals": [linked.proposal.code for linked in page.proposals],
        "url": _absolute(action.get_absolute_url()),
        "description": action.description,
        "partners": action.partners,
        "budget_lines": [
            {
                "year": line.year,
                "planned": _money(line.planned),
                "committed": _money(line.committed),
                "spent": _money(line.spent),
                "reason": line.reason,
            }
            for line in page.budget_lines
        ],
        "milestones": [
            {"title": m.title, "due_on": m.due_on, "done": m.done, "done_on": m.done_on}
            for m in page.milestones
        ],
        "indicators": [
            {
                "name": i.name,
                "unit": i.unit,
                "baseline": _money(i.baseline),
                "target": _money(i.target),
                "measures": [
                    {"measured_on": m.measured_on, "value": _money(m.value)}
                    for m in i.measures.all()
                ],
            }
            for i in page.indicators
        ],
        "history": [_change(c) for c in page.changes],
    }


def _change(change: ActionChange) -> dict[str, Any]:
    return {
        "at": change.created_at,
        "field": change.field,
        "old_value": change.old_value,
        "new_value": change.new_value,
        "reason": change.reason,
    }
