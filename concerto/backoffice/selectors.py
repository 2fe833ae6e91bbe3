"""Reads for the back-office pages, each in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Group
from django.db.models import Count, Prefetch, Q, QuerySet

from concerto.accounts.models import User
from concerto.contributions.models import Answer, Attachment, Contribution
from concerto.core.models import AuditEvent
from concerto.core.pii import find_personal_data
from concerto.core.roles import ROLE_LABELS, Role
from concerto.processes.models import Process

EXCERPT_CHARS = 180


@dataclass
class ProcessCounts:
    process: Process
    counts: dict[str, int]
    total: int


def dashboard_counts() -> list[ProcessCounts]:
    """Every process with its number of contributions per status: two queries."""
    rows = Contribution.objects.values_list("process_id", "status").annotate(n=Count("id"))
    per_process: dict[int, dict[str, int]] = {}
    for process_id, status, n in rows.order_by():
        per_process.setdefault(process_id, {})[status] = n
    result = []
    for process in Process.objects.order_by("-receipt_year", "title"):
        found = per_process.get(process.pk, {})
        counts = {status: found.get(status, 0) for status in Contribution.Status.values}
        result.append(ProcessCounts(process, counts, sum(counts.values())))
    return result


def queue(filters: dict[str, Any]) -> QuerySet[Contribution]:
    """The contributions matching the queue's filters (cleaned data of QueueFilterForm)."""
    qs = Contribution.objects.select_related("process", "neighbourhood").prefetch_related(
        Prefetch("answers", queryset=Answer.objects.order_by("question__number", "id"))
    )
    if filters.get("process"):
        qs = qs.filter(process=filters["process"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("channel"):
        qs = qs.filter(channel=filters["channel"])
    if filters.get("neighbourhood"):
        qs = qs.filter(neighbourhood=filters["neighbourhood"])
    if filters.get("question"):
        qs = qs.filter(
            pk__in=Answer.objects.filter(question=filters["question"]).values("contribution_id")
        )
    text = (filters.get("q") or "").strip()
    if text:
        qs = qs.filter(
            Q(receipt_number__icontains=text)
            | Q(author_name__icontains=text)
            | Q(pk__in=Answer.objects.filter(text__icontains=text).values("contribution_id"))
        )
    return qs.order_by("submitted_at", "id")  # oldest first: first in, first moderated


@dataclass
class QueueRow:
    contribution: Contribution
    excerpt: str
    has_personal_data: bool


def queue_rows(contributions: list[Contribution]) -> list[QueueRow]:
    rows = []
    for contribution in contributions:
        texts = [answer.text for answer in contribution.answers.all()]
        joined = " / ".join(" ".join(text.split()) for text in texts)
        excerpt = joined if len(joined) <= EXCERPT_CHARS else joined[:EXCERPT_CHARS] + "…"
        has_pii = any(find_personal_data(text) for text in texts)
        rows.append(QueueRow(contribution, excerpt, has_pii))
    return rows


def contribution_for_staff(pk: int) -> Contribution | None:
    return (
        Contribution.objects.select_related("process", "neighbourhood", "user")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("question")),
            Prefetch("attachments", queryset=Attachment.objects.order_by("id")),
        )
        .filter(pk=pk)
        .first()
    )


def audit_history(target: Contribution) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
        .select_related("actor")
        .prefetch_related("actor__groups")  # the role names the actor in the sentence
        .order_by("created_at", "id")
    )


def audit_log(*, action: str = "", actor: str = "") -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.select_related("actor").prefetch_related("actor__groups")
    if action:
        qs = qs.filter(action=action)
    if actor.strip():
        # The label ("compte n° 12") or a staff member's current address.
        term = actor.strip()
        qs = qs.filter(Q(actor_label__icontains=term) | Q(actor__email__icontains=term))
    return qs.order_by("-created_at", "-id")


def audit_actions() -> list[str]:
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())


@dataclass
class StaffAccount:
    user: User
    roles: list[tuple[str, str]] = field(default_factory=list)  # (value, label)


def staff_accounts() -> list[StaffAccount]:
    """Accounts holding a staff role (or superusers), with their roles: two queries."""
    names = [role.value for role in Role]
    users = (
        User.objects.filter(Q(groups__name__in=names) | Q(is_superuser=True))
        .distinct()
        .order_by("email")
        .prefetch_related(Prefetch("groups", queryset=Group.objects.filter(name__in=names)))
    )
    result = []
    for user in users:
        held = {group.name for group in user.groups.all()}
        roles = [(role.value, ROLE_LABELS[role]) for role in Role if role.value in held]
        result.append(StaffAccount(user, roles))
    return result
