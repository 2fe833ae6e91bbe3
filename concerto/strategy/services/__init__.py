"""Writes of concerto.strategy, one module per concern: ``answers`` (the City's answer),
``structure`` (commitments and actions), ``progress`` (status, progress, milestones, budget,
indicators). Every function is keyword-only, owns its transaction and writes its audit row;
refusals raise ``concerto.strategy.errors.StrategyError``."""

from concerto.strategy.services.answers import (
    AnswerInput,
    answer_save,
    answer_send_back,
    answer_validate,
    answers_publish,
    answers_validate_all,
)
from concerto.strategy.services.progress import (
    action_progress_update,
    budget_line_save,
    indicator_add,
    indicator_measure_add,
    milestone_add,
    milestone_done,
    rollup,
)
from concerto.strategy.services.structure import (
    ActionInput,
    action_create,
    action_delete,
    action_update,
    commitment_create,
    commitment_delete,
    commitment_update,
)

__all__ = [
    "ActionInput",
    "AnswerInput",
    "action_create",
    "action_delete",
    "action_progress_update",
    "action_update",
    "answer_save",
    "answer_send_back",
    "answer_validate",
    "answers_publish",
    "answers_validate_all",
    "budget_line_save",
    "commitment_create",
    "commitment_delete",
    "commitment_update",
    "indicator_add",
    "indicator_measure_add",
    "milestone_add",
    "milestone_done",
    "rollup",
]
