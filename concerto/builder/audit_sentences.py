"""How the builder's audit rows read (``concerto.core.audit_display``): the sentences of
``actions.BUILDER_ACTIONS``, with who acted and on which process."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from concerto.builder.actions import BUILDER_ACTIONS
from concerto.core.audit_display import Sentence
from concerto.core.models import AuditEvent


def _sentence(text: Promise) -> Sentence:
    def render(event: AuditEvent, values: Mapping[str, str]) -> str:
        process = event.data.get("process") if isinstance(event.data, dict) else None
        return _("%(actor)s %(what)s « %(process)s ».") % {
            "actor": values["actor"],
            "what": text,
            "process": process or values["target"],
        }

    return render


SENTENCES: dict[str, Sentence] = {
    action: _sentence(text) for action, text in BUILDER_ACTIONS.items()
}
