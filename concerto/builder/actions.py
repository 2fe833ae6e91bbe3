"""The audit actions the builder writes, each with the French sentence the audit log can
show for it (ready for a registry of audit sentences). tests/builder/test_actions.py checks
that every action the services write is listed here."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PARTS: dict[str, tuple[Promise, Promise, Promise]] = {
    "question": (
        _("a ajouté une question à la démarche"),
        _("a modifié une question de la démarche"),
        _("a supprimé une question de la démarche"),
    ),
    "phase": (
        _("a ajouté une phase au calendrier de la démarche"),
        _("a modifié une phase du calendrier de la démarche"),
        _("a supprimé une phase du calendrier de la démarche"),
    ),
    "channel": (
        _("a ouvert un canal de participation de la démarche"),
        _("a modifié un canal de participation de la démarche"),
        _("a supprimé un canal de participation de la démarche"),
    ),
    "neighbourhood": (
        _("a ajouté un quartier à la démarche"),
        _("a modifié un quartier de la démarche"),
        _("a supprimé un quartier de la démarche"),
    ),
    "urn": (
        _("a ajouté une urne à la démarche"),
        _("a modifié une urne de la démarche"),
        _("a supprimé une urne de la démarche"),
    ),
    "resource": (
        _("a ajouté une ressource à la démarche"),
        _("a modifié une ressource de la démarche"),
        _("a supprimé une ressource de la démarche"),
    ),
    "news": (
        _("a écrit une actualité de la démarche"),
        _("a modifié une actualité de la démarche"),
        _("a supprimé une actualité de la démarche"),
    ),
}

BUILDER_ACTIONS: dict[str, Promise] = {
    "builder.process_created": _("a créé la démarche (brouillon)"),
    "builder.process_copied": _("a créé la démarche en copiant une démarche précédente"),
    "builder.process_updated": _("a modifié les informations ou le mandat de la démarche"),
    "builder.process_published": _("a publié la démarche"),
    "builder.process_unpublished": _("a retiré la démarche du site"),
    "builder.profiles_updated": _("a changé les profils proposés par le formulaire"),
    "builder.question_moved": _("a changé l'ordre des questions"),
    **{
        f"builder.{part}_{verb}": sentence
        for part, sentences in PARTS.items()
        for verb, sentence in zip(("created", "updated", "deleted"), sentences, strict=True)
    },
}
