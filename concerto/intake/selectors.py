"""Reads for the pages of the paper channel, in a constant number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from concerto.contributions.models import Contribution
from concerto.intake.models import CollectionRound, PaperSheet, ScanBatch, ScanPage
from concerto.processes.models import Channel, Process, Urn


def urns_by_process() -> list[tuple[Process, list[Urn]]]:
    grouped: dict[int, list[Urn]] = defaultdict(list)
    processes: dict[int, Process] = {}
    urns = Urn.objects.select_related("process", "neighbourhood").order_by(
        "process__title", "neighbourhood__order", "place_name"
    )
    for urn in urns:
        processes[urn.process_id] = urn.process
        grouped[urn.process_id].append(urn)
    return [(processes[pk], grouped[pk]) for pk in grouped]


def scan_batches(limit: int = 50) -> list[ScanBatch]:
    states = {state: Count("pages", filter=Q(pages__state=state)) for state in ScanPage.State}
    return list(
        ScanBatch.objects.select_related("process", "uploaded_by")
        .annotate(**{f"n_{state.value}": count for state, count in states.items()})
        .order_by("-uploaded_at", "-id")[:limit]
    )


def counts(process: Process | None, days: int = 31) -> dict[str, Any]:
    """Contributions by channel, paper contributions by urn, and by day and channel."""
    contributions = Contribution.objects.all()
    sheets = PaperSheet.objects.all()
    urns = Urn.objects.select_related("process")
    rounds = CollectionRound.objects.all()
    if process is not None:
        contributions = contributions.filter(process=process)
        sheets = sheets.filter(process=process)
        urns = urns.filter(process=process)
        rounds = rounds.filter(urn__process=process)
    channel_labels = dict(Channel.Kind.choices)
    by_channel = [
        (channel_labels.get(row["channel"], row["channel"]), row["n"])
        for row in contributions.values("channel").annotate(n=Count("id")).order_by("-n")
    ]
    printed = dict(sheets.values("urn").annotate(n=Count("id")).values_list("urn", "n"))
    transcribed = dict(
        sheets.filter(contribution__isnull=False)
        .values("urn")
        .annotate(n=Count("id"))
        .values_list("urn", "n")
    )
    collected = dict(rounds.values("urn").annotate(n=Sum("sheet_count")).values_list("urn", "n"))
    by_urn = [
        {
            "urn": urn,
            "printed": printed.get(urn.pk, 0),
            "collected": collected.get(urn.pk, 0) or 0,
            "transcribed": transcribed.get(urn.pk, 0),
        }
        for urn in urns.order_by("process__title", "place_name")
    ]
    since = timezone.now() - dt.timedelta(days=days)
    day_rows: dict[dt.date, dict[str, int]] = defaultdict(dict)
    channels_seen: set[str] = set()
    for row in (
        contributions.filter(submitted_at__gte=since)
        .annotate(day=TruncDate("submitted_at"))
        .values("day", "channel")
        .annotate(n=Count("id"))
    ):
        day_rows[row["day"]][row["channel"]] = row["n"]
        channels_seen.add(row["channel"])
    day_channels = [
        (c, channel_labels.get(c, c)) for c in Channel.Kind.values if c in channels_seen
    ]
    by_day = [
        (day, [day_rows[day].get(c, 0) for c, _ in day_channels], sum(day_rows[day].values()))
        for day in sorted(day_rows, reverse=True)
    ]
    return {
        "by_channel": by_channel,
        "total": sum(n for _, n in by_channel),
        "by_urn": by_urn,
        "by_day": by_day,
        "day_channels": day_channels,
        "days": days,
    }
