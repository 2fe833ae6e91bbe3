"""Add 1,000 approved events (and 10,000 registrations) to the bench process.

Run with the bench environment (see bench/load_data.py), after it::

    .venv/bin/python bench/load_events.py --events 1000 --registrations 10000

Idempotent: events of the bench process are replaced. Names and addresses are invented.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concerto.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.common import BENCH_SLUG  # noqa: E402
from concerto.events.models import Event, Registration  # noqa: E402
from concerto.processes.models import Process  # noqa: E402

KINDS = [k for k, _ in Event.Kind.choices if k != Event.Kind.FESTIVAL]


def load(events: int, registrations: int, seed: int) -> None:
    rng = random.Random(seed)
    process = Process.objects.get(slug=BENCH_SLUG)
    neighbourhoods = list(process.neighbourhoods.all())
    today = timezone.localdate()
    with transaction.atomic():
        Event.objects.filter(process=process).delete()
        created = Event.objects.bulk_create(
            Event(
                process=process,
                kind=rng.choice(KINDS),
                title=f"Atelier de quartier n° {i + 1}",
                slug=f"atelier-{i + 1}",
                description="Un temps d'échange sur les solidarités de proximité.",
                start=(
                    start := timezone.make_aware(
                        dt.datetime.combine(
                            today + dt.timedelta(days=rng.randint(-60, 300)),
                            dt.time(rng.choice([10, 14, 18])),
                        )
                    )
                ),
                end=start + dt.timedelta(hours=2),
                place_name=f"Salle {i % 40 + 1}",
                address=f"{i % 90 + 1} rue de l'Exemple, 44000 Nantes",
                neighbourhood=rng.choice(neighbourhoods),
                latitude=round(47.2 + rng.random() * 0.06, 6),
                longitude=round(-1.59 + rng.random() * 0.08, 6),
                step_free_access=rng.random() < 0.7,
                capacity=rng.choice([None, 20, 40, 80]),
                status=Event.Status.APPROVED,
            )
            for i in range(events)
        )
        Registration.objects.bulk_create(
            Registration(
                event=rng.choice(created),
                name=f"Personne {n}",
                email=f"personne{n}@exemple.test",
                status=Registration.Status.CONFIRMED,
                created_at=timezone.now(),
            )
            for n in range(registrations)
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--registrations", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    started = time.perf_counter()
    load(args.events, args.registrations, args.seed)
    print(
        f"{args.events} événements, {args.registrations} inscriptions "
        f"en {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
