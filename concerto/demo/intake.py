"""The channels of the Nantes demo (``manage.py loaddemo``), after its contributions.

Paper: each paper contribution of the demo came from a printed sheet of an urn of its
neighbourhood (any urn when the neighbourhood has none): one print batch per urn, with a
few spare sheets, sheet numbers in the order the contributions arrived, and one collection
round per urn. The PDFs of the batches are made in the background by the task worker (as
for a large batch printed by staff), so loading the demo stays fast.

``load_channels`` also files the cahiers d'acteurs (concerto.demo.collective) and the
voicemails (concerto.demo.voice).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import partial

from django.db import transaction

from concerto.accounts.models import User
from concerto.contributions.models import Contribution
from concerto.intake.layout import build_layout
from concerto.intake.models import CollectionRound, PaperSheet, PrintBatch
from concerto.processes.models import Channel, Process, Urn

SPARE_SHEETS = 5


def load_paper(*, process: Process, now: dt.datetime) -> int:
    """Print batches, sheets and collection rounds for the demo's paper contributions;
    returns the number of sheets linked to a contribution."""
    urns = list(Urn.objects.filter(process=process).order_by("code"))
    papers = list(
        Contribution.objects.filter(process=process, channel=Channel.Kind.PAPER)
        .order_by("submitted_at", "pk")
        .only("pk", "submitted_at", "neighbourhood_id")
    )
    if not urns:
        return 0
    by_hood: dict[int | None, list[Urn]] = defaultdict(list)
    for urn in urns:
        by_hood[urn.neighbourhood_id].append(urn)
    used: dict[int, list[Contribution]] = defaultdict(list)
    for index, contribution in enumerate(papers):
        choices = by_hood.get(contribution.neighbourhood_id) or urns
        used[choices[index % len(choices)].pk].append(contribution)
    layout = build_layout(process).to_json()
    printed_at = min(
        (u.present_from for u in urns if u.present_from), default=now.date()
    ) - dt.timedelta(days=3)
    printed = dt.datetime.combine(printed_at, dt.time(10), tzinfo=now.tzinfo)
    number = 0
    sheets: list[PaperSheet] = []
    batches = []
    rounds = []
    for urn in urns:
        contributions = used.get(urn.pk, [])
        batch = PrintBatch.objects.create(
            process=process, urn=urn, count=len(contributions) + SPARE_SHEETS, layout=layout
        )
        batches.append(batch.pk)
        for i in range(batch.count):
            number += 1
            sheet = PaperSheet(
                process=process, urn=urn, batch=batch, number=number, printed_at=printed
            )
            if i < len(contributions):
                sheet.contribution = contributions[i]
            sheets.append(sheet)
        if contributions:
            last = max(c.submitted_at for c in contributions)
            rounds.append(
                CollectionRound(
                    urn=urn,
                    collected_on=min(last + dt.timedelta(days=1), now).date(),
                    sheet_count=len(contributions),
                    note="Relève de démonstration",
                )
            )
    PaperSheet.objects.bulk_create(sheets)
    CollectionRound.objects.bulk_create(rounds)
    from concerto.intake.tasks import generate_print_batch

    for pk in batches:
        transaction.on_commit(partial(generate_print_batch.enqueue, pk), robust=True)
    return sum(len(v) for v in used.values())


def delete_channels(process: Process) -> None:
    """Before the demo process is deleted (``loaddemo --reset``): its print batches (and
    sheets) protect its urns, and its voicemails would outlive it (``SET_NULL``)."""
    from concerto.voice.models import Voicemail

    Voicemail.objects.filter(process=process).delete()
    PrintBatch.objects.filter(process=process).delete()


def load_channels(*, process: Process, moderator: User, now: dt.datetime) -> dict[str, int]:
    from concerto.demo.collective import load_cahiers
    from concerto.demo.voice import load_voicemails

    return {
        "paper_sheets": load_paper(process=process, now=now),
        "cahiers": load_cahiers(process=process, moderator=moderator, now=now),
        "voicemails": load_voicemails(process=process, now=now),
    }
