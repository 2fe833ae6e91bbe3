"""Splitting an answer's shown text into passages, and finding an excerpt in it.

Offsets are character offsets into ``Answer.shown_text`` (Python string indices), so that
``text[start:end]`` is the passage. Pure functions, no database.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from django.utils.translation import gettext as _

# A sentence ends with . ! ? … (possibly followed by closing quotes or brackets) and
# whitespace; a paragraph ends with a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[»\"')\]]*\s+|\n+")
MIN_PASSAGE = 2  # characters: shorter pieces are glued to their neighbour


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return f"{self.start}-{self.end}"


def passages(text: str) -> list[Passage]:
    """The paragraphs of ``text`` cut into sentences, without surrounding whitespace."""
    result: list[Passage] = []
    position = 0
    for match in _SENTENCE_END.finditer(text):
        _add(result, text, position, match.start())
        position = match.end()
    _add(result, text, position, len(text))
    return result


def _add(result: list[Passage], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start <= 0:
        return
    if end - start < MIN_PASSAGE and result:
        previous = result.pop()
        start = previous.start
    result.append(Passage(start, end, text[start:end]))


@dataclass(frozen=True)
class Segment:
    """A piece of the text for display: a passage or the whitespace between two."""

    start: int
    end: int
    text: str
    is_passage: bool
    is_coded: bool = False


def segments(text: str, coded: Sequence[tuple[int, int]] = ()) -> list[Segment]:
    """The whole ``text`` as consecutive segments (their concatenation is ``text``), cut
    at passage boundaries and at the bounds of the ``coded`` ranges, which are marked."""
    cuts = {0, len(text)}
    kinds: list[tuple[int, int, bool]] = []
    position = 0
    for passage in passages(text):
        if passage.start > position:
            kinds.append((position, passage.start, False))
        kinds.append((passage.start, passage.end, True))
        position = passage.end
    if position < len(text):
        kinds.append((position, len(text), False))
    ranges = [(max(0, s), min(len(text), e)) for s, e in coded if s < e]
    for start, end in ranges:
        cuts.update((start, end))
    result: list[Segment] = []
    for start, end, is_passage in kinds:
        bounds = sorted({start, end, *(c for c in cuts if start < c < end)})
        for a, b in pairwise(bounds):
            marked = any(s <= a and b <= e for s, e in ranges)
            result.append(Segment(a, b, text[a:b], is_passage, marked))
    return result


class ExcerptError(ValueError):
    """The excerpt cannot be placed in the text (message in French for the analyst)."""


def locate(text: str, excerpt: str) -> tuple[int, int]:
    """The offsets of ``excerpt`` in ``text``: an exact match first, else one that ignores
    differences of whitespace (a copy from the browser joins lines). Refused when absent
    or found more than once."""
    needle = excerpt.strip()
    if not needle:
        raise ExcerptError(_("L'extrait est vide : collez ou sélectionnez un passage du texte."))
    exact = [m.start() for m in re.finditer(re.escape(needle), text)]
    if len(exact) == 1:
        return exact[0], exact[0] + len(needle)
    if len(exact) > 1:
        raise ExcerptError(
            _(
                "Cet extrait apparaît %(count)d fois dans la réponse : allongez-le pour qu'il "
                "désigne un seul passage."
            )
            % {"count": len(exact)}
        )
    pattern = r"\s+".join(re.escape(word) for word in needle.split())
    loose = list(re.finditer(pattern, text))
    if len(loose) == 1:
        return loose[0].start(), loose[0].end()
    if len(loose) > 1:
        raise ExcerptError(
            _(
                "Cet extrait apparaît %(count)d fois dans la réponse : allongez-le pour qu'il "
                "désigne un seul passage."
            )
            % {"count": len(loose)}
        )
    raise ExcerptError(
        _(
            "Cet extrait ne figure pas dans le texte publié de la réponse : copiez-le tel "
            "quel, sans le modifier."
        )
    )


def check_offsets(text: str, start: int, end: int, excerpt: str | None = None) -> str:
    """The excerpt ``text[start:end]``, after checking the offsets (and, if given, that
    ``excerpt`` is exactly what they designate)."""
    if not 0 <= start < end <= len(text):
        raise ExcerptError(_("Ce passage ne correspond pas au texte de la réponse."))
    found = text[start:end]
    if excerpt is not None and found != excerpt:
        raise ExcerptError(
            _("Le texte de la réponse a changé depuis la sélection : sélectionnez à nouveau.")
        )
    if not found.strip():
        raise ExcerptError(_("L'extrait est vide : collez ou sélectionnez un passage du texte."))
    return found
