"""Moved to ``concerto.core.uploads`` (every app checks its uploads there). This alias keeps
branches written before the move importable until they are merged; remove it after."""

from concerto.core.uploads import *  # noqa: F403
from concerto.core.uploads import _clean_name  # noqa: F401
