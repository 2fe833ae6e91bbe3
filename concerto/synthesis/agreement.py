"""Agreement between the two analysts of a double-coding sample: Cohen's kappa per theme.

The units are the answers of the sampled contributions; for each theme, each analyst says
"present" (the theme is among the themes they chose for the answer) or "absent". Kappa is
(pₒ − pₑ) / (1 − pₑ), with pₒ the observed agreement and pₑ the agreement expected by
chance from each analyst's own rate. When pₑ = 1 (both analysts gave the same single
answer everywhere, e.g. nobody used the theme) kappa is undefined: ``None``.
The overall figure pools the per-theme 2×2 tables (pooled kappa).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from concerto.synthesis.models import CodingSample, SampleReview, Theme


@dataclass
class Table:
    """The 2×2 table of one theme: both present, only A, only B, both absent."""

    both: int = 0
    only_a: int = 0
    only_b: int = 0
    neither: int = 0

    @property
    def total(self) -> int:
        return self.both + self.only_a + self.only_b + self.neither

    @property
    def observed(self) -> float | None:
        return (self.both + self.neither) / self.total if self.total else None

    @property
    def kappa(self) -> float | None:
        return cohen_kappa(self.both, self.only_a, self.only_b, self.neither)

    def __iadd__(self, other: Table) -> Table:
        self.both += other.both
        self.only_a += other.only_a
        self.only_b += other.only_b
        self.neither += other.neither
        return self


def cohen_kappa(both: int, only_a: int, only_b: int, neither: int) -> float | None:
    total = both + only_a + only_b + neither
    if total == 0:
        return None
    observed = (both + neither) / total
    rate_a = (both + only_a) / total
    rate_b = (both + only_b) / total
    expected = rate_a * rate_b + (1 - rate_a) * (1 - rate_b)
    if expected >= 1:
        return None
    return (observed - expected) / (1 - expected)


@dataclass
class Agreement:
    tables: dict[int, Table] = field(default_factory=dict)  # theme id -> table
    themes: dict[int, Theme] = field(default_factory=dict)
    units: int = 0  # answers coded by both analysts

    @property
    def pooled(self) -> Table:
        total = Table()
        for table in self.tables.values():
            total += table
        return total

    @property
    def overall_kappa(self) -> float | None:
        return self.pooled.kappa

    @property
    def observed(self) -> float | None:
        return self.pooled.observed

    @property
    def rows(self) -> list[tuple[Theme, Table]]:
        return [(self.themes[pk], table) for pk, table in self.tables.items()]


def agreement(sample: CodingSample) -> Agreement:
    """The tables of ``sample``: the codebook's active themes and every theme either
    analyst used, over the answers both analysts coded."""
    chosen: dict[tuple[int, int], set[int]] = defaultdict(set)  # (answer, coder) -> themes
    reviewed: dict[int, set[int]] = defaultdict(set)  # answer -> coders
    through = SampleReview.themes.through
    for answer_id, coder_id in SampleReview.objects.filter(sample=sample).values_list(
        "answer_id", "coder_id"
    ):
        reviewed[answer_id].add(coder_id)
    for answer_id, coder_id, theme_id in through.objects.filter(
        samplereview__sample=sample
    ).values_list("samplereview__answer_id", "samplereview__coder_id", "theme_id"):
        chosen[(answer_id, coder_id)].add(theme_id)
    a, b = sample.coder_a_id, sample.coder_b_id
    units = sorted(answer for answer, coders in reviewed.items() if {a, b} <= coders)
    used = {theme for themes in chosen.values() for theme in themes}
    themes = {
        t.pk: t
        for t in Theme.objects.filter(codebook__process_id=sample.process_id).order_by(
            "position", "pk"
        )
        if not t.is_archived or t.pk in used
    }
    ordered = sorted(themes.values(), key=_tree_order(themes))
    result = Agreement(themes={t.pk: t for t in ordered}, units=len(units))
    for theme in ordered:
        table = Table()
        for answer in units:
            in_a = theme.pk in chosen[(answer, a)]
            in_b = theme.pk in chosen[(answer, b)]
            if in_a and in_b:
                table.both += 1
            elif in_a:
                table.only_a += 1
            elif in_b:
                table.only_b += 1
            else:
                table.neither += 1
        result.tables[theme.pk] = table
    return result


def _tree_order(themes: dict[int, Theme]) -> Callable[[Theme], tuple[int, int, int, int]]:
    def key(theme: Theme) -> tuple[int, int, int, int]:
        if theme.parent_id is None or theme.parent_id not in themes:
            return (theme.position, theme.pk, 0, 0)
        parent = themes[theme.parent_id]
        return (parent.position, parent.pk, 1 + theme.position, theme.pk)

    return key


def kappa_by_theme(sample: CodingSample) -> dict[int, float | None]:
    """Cohen's kappa of each theme (id -> kappa, ``None`` when undefined)."""
    return {pk: table.kappa for pk, table in agreement(sample).tables.items()}


def overall_kappa(sample: CodingSample) -> float | None:
    """The pooled kappa over every theme of ``sample``."""
    return agreement(sample).overall_kappa
