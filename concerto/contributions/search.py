"""French full-text search, the same on SQLite and PostgreSQL.

One reading of a French text and of a query, shared by both databases:

* **accents and case folded** (``é`` = ``e``, ``Œ`` = ``oe``), as PostgreSQL's ``unaccent``;
* the **stop words** of PostgreSQL's ``french`` dictionary (``french.stop``, copied from
  PostgreSQL, from the Snowball project, BSD licence), checked after folding as
  ``unaccent`` then ``french_stem`` do;
* **French stemming** with the Snowball French stemmer (``snowballstemmer``, PyPI): the very
  algorithm of PostgreSQL's ``french_stem``, so "solitudes" and "solitude" are both
  ``solitud``, "aînés" and "aines" ``ain`` (never "semaine", ``semain``), "épiceries"
  ``epicer``. spaCy's lemmas, which the synthesis uses, were not chosen: they differ from
  PostgreSQL's stems (the two databases would disagree), need a 15 MB model and cost
  about a hundred times more CPU per text than a stemmer (20,000 texts are indexed).

On PostgreSQL the text search configuration ``french_unaccent`` (migration 0011:
``unaccent`` then ``french_stem``) keeps ``search_vector`` from ``search_document`` in a
trigger, and a query is read by ``websearch_to_tsquery``. On SQLite, :func:`index_text`
gives ``search_terms`` (the stems, in order) from the same code path that writes
``search_document``, and triggers keep the FTS5 table ``contributions_search`` (tokenizer
``unicode61 remove_diacritics 2``) in step with that column; a query becomes an FTS5
expression (:func:`fts5_query`) in which every stem is quoted, so that no character the
reader types (quotes, ``NEAR``, ``*``, ``-``, ``:``, ``^``) is FTS5 syntax. Results are
ranked by ``bm25`` on SQLite and ``ts_rank`` on PostgreSQL.

The query language is the web-search one of PostgreSQL on both (parsed once, :func:`parse`,
then written for FTS5 or for ``to_tsquery``): words are ANDed,
``"a phrase"`` must appear in that order, ``-word`` must not appear, ``or`` between two
words accepts either. A query with no word left to search (only punctuation, FTS5
operators or stop words) is reported to the reader and ignored (:func:`has_terms`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import snowballstemmer  # type: ignore[import-untyped]

FTS_TABLE = "contributions_search"
PG_CONFIG = "french_unaccent"
# The FTS5 table and the triggers that keep it in step with ``search_terms`` (SQLite). The
# triggers are created again after every ``migrate`` (:func:`ensure_sqlite_index`): SQLite
# drops them whenever Django rebuilds the contributions table to alter a column.
SQLITE_INDEX = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS contributions_search USING fts5("
    "search_terms, content='contributions_contribution', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS contrib_search_ai AFTER INSERT ON contributions_contribution "
    "BEGIN INSERT INTO contributions_search(rowid, search_terms) "
    "VALUES (new.id, new.search_terms); END",
    "CREATE TRIGGER IF NOT EXISTS contrib_search_ad AFTER DELETE ON contributions_contribution "
    "BEGIN INSERT INTO contributions_search(contributions_search, rowid, search_terms) "
    "VALUES ('delete', old.id, old.search_terms); END",
    "CREATE TRIGGER IF NOT EXISTS contrib_search_au AFTER UPDATE OF search_terms "
    "ON contributions_contribution "
    "BEGIN INSERT INTO contributions_search(contributions_search, rowid, search_terms) "
    "VALUES ('delete', old.id, old.search_terms); "
    "INSERT INTO contributions_search(rowid, search_terms) "
    "VALUES (new.id, new.search_terms); END",
)
MAX_TERMS = 10  # words of a query beyond this are ignored (a 200-character query at most)

_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'"[^"]*"?|\S+')
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    path = Path(__file__).with_name("french.stop")
    return frozenset(line.strip() for line in path.read_text("utf-8").splitlines() if line.strip())


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("french")


def fold(text: str) -> str:
    """Lower case, without accents: "Âgées" -> "agees"."""
    text = text.casefold().translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order, without stop words."""
    stop = _stop_words()
    return [word for word in _WORD.findall(fold(text)) if word not in stop]


def stems(words: list[str]) -> list[str]:
    return list(_stemmer().stemWords(words)) if words else []


def terms(text: str) -> list[str]:
    """The stems of the words of ``text``, in order, without stop words."""
    return stems(words(text))


def index_text(text: str) -> str:
    """What the SQLite index holds for ``text``: its stems separated by spaces."""
    return " ".join(terms(text))


@dataclass
class ParsedQuery:
    """A web-search query: groups of alternatives (ANDed), each a phrase (its folded words,
    in order), and the phrases that must not appear. Rendered for FTS5 (stems) and for
    PostgreSQL (words that ``french_unaccent`` stems), so that both databases read the same
    query, bounded the same way."""

    groups: list[list[list[str]]] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups


def parse(q: str) -> ParsedQuery:
    parsed = ParsedQuery()
    count = 0
    pending_or = False
    for token in _TOKEN.findall(q):
        if count >= MAX_TERMS:
            break
        negated = token.startswith("-") and len(token) > 1
        if token.lower() == "or":
            pending_or = bool(parsed.groups)
            continue
        phrase = words(token[1:] if negated else token)
        if not phrase:
            continue
        count += len(phrase)
        if negated:
            parsed.excluded.append(phrase)
        elif pending_or:
            parsed.groups[-1].append(phrase)
        else:
            parsed.groups.append([phrase])
        pending_or = False
    return parsed


def has_terms(q: str) -> bool:
    """Whether ``q`` has at least one word to look for."""
    return not parse(q).is_empty


def _phrase(phrase: list[str]) -> str:
    # Stems are letters and digits only: quoting them makes each a plain FTS5 string.
    return '"' + " ".join(stems(phrase)) + '"'


def fts5_query(q: str) -> str:
    """The FTS5 expression of ``q`` (empty when there is nothing to look for)."""
    parsed = parse(q)
    if parsed.is_empty:
        return ""
    groups = [
        "(" + " OR ".join(_phrase(p) for p in group) + ")" if len(group) > 1 else _phrase(group[0])
        for group in parsed.groups
    ]
    expression = " AND ".join(groups)
    if parsed.excluded:
        expression = f"({expression}) NOT (" + " OR ".join(map(_phrase, parsed.excluded)) + ")"
    return expression


def ensure_sqlite_index(using: str = "default", **kwargs: object) -> None:
    """Create the FTS5 table and its triggers if they are missing (SQLite, after
    ``migrate``); when triggers had to be created again, rebuild the index from the
    contributions so that it cannot lag behind them."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if "contributions_contribution" not in tables:
            return
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'contrib_search_%'"
        )
        if len(cursor.fetchall()) == 3 and FTS_TABLE in tables:
            return
        columns = {
            c.name
            for c in connection.introspection.get_table_description(
                cursor, "contributions_contribution"
            )
        }
        if "search_terms" not in columns:  # before migration 0010
            return
        for statement in SQLITE_INDEX:
            cursor.execute(statement)
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")  # noqa: S608


def pg_tsquery(q: str) -> str:
    """The ``to_tsquery`` text of ``q`` (``french_unaccent`` stems its words), or "".

    Words are folded letters and digits only, so no character of the query is tsquery
    syntax: the operators here are ours."""
    parsed = parse(q)
    if parsed.is_empty:
        return ""

    def phrase(p: list[str]) -> str:
        return "(" + " <-> ".join(p) + ")" if len(p) > 1 else p[0]

    def alternatives(group: list[list[str]]) -> str:
        return "(" + " | ".join(map(phrase, group)) + ")" if len(group) > 1 else phrase(group[0])

    expression = " & ".join(map(alternatives, parsed.groups))
    if parsed.excluded:
        expression = f"({expression}) & !(" + " | ".join(map(phrase, parsed.excluded)) + ")"
    return expression
