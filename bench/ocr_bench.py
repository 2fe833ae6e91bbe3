"""Quality and speed of the paper-form reading pipeline (concerto/intake).

Generates filled forms (random ticks, typed French text in the writing area) as a real
print batch PDF, turns each page into a "scan" (150, 200 or 300 dpi, rotated by up to
±3 degrees, gaussian and salt-and-pepper noise), runs the pipeline on it and measures:

- QR read rate (target 100 %) and sheet identification;
- tick-box accuracy, per box and per sheet (target 100 %);
- character accuracy of the writing area, 1 - Levenshtein / length (target >= 98 %);
- seconds per page (QR + alignment + marks + OCR) on this machine.

    .venv/bin/python bench/ocr_bench.py --sheets 24 [--write]

``--write`` appends the figures to bench/RESULTS.md. Runs on a throw-away SQLite database.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concerto.settings_test")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

NOTES = """\
Ce que ces chiffres disent et ne disent pas : les feuilles sont des PDF du vrai lot
d'impression (même gabarit, même QR code signé), rendus en image puis tournés et bruités par
Pillow, et lus par le même code que les numérisations (`concerto/intake/pipeline.py`). Le
texte est tapé : l'écriture manuscrite n'est pas mesurée (Tesseract la lit mal ; le poste
de transcription part du brouillon et la personne corrige ou retape). Le temps par page
n'inclut pas la découpe d'un PDF en images (environ 0,2 à 0,4 s par page à 200 dpi) ; les
pages d'un lot sont lues une par une par le worker (`manage.py db_worker`), Tesseract sur un
fil (`OMP_THREAD_LIMIT=1`), donc deux workers occupent les deux cœurs.
"""

SENTENCES = [
    "Il faudrait plus de bancs et d'ombre dans le parc du quartier.",
    "Les horaires de la mairie annexe ne conviennent pas aux personnes qui travaillent.",
    "Je vis seule depuis trois ans et je ne sais pas à qui m'adresser.",
    "Un accueil de jour ouvert le dimanche éviterait bien des nuits dehors.",
    "Les transports sont trop chers pour les familles avec des enfants.",
    "Nous proposons un repas partagé chaque mois à la maison de quartier.",
    "Mon fils a trouvé un stage grâce à l'association du centre social.",
    "Les démarches en ligne sont difficiles quand on n'a pas d'ordinateur.",
    "Il manque des toilettes publiques ouvertes après dix-neuf heures.",
    "Les bénévoles font un travail formidable mais ils sont épuisés.",
    "Pourquoi ne pas ouvrir la bibliothèque aux habitants le soir ?",
    "J'ai attendu huit mois pour obtenir un rendez-vous, c'est beaucoup trop long.",
    "Une permanence d'écrivain public aiderait les personnes âgées du quartier.",
    "Le loyer représente plus de la moitié de nos revenus chaque mois.",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=24)
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--write", action="store_true", help="append to bench/RESULTS.md")
    parser.add_argument(
        "--font",
        default="",
        help="font family of the writing area instead of DejaVu Sans, e.g. a handwriting-"
        "like font from Debian (femkeklaver, Breip, DkgHandwriting, Rufscript): not real "
        "handwriting, but closer to it than typed text",
    )
    parser.add_argument("--size", type=float, default=11.0, help="font size (pt)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)

    from concerto.intake import pipeline
    from concerto.intake.layout import Layout
    from concerto.intake.printing import Fill
    from concerto.intake.qr import read_sheet
    from concerto.intake.services import print_batch_create
    from tests.factories import ProcessFactory, UrnFactory
    from tests.intake.helpers import char_accuracy, filled_pdf, scan_like

    pipeline.check_tesseract()
    if args.font or args.size != 11.0:
        from concerto.intake import printing

        plain = printing._stylesheet
        family = f"'{args.font}', " if args.font else ""
        rule = f".writing {{ font-family: {family}'DejaVu Sans'; font-size: {args.size}pt; }}"

        def handwriting_like(layout: Layout) -> str:
            return plain(layout) + "\n" + rule

        printing._stylesheet = handwriting_like  # the bench's sheets only
    rng = random.Random(args.seed)
    process = ProcessFactory(title="Banc d'essai OCR")
    urn = UrnFactory(process=process)
    batch = print_batch_create(urn=urn, count=args.sheets, actor=None)
    layout = Layout.from_json(batch.layout)
    groups: dict[str, list[str]] = {}
    for box in layout.boxes:
        groups.setdefault(box.key.split(":")[0], []).append(box.key)

    sheets = list(batch.sheets.order_by("number"))
    fills = []
    for _ in sheets:
        keys = set(rng.sample(groups["question"], rng.randint(1, len(groups["question"]))))
        for group in ("kind", "neighbourhood", "profile", "age"):
            if rng.random() < 0.85:
                keys.add(rng.choice(groups[group]))
        for key in groups["consent"]:
            if rng.random() < 0.7:
                keys.add(key)
        text = "\n".join(rng.sample(SENTENCES, rng.randint(3, 6)))
        fills.append(Fill(frozenset(keys), text))
    started = time.monotonic()
    pdf = filled_pdf(batch, list(zip(sheets, fills, strict=True)))
    print(f"PDF de {len(sheets)} feuilles remplies : {time.monotonic() - started:.1f} s")

    rows = []
    for index, (sheet, fill) in enumerate(zip(sheets, fills, strict=True)):
        dpi = (150, 200, 300)[index % 3]
        angle = rng.uniform(-3.0, 3.0)
        noise = rng.uniform(0.02, 0.06)
        scan = scan_like(
            pipeline.rasterise_pdf_page(pdf, index, dpi=dpi), angle=angle, noise=noise, seed=index
        )
        t0 = time.monotonic()
        qr = pipeline.read_qr(scan)
        identified = False
        if qr is not None:
            ref = read_sheet(qr.text)
            identified = (ref.process_id, ref.urn_id, ref.number) == (
                process.pk,
                urn.pk,
                sheet.number,
            )
        reading = pipeline.read_page(scan, layout, qr)
        seconds = time.monotonic() - t0
        got = pipeline.ticked(reading.ticks)
        wrong_boxes = len(got ^ set(fill.ticked))
        accuracy = char_accuracy(fill.text, reading.text)
        rows.append(
            {
                "dpi": dpi,
                "angle": angle,
                "noise": noise,
                "qr": qr is not None and identified,
                "method": reading.method,
                "wrong_boxes": wrong_boxes,
                "boxes": len(layout.boxes),
                "chars": accuracy,
                "seconds": seconds,
            }
        )
        print(
            f"feuille {sheet.number:3d} {dpi} dpi {angle:+.1f}° bruit {noise:.2f} : "
            f"QR {'ok' if rows[-1]['qr'] else 'ÉCHEC'} ({reading.method}), "
            f"cases fausses {wrong_boxes}, caractères {accuracy:.2%}, {seconds:.2f} s"
        )
        if accuracy < 0.97:
            print("   attendu :", " ".join(fill.text.split())[:200])
            print("   lu      :", " ".join(reading.text.split())[:200])

    n = len(rows)
    qr_rate = sum(r["qr"] for r in rows) / n
    box_total = sum(r["boxes"] for r in rows)
    box_acc = 1 - sum(r["wrong_boxes"] for r in rows) / box_total
    sheet_acc = sum(r["wrong_boxes"] == 0 for r in rows) / n
    chars = [r["chars"] for r in rows]
    seconds = [r["seconds"] for r in rows]
    by_dpi = {
        dpi: statistics.mean(r["chars"] for r in rows if r["dpi"] == dpi)
        for dpi in (150, 200, 300)
        if any(r["dpi"] == dpi for r in rows)
    }
    summary = [
        f"- feuilles : {n} (150/200/300 dpi en alternance, rotation ±3°, bruit 2 à 6 %)",
        f"- lecture du QR code et identification de la feuille : {qr_rate:.1%} (cible 100 %)",
        f"- cases à cocher : {box_acc:.2%} des cases justes ({box_total} cases), "
        f"{sheet_acc:.1%} des feuilles sans aucune erreur (cible 100 %)",
        f"- précision caractères du cadre de texte : moyenne {statistics.mean(chars):.2%}, "
        f"médiane {statistics.median(chars):.2%}, minimum {min(chars):.2%} (cible ≥ 98 %)",
        "- précision par résolution : "
        + ", ".join(f"{dpi} dpi {acc:.2%}" for dpi, acc in by_dpi.items()),
        f"- secondes par page (QR + alignement + cases + OCR) : moyenne "
        f"{statistics.mean(seconds):.2f} s, max {max(seconds):.2f} s",
    ]
    print("\n".join(summary))
    print(
        f"OCR font={args.font or 'DejaVu Sans'} {args.size:g}pt sheets={n} | QR {qr_rate:.1%} | "
        f"boxes {box_acc:.2%} | chars mean {statistics.mean(chars):.2%} median "
        f"{statistics.median(chars):.2%} min {min(chars):.2%} | "
        f"{statistics.mean(seconds):.2f} s/page"
    )
    if args.font and args.write:
        print("--write ignoré avec --font : reportez la ligne OCR ci-dessus à la main.")
        return 0
    if args.write:
        cpus = os.cpu_count()
        text = (
            "\n## Formulaires papier : lecture OCR (bench/ocr_bench.py)\n\n"
            f"Commande : `.venv/bin/python bench/ocr_bench.py --sheets {n} "
            f"--seed {args.seed} --write` — {time.strftime('%Y-%m-%d')}, {cpus} cœurs, "
            f"Python {platform.python_version()}, Tesseract "
            f"{_tesseract_version()} (modèle fra), texte tapé (DejaVu Sans 11 pt).\n\n"
            + "\n".join(summary)
            + "\n\n"
            + NOTES
        )
        results = ROOT / "bench" / "RESULTS.md"
        with results.open("a", encoding="utf-8") as handle:
            handle.write(text)
        print(f"ajouté à {results}")
    return 0


def _tesseract_version() -> str:
    import subprocess

    from concerto.intake.pipeline import tesseract_command

    out = subprocess.run(
        [tesseract_command(), "--version"], capture_output=True, text=True, check=False
    )
    first = (out.stdout or out.stderr).splitlines()
    return first[0].split()[-1] if first else "?"


if __name__ == "__main__":
    raise SystemExit(main())
