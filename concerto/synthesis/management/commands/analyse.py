"""``manage.py analyse``: theme discovery, duplicates and metrics on any CSV file, without
the database.

    manage.py analyse --input FILE.csv --text-column C [--text-column C2 ...]
                      [--label-column L] --output OUT.json [--clusters K] [--seed S]
                      [--no-embeddings] [--duplicate-threshold 0.85]

The text columns of each row are joined by a line break. With ``--label-column``, the
groups are compared with the labels (NMI, ARI) and the suggestions are cross-validated
(macro-F1 on all the labelled rows, and with only 20 examples per label). Nothing is read
from or written to the database: the command works on a machine without one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Analyse un fichier CSV (groupes de thèmes, doublons, et avec des étiquettes : "
        "NMI, ARI, F1 macro des suggestions) sans utiliser la base de données."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, help="Fichier CSV avec une ligne d'en-tête.")
        parser.add_argument(
            "--text-column",
            action="append",
            required=True,
            dest="text_columns",
            help="Colonne de texte (répétable : les colonnes sont jointes).",
        )
        parser.add_argument("--label-column", default=None, help="Colonne d'étiquettes.")
        parser.add_argument("--output", required=True, help="Fichier JSON de résultats.")
        parser.add_argument("--clusters", type=int, default=None, help="Nombre de groupes.")
        parser.add_argument("--seed", type=int, default=0, help="Graine (défaut 0).")
        parser.add_argument(
            "--no-embeddings",
            action="store_true",
            help="Sans le modèle de plongements (lexique seul, plus rapide).",
        )
        parser.add_argument(
            "--duplicate-threshold",
            type=float,
            default=0.85,
            help="Similarité minimale de deux quasi-doublons (défaut 0,85).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from concerto.synthesis.analysis.csvinput import InputError, read_table
        from concerto.synthesis.analysis.report import analyse_table, french_summary

        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"Le dossier de sortie n'existe pas : {output.parent}")
        clusters = options["clusters"]
        if clusters is not None and clusters < 1:
            raise CommandError("--clusters doit être un entier positif.")
        threshold = options["duplicate_threshold"]
        if not 0 < threshold <= 1:
            raise CommandError("--duplicate-threshold doit être compris entre 0 et 1.")
        try:
            table = read_table(options["input"], options["text_columns"], options["label_column"])
        except InputError as exc:
            raise CommandError(str(exc)) from exc
        for warning in table.warnings:
            self.stderr.write(self.style.WARNING(f"Attention : {warning}"))
        report = analyse_table(
            table,
            n_clusters=clusters,
            seed=options["seed"],
            use_embeddings=not options["no_embeddings"],
            duplicate_threshold=threshold,
        )
        report = {
            "fichier": Path(options["input"]).name,
            "colonnes_texte": options["text_columns"],
            "colonne_etiquette": options["label_column"],
            **report,
        }
        try:
            output.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Impossible d'écrire {output} : {exc.strerror}") from exc
        for line in french_summary(report):
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Résultats écrits dans {output}"))
