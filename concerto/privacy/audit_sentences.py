"""How the audit rows of personal-data rights read (``concerto.core.audit_display``)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.core.audit_display import choice_label
from concerto.core.models import AuditEvent
from concerto.privacy.models import PrivacyRequest


def _by(event: AuditEvent, c: Mapping[str, str]) -> str:
    return str(c["actor"]) if (event.data or {}).get("by") == "staff" else _("La personne")


def _export(event: AuditEvent, c: Mapping[str, str]) -> str:
    return _(
        "%(who)s a téléchargé une copie des données personnelles (%(count)s contributions)."
    ) % {
        "who": _by(event, c),
        "count": c["contributions"],
    }


def _erase(event: AuditEvent, c: Mapping[str, str]) -> str:
    return _(
        "%(who)s a effacé des données personnelles : %(count)s contributions anonymisées, "
        "%(files)s fichiers supprimés, compte : %(account)s."
    ) % {
        "who": _by(event, c),
        "count": c["anonymised"],
        "files": c["attachments_deleted"],
        "account": {"deleted": _("supprimé"), "deactivated": _("désactivé")}.get(
            (event.data or {}).get("account", ""), _("aucun")
        ),
    }


def _request(event: AuditEvent, c: Mapping[str, str]) -> str:
    kind = choice_label(PrivacyRequest.Kind, (event.data or {}).get("kind", ""))
    return _("Une personne a envoyé la %(target)s : %(kind)s.") % {**c, "kind": kind}


def _close(event: AuditEvent, c: Mapping[str, str]) -> str:
    status = choice_label(PrivacyRequest.Status, (event.data or {}).get("to", ""))
    return _("%(actor)s a clos la %(target)s : %(status)s.") % {**c, "status": status}


SENTENCES = {
    "privacy.export": _export,
    "privacy.erase": _erase,
    "privacy.request": _request,
    "privacy.request_close": _close,
    "privacy.request_extend": gettext_lazy(
        "%(actor)s a prolongé de deux mois le délai de la %(target)s (nouvelle échéance : "
        "%(deadline)s)."
    ),
    "privacy.purge": gettext_lazy(
        "%(actor)s a purgé les données personnelles de plus de %(days)s jours "
        "(%(contributions)s contributions, %(registrations)s inscriptions, %(requests)s "
        "demandes)."
    ),
}
