"""Load 20,000 published contributions made of real French texts into the bench database.

Run through ``bench/run.py setup`` or by hand (PostgreSQL, or SQLite with
``DATABASE_URL=sqlite:///…`` after ``manage.py migrate``, e.g. through
``bench/search_bench.py --load``)::

    DJANGO_SETTINGS_MODULE=concerto.settings CONCERTO_DEBUG=0 \
    CONCERTO_SECRET_KEY=<50+ characters> CONCERTO_ALLOWED_HOSTS=127.0.0.1 \
    CONCERTO_SSL_REDIRECT=0 CONCERTO_SECURE_COOKIES=0 CONCERTO_HSTS_SECONDS=0 \
    CONCERTO_RATELIMIT_ENABLED=0 \
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/concerto_bench \
    .venv/bin/python bench/load_data.py --contributions 20000

The texts are read from ../shared/data (never copied into the repository): the 18,690
Make.org proposals and the 196 Grand Débat proposals of the Lille metropolitan area,
cycled when more contributions than texts are asked for. It writes through
``bulk_create`` (Contribution, then Answer), numbers the receipts 1..N exactly as
``contribution_submit`` would, fills ``search_document`` (and on SQLite its French stems,
``search_terms``, which the triggers copy into the FTS5 index) and publishes everything.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concerto.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.common import BENCH_SLUG, DATA_DIR  # noqa: E402
from concerto.contributions.models import Answer, Contribution  # noqa: E402
from concerto.contributions.services import format_receipt, search_terms_for  # noqa: E402
from concerto.processes.models import Channel, Neighbourhood, Phase, Process, Question  # noqa: E402

QUESTIONS = [
    "Qu'est-ce qui doit changer en priorité dans votre quartier ?",
    "Quelles solutions proposez-vous pour le monde d'après ?",
    "Comment les habitants peuvent-ils agir ensemble ?",
]
NEIGHBOURHOODS = [
    "Centre-ville",
    "Bellevue - Chantenay",
    "Dervallières - Zola",
    "Hauts-Pavés - Saint-Félix",
    "Malakoff - Saint-Donatien",
    "Île de Nantes",
    "Breil - Barberie",
    "Nantes Nord",
    "Nantes Erdre",
    "Doulon - Bottière",
    "Nantes Sud",
    "Hors Nantes",
]
PSEUDONYMS = ["", "", "", "Camille", "Dominique", "Claude", "Sacha", "Alix", "Morgan", "Noa"]
BATCH = 2000


def read_texts() -> list[str]:
    texts: list[str] = []
    with (DATA_DIR / "makeorg-monde-dapres-propositions.csv").open(newline="") as handle:
        texts += [row["proposition"].strip() for row in csv.DictReader(handle)]
    with (DATA_DIR / "mel-grand-debat-propositions.csv").open(newline="") as handle:
        texts += [row["body"].strip() for row in csv.DictReader(handle)]
    return [text for text in texts if text]


def bench_process(*, reset: bool) -> Process:
    process = Process.objects.filter(slug=BENCH_SLUG).first()
    if process is not None:
        if not reset:
            raise SystemExit(f"La démarche {BENCH_SLUG} existe déjà : relancez avec --reset.")
        Contribution.objects.filter(process=process).delete()
        process.delete()
    now = timezone.now()
    process = Process.objects.create(
        title="Banc d'essai : le monde d'après dans nos quartiers",
        slug=BENCH_SLUG,
        summary="Démarche de mesure des performances (textes réels de consultations publiques).",
        receipt_prefix="BNC",
        receipt_year=now.year,
        is_published=True,
        phone_number="0800 00 00 00",
    )
    for number, title in enumerate(QUESTIONS, start=1):
        Question.objects.create(process=process, number=number, title=title)
    for order, name in enumerate(NEIGHBOURHOODS):
        Neighbourhood.objects.create(
            process=process,
            name=name,
            slug=f"quartier-{order + 1}",
            order=order,
            is_outside=name == "Hors Nantes",
        )
    Channel.objects.create(
        process=process,
        kind=Channel.Kind.ONLINE,
        opens_at=now - dt.timedelta(days=60),
        closes_at=now + dt.timedelta(days=365),
    )
    Phase.objects.create(
        process=process,
        kind=Phase.Kind.CONTRIBUTIONS,
        title="Contributions",
        starts_on=(now - dt.timedelta(days=60)).date(),
        ends_on=(now + dt.timedelta(days=365)).date(),
    )
    return process


def load(count: int, *, reset: bool, seed: int) -> Process:
    rng = random.Random(seed)
    texts = read_texts()
    rng.shuffle(texts)
    with transaction.atomic():
        process = bench_process(reset=reset)
        questions = list(process.questions.order_by("number"))
        neighbourhoods = list(process.neighbourhoods.all())
        now = timezone.now()
        start = now - dt.timedelta(days=60)
        kinds = [k.value for k in Contribution.Kind]
        profiles = [p.value for p in Contribution.Profile]
        ages = ["", *(a.value for a in Contribution.AgeBracket)]
        step = dt.timedelta(days=59) / max(count, 1)
        for first in range(0, count, BATCH):
            contributions: list[Contribution] = []
            answer_texts: list[list[tuple[Question, str]]] = []
            for number in range(first + 1, min(first + BATCH, count) + 1):
                main = texts[(number - 1) % len(texts)]
                chosen = [
                    q for q, p in zip(questions, (0.7, 0.45, 0.35), strict=True) if rng.random() < p
                ] or [rng.choice(questions)]
                pairs = [(chosen[0], main)] + [(q, rng.choice(texts)) for q in chosen[1:]]
                submitted = start + step * number
                contributions.append(
                    Contribution(
                        process=process,
                        receipt_number=format_receipt(process, number),
                        channel=Channel.Kind.ONLINE,
                        kind=rng.choice(kinds),
                        status=Contribution.Status.PUBLISHED,
                        author_name=rng.choice(PSEUDONYMS),
                        neighbourhood=rng.choice(neighbourhoods),
                        profile=rng.choice(profiles),
                        age_bracket=rng.choice(ages),
                        consent_publication=True,
                        consent_processing=True,
                        submission_token=uuid.UUID(int=rng.getrandbits(128), version=4),
                        submitted_at=submitted,
                        published_at=submitted + dt.timedelta(hours=rng.randint(1, 48)),
                        search_document=(document := "\n\n".join(text for _, text in pairs)),
                        search_terms=search_terms_for(document),
                    )
                )
                answer_texts.append(pairs)
            Contribution.objects.bulk_create(contributions)
            Answer.objects.bulk_create(
                Answer(contribution=c, question=q, text=text)
                for c, pairs in zip(contributions, answer_texts, strict=True)
                for q, text in pairs
            )
        Process.objects.filter(pk=process.pk).update(receipt_counter=count)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contributions", type=int, default=20_000)
    parser.add_argument("--reset", action="store_true", help="replace the bench process")
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    if connection.vendor not in ("postgresql", "sqlite"):
        raise SystemExit("Ce chargement vise PostgreSQL ou SQLite (DATABASE_URL).")
    began = time.monotonic()
    process = load(args.contributions, reset=args.reset, seed=args.seed)
    answers = Answer.objects.filter(contribution__process=process).count()
    print(
        f"{args.contributions} contributions publiées, {answers} réponses, "
        f"démarche /demarches/{process.slug}/ en {time.monotonic() - began:.1f} s"
    )


if __name__ == "__main__":
    main()
