"""Models of concerto.strategy: the City's answer to the report (``answers``) and the
strategy that follows (``actions``)."""

from concerto.strategy.models.actions import (
    Action,
    ActionChange,
    BudgetLine,
    Commitment,
    Indicator,
    IndicatorMeasure,
    Milestone,
)
from concerto.strategy.models.answers import (
    AnswerPublication,
    Decision,
    ProposalAnswer,
    ProposalAnswerVersion,
)

__all__ = [
    "Action",
    "ActionChange",
    "AnswerPublication",
    "BudgetLine",
    "Commitment",
    "Decision",
    "Indicator",
    "IndicatorMeasure",
    "Milestone",
    "ProposalAnswer",
    "ProposalAnswerVersion",
]
