"""How the audit rows of contributions read (see ``concerto.core.audit_display``)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from concerto.contributions.models import Contribution
from concerto.core.audit_display import MISSING, choice_label
from concerto.core.models import AuditEvent
from concerto.processes.models import Channel


def _because(event: AuditEvent) -> str:
    code = (event.data or {}).get("reason") or ""
    return choice_label(Contribution.RejectionReason, code) if code else MISSING


def _reject(event: AuditEvent, c: Mapping[str, str]) -> str:
    return _("%(actor)s a refusé la publication de la contribution %(target)s : %(why)s.") % {
        **c,
        "why": _because(event),
    }


def _set_aside(event: AuditEvent, c: Mapping[str, str]) -> str:
    return _(
        "%(actor)s a écarté de l'analyse la contribution %(target)s, contraire à la charte : "
        "%(why)s."
    ) % {**c, "why": _because(event)}


def _mask(event: AuditEvent, c: Mapping[str, str]) -> str:
    answers = (event.data or {}).get("answers") or []
    count = len(answers) if isinstance(answers, list) else 0
    if (event.data or {}).get("edited"):
        text = ngettext(
            "%(actor)s a corrigé le texte publié de %(count)d réponse de la contribution "
            "%(target)s.",
            "%(actor)s a corrigé le texte publié de %(count)d réponses de la contribution "
            "%(target)s.",
            count,
        )
    else:
        text = ngettext(
            "%(actor)s a masqué les courriels et téléphones de %(count)d réponse de la "
            "contribution %(target)s.",
            "%(actor)s a masqué les courriels et téléphones de %(count)d réponses de la "
            "contribution %(target)s.",
            count,
        )
    return text % {**c, "count": count}


def _submit(event: AuditEvent, c: Mapping[str, str]) -> str:
    channel = choice_label(Channel.Kind, (event.data or {}).get("channel") or "")
    return _("%(actor)s a enregistré la contribution %(target)s (canal : %(channel)s).") % {
        **c,
        "channel": channel,
    }


SENTENCES = {
    "contribution.submit": _submit,
    "contribution.publish": gettext_lazy("%(actor)s a publié la contribution %(target)s."),
    "contribution.reject": _reject,
    "contribution.set_aside": _set_aside,
    "contribution.reinstate": gettext_lazy(
        "%(actor)s a réintégré la contribution %(target)s dans l'analyse."
    ),
    "contribution.request_changes": gettext_lazy(
        "%(actor)s a demandé une modification de la contribution %(target)s à son "
        "auteur·rice : %(reason)s"
    ),
    "contribution.resubmit": gettext_lazy(
        "%(actor)s a renvoyé la contribution %(target)s après modification."
    ),
    "contribution.mask": _mask,
}
