"""Template helpers of the answer and the strategy pages."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import template
from django.db.models import Exists, OuterRef
from django.utils import formats

from concerto.processes.models import Process
from concerto.strategy.models import AnswerPublication, Commitment

register = template.Library()


@dataclass(frozen=True)
class StrategyLinks:
    has_answer: bool
    has_strategy: bool


@register.simple_tag
def strategy_links(process: Process) -> StrategyLinks:
    """Whether the process has a published answer and a strategy (one query)."""
    row = (
        Process.objects.filter(pk=process.pk)
        .annotate(
            has_answer=Exists(AnswerPublication.objects.filter(process=OuterRef("pk"))),
            has_strategy=Exists(Commitment.objects.filter(process=OuterRef("pk"))),
        )
        .values("has_answer", "has_strategy")
        .first()
    )
    if row is None:
        return StrategyLinks(False, False)
    return StrategyLinks(bool(row["has_answer"]), bool(row["has_strategy"]))


@register.filter
def euros(value: Any) -> str:
    """12 500 € (no cents when there are none)."""
    amount = Decimal(value or 0)
    places = 0 if amount == amount.to_integral_value() else 2
    text = formats.number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    return f"{text} €"


@register.filter
def plain_number(value: Any) -> str:
    amount = Decimal(value or 0)
    places = 0 if amount == amount.to_integral_value() else 2
    return formats.number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
