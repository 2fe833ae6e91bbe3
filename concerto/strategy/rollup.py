"""The progress of an action with sub-actions, computed from them (never typed).

Weighted by each sub-action's planned budget (all years) when the parent says "budget",
equally otherwise, and equally too when no sub-action has a planned budget. Abandoned
sub-actions do not count. Rounded to the nearest percent.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from concerto.strategy.models import Action


def weighted_progress(children: Iterable[tuple[int, str, Decimal]], weighting: str) -> int:
    """``children``: (progress, status, planned budget) of each sub-action."""
    counted = [
        (Decimal(progress), planned)
        for progress, status, planned in children
        if status != Action.Status.ABANDONED
    ]
    if not counted:
        return 0
    weights = [planned for _progress, planned in counted]
    if weighting != Action.Weighting.BUDGET or sum(weights) <= 0:
        weights = [Decimal(1)] * len(counted)
    total = sum(weights, Decimal(0))
    value = sum(
        (progress * weight for (progress, _planned), weight in zip(counted, weights, strict=True)),
        Decimal(0),
    )
    result = (value / total).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return max(0, min(100, int(result)))


def commitment_progress(actions: Iterable[Action]) -> int:
    """A commitment's progress: the mean of its top-level actions (abandoned ones aside)."""
    values = [a.progress for a in actions if a.status != Action.Status.ABANDONED]
    if not values:
        return 0
    return int((Decimal(sum(values)) / len(values)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
