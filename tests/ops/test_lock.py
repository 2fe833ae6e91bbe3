"""Every install comes from the lock: uv.lock agrees with pyproject.toml, and the three
exports that pip installs in hash-checking mode (requirements/*.txt) agree with uv.lock."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROFILES = {
    "web": [],
    "worker": ["--extra", "speech", "--extra", "synthesis"],
    "dev": ["--all-extras"],
}


def _uv() -> str:
    found = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if found is None:
        pytest.fail("uv est introuvable : make install-dev l'installe depuis le verrou.")
    return found


def _requirements(text: str) -> list[str]:
    """The lines that matter: packages, versions, hashes, markers (not the header)."""
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_lock_matches_pyproject():
    result = subprocess.run(
        [_uv(), "lock", "--check", "--offline"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr + "\nLancez `make lock` et commitez uv.lock."


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_exports_match_the_lock(profile):
    exported = subprocess.run(
        [_uv(), "export", "--frozen", "--no-emit-project", "--format", "requirements-txt"]
        + PROFILES[profile],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    committed = (ROOT / "requirements" / f"{profile}.txt").read_text()
    assert _requirements(exported) == _requirements(committed), (
        f"requirements/{profile}.txt ne correspond plus à uv.lock : lancez `make lock`."
    )


def test_every_requirement_is_pinned_with_a_hash():
    for profile in PROFILES:
        text = (ROOT / "requirements" / f"{profile}.txt").read_text()
        entries = re.split(r"\n(?=\S)", text)
        packages = [e for e in entries if e and not e.startswith("#")]
        assert packages
        for entry in packages:
            assert re.match(r"^[A-Za-z0-9_.\-\[\],]+==[^\s;]+", entry), entry
            assert "--hash=sha256:" in entry, entry


def test_web_profile_leaves_the_worker_stacks_out():
    web = (ROOT / "requirements" / "web.txt").read_text().lower()
    worker = (ROOT / "requirements" / "worker.txt").read_text().lower()
    for heavy in ("faster-whisper", "ctranslate2", "onnxruntime", "spacy", "scikit-learn"):
        assert f"\n{heavy}==" not in web, heavy
        assert f"\n{heavy}==" in worker, heavy
