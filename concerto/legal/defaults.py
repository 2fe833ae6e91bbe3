"""The default texts of the legal pages: from settings (mentions légales, data controller,
DPO) or written here, true for the demo. An admin replaces any of them in the back-office
(``LegalTexts``); emptying a field brings its default back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from concerto.legal.models import LegalTexts

STATUS_CACHE_KEY = "legal:accessibility-status"

# The editable fields, in the order of the back-office form.
FIELDS: tuple[str, ...] = (
    "publisher",
    "publication_director",
    "host",
    "data_controller",
    "dpo_contact",
    "accessibility_status",
    "audit_date",
    "audit_scope",
    "non_conformities",
    "derogations",
    "accessibility_contact",
    "charter",
)


def default_values() -> dict[str, Any]:
    return {
        "publisher": settings.CONCERTO_LEGAL_PUBLISHER,
        "publication_director": settings.CONCERTO_LEGAL_DIRECTOR,
        "host": settings.CONCERTO_LEGAL_HOST,
        "data_controller": settings.CONCERTO_DATA_CONTROLLER,
        "dpo_contact": settings.CONCERTO_DPO_CONTACT,
        # No audit has been made: the RGAA then says "non conforme".
        "accessibility_status": LegalTexts.Conformity.NONE,
        "audit_date": None,
        "audit_scope": _(
            "Aucun audit de conformité au RGAA 4.1 n'a encore été réalisé sur ce site. Les "
            "tests automatiques décrits plus bas ne remplacent pas un audit."
        ),
        "non_conformities": _(
            "Aucune non-conformité n'a été relevée par un audit, faute d'audit. Connues de "
            "l'équipe : les cartes (agenda, tournées des urnes) ne sont pas accessibles au "
            "clavier ni aux lecteurs d'écran ; leur contenu est aussi donné en liste sous "
            "chaque carte. Les documents PDF déposés par les participant·e·s ou les "
            "organisations (cahiers d'acteurs, pièces jointes) ne sont pas vérifiés."
        ),
        "derogations": _("Aucune dérogation pour charge disproportionnée n'est invoquée."),
        "accessibility_contact": _(
            "Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez à l'équipe "
            "de la démarche (formulaire « Données personnelles » ou adresse de la page de "
            "contact) : nous vous répondrons et vous proposerons une autre façon de "
            "participer (papier, urne, téléphone)."
        ),
        "charter": default_charter(),
    }


def default_charter() -> str:
    return _(
        "Cette plateforme accueille la parole de toutes et tous. Chaque contribution est lue "
        "par l'équipe de modération avant d'être publiée, si son auteur·rice l'accepte.\n\n"
        "Une contribution n'est pas publiée quand elle est hors sujet, qu'elle met en cause "
        "des personnes nommément, qu'elle est un doublon, ou pour un autre motif expliqué à "
        "son auteur·rice. Elle reste alors prise en compte dans l'analyse : tout ce qui est "
        "reçu est lu.\n\n"
        "Une contribution est écartée de l'analyse, et n'est pas publiée, seulement quand "
        "elle est contraire à cette charte : propos injurieux, haineux ou discriminatoires ; "
        "publicité ou propagande ; envoi automatique (spam).\n\n"
        "La modération peut masquer une adresse e-mail ou un numéro de téléphone écrit dans "
        "un texte publié. Elle ne corrige ni ne réécrit les idées.\n\n"
        "Chaque décision est motivée et notifiée par e-mail quand une adresse a été donnée. "
        "Vous pouvez demander des explications ou contester une décision en écrivant à "
        "l'équipe de la démarche ; une contribution écartée peut être réintégrée.\n\n"
        "Les mêmes règles valent pour les cahiers d'acteurs, les événements proposés et les "
        "pages des organisations."
    )


@dataclass(frozen=True)
class Texts:
    """The texts as shown: the admin's value, or the default."""

    values: dict[str, Any]
    edited: frozenset[str]  # fields whose value comes from the admin, not the default

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    @property
    def accessibility_status_label(self) -> str:
        return str(LegalTexts.Conformity(self.values["accessibility_status"]).label)


def current_texts() -> Texts:
    row = LegalTexts.objects.first()
    values = default_values()
    edited: set[str] = set()
    if row is not None:
        for name in FIELDS:
            value = getattr(row, name)
            if value not in ("", None):
                values[name] = value
                edited.add(name)
    return Texts(values=values, edited=frozenset(edited))
