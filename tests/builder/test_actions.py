"""Every audit action the builder writes has its sentence in concerto.builder.actions, and
every action there is named ``builder.…``."""

from __future__ import annotations

import re
from pathlib import Path

from concerto.builder.actions import BUILDER_ACTIONS

SERVICES = Path(__file__).resolve().parents[2] / "concerto" / "builder" / "services"


def written_actions() -> set[str]:
    """The actions named in the services: literal ones and the f-strings of the parts."""
    text = "\n".join(path.read_text() for path in SERVICES.glob("*.py"))
    literal = set(re.findall(r'"(builder\.[a-z_]+)"', text))
    names = set(re.findall(r'name="([a-z]+)"', text)) | {"resource", "news"}
    verbs = {"created", "updated", "deleted"}
    return literal | {f"builder.{name}_{verb}" for name in names for verb in verbs}


def test_every_action_has_a_sentence():
    assert written_actions() <= set(BUILDER_ACTIONS)
    assert all(action.startswith("builder.") for action in BUILDER_ACTIONS)
    assert all(str(sentence) for sentence in BUILDER_ACTIONS.values())
