"""The refusal raised by the strategy services."""

from __future__ import annotations


class StrategyError(Exception):
    """A write was refused; ``str(exc)`` is a French message for the person, ``field`` the
    form field it is about (if any). Nothing was changed."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
