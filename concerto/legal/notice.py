"""The privacy notice, built from the real configuration.

Each category of personal data says what it is for, on what legal basis, who sees it and how
long it is kept. The periods are read from the very settings the purges read
(``purge_personal_data``: CONCERTO_RETENTION_DAYS and CONCERTO_LOGIN_HISTORY_DAYS;
``purge_voicemail_audio``: CONCERTO_VOICEMAIL_RETENTION_DAYS; invitations,
``organisations.members``: CONCERTO_INVITATION_DAYS), when the page is shown: change a
setting and both the purge and the notice follow. tests/legal/test_legal.py checks that every
retention setting a purge reads appears here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# The settings the retention periods below come from (and the purges read).
RETENTION_SETTINGS: tuple[str, ...] = (
    "CONCERTO_RETENTION_DAYS",
    "CONCERTO_LOGIN_HISTORY_DAYS",
    "CONCERTO_VOICEMAIL_RETENTION_DAYS",
    "CONCERTO_INVITATION_DAYS",
)


def days(setting: str) -> int:
    assert setting in RETENTION_SETTINGS, setting
    return int(getattr(settings, setting))


def _days(n: int) -> str:
    return ngettext("%(n)d jour", "%(n)d jours", n) % {"n": n}


@dataclass(frozen=True)
class Category:
    data: str
    purpose: str
    basis: str
    who: str
    retention: str


def legal_bases() -> list[tuple[str, str]]:
    return [
        (
            _("Mission d'intérêt public (article 6.1.e du RGPD)"),
            _(
                "Recevoir, lire et analyser les contributions, organiser les événements et "
                "rendre compte de la démarche : c'est la mission de la collectivité qui "
                "consulte ses habitant·e·s."
            ),
        ),
        (
            _("Consentement (article 6.1.a du RGPD)"),
            _(
                "Publier votre contribution, votre nom ou pseudonyme, et vous écrire sur la "
                "suite donnée : seulement si vous l'acceptez ; vous pouvez retirer votre "
                "accord à tout moment."
            ),
        ),
    ]


def categories() -> list[Category]:
    r = _days(days("CONCERTO_RETENTION_DAYS"))
    login = _days(days("CONCERTO_LOGIN_HISTORY_DAYS"))
    voicemail = _days(days("CONCERTO_VOICEMAIL_RETENTION_DAYS"))
    invitation = _days(days("CONCERTO_INVITATION_DAYS"))
    mission = _("mission d'intérêt public")
    consent = _("consentement")
    return [
        Category(
            _("Vos réponses"),
            _("Préparer le rapport de la démarche ; les publier si vous l'acceptez"),
            _("mission d'intérêt public ; consentement pour la publication"),
            _("Public si publiées ; sinon l'équipe de modération et d'analyse"),
            _("Durée de la démarche et de son suivi, ou jusqu'à votre demande d'effacement"),
        ),
        Category(
            _("Nom ou pseudonyme (facultatif)"),
            _("Signer votre contribution publiée"),
            consent,
            _("Public si vous l'indiquez et acceptez la publication"),
            _(
                "Contribution publiée : tant qu'elle est en ligne. Sinon : effacé %(d)s "
                "après l'envoi."
            )
            % {"d": r},
        ),
        Category(
            _("Adresse e-mail (facultative)"),
            _("Vous envoyer le récépissé et, si vous le souhaitez, la suite donnée"),
            _("mission d'intérêt public ; consentement pour la suite donnée"),
            _("L'équipe de modération ; jamais publiée"),
            _("Effacée %(d)s après l'envoi de la contribution") % {"d": r},
        ),
        Category(
            _("Quartier, profil, tranche d'âge (facultative)"),
            _("Statistiques de participation"),
            mission,
            _("L'équipe ; le public en chiffres agrégés seulement"),
            _("Durée de la démarche ; de grandes catégories qui n'identifient personne"),
        ),
        Category(
            _("Pièces jointes"),
            _("Illustrer votre contribution"),
            _("mission d'intérêt public ; consentement pour la publication"),
            _("Public si la contribution est publiée ; sinon l'équipe"),
            _("Contribution non publiée : supprimées %(d)s après l'envoi") % {"d": r},
        ),
        Category(
            _("Compte (adresse e-mail, mot de passe chiffré)"),
            _("Vous connecter, retrouver vos contributions"),
            mission,
            _("Vous ; l'équipe en cas de besoin"),
            _("Jusqu'à ce que vous l'effaciez"),
        ),
        Category(
            _("Historique des connexions (adresse, adresse IP, navigateur)"),
            _("Protéger les comptes contre les tentatives d'intrusion"),
            mission,
            _("Les administrateur·rice·s"),
            _("Effacé au bout de %(d)s") % {"d": login},
        ),
        Category(
            _("Inscriptions aux événements (nom, e-mail, téléphone)"),
            _("Vous accueillir, vous prévenir d'un changement"),
            mission,
            _("Les organisateur·rice·s de l'événement et l'équipe"),
            _("Effacés %(d)s après la fin de l'événement (les chiffres de présence restent)")
            % {"d": r},
        ),
        Category(
            _("Personne à contacter d'un cahier d'acteurs (nom, e-mail, téléphone)"),
            _("Joindre l'organisation au sujet de son cahier"),
            mission,
            _("L'équipe ; jamais publiée"),
            _("Effacée %(d)s après le dépôt du cahier") % {"d": r},
        ),
        Category(
            _("Messages du numéro vert (enregistrement de la voix)"),
            _("Transcrire votre message en contribution"),
            mission,
            _("L'équipe qui transcrit"),
            _("Enregistrement effacé au bout de %(d)s ; le texte suit la règle des réponses")
            % {"d": voicemail},
        ),
        Category(
            _("Membres des organisations, invitations (adresse e-mail invitée)"),
            _("Permettre à une organisation de déposer et d'agir en son nom"),
            mission,
            _("Les responsables de l'organisation et l'équipe ; jamais publics"),
            _(
                "Tant que vous êtes membre. Adresse invitée : effacée à l'acceptation, à "
                "l'annulation, ou quand le lien expire (%(d)s)"
            )
            % {"d": invitation},
        ),
        Category(
            _("Demandes sur vos données (adresse e-mail, message)"),
            _("Répondre à votre demande et garder trace qu'elle a été traitée"),
            _("obligation légale (article 6.1.c du RGPD)"),
            _("Les administrateur·rice·s"),
            _("Adresse et message effacés %(d)s après le traitement") % {"d": r},
        ),
        Category(
            _(
                "Diagnostic d'accès aux droits au guichet du CCAS (composition du foyer, "
                "activité, handicap, logement, ressources, prestations reçues, charges) : "
                "aucun nom, adresse ni contact, seulement un numéro de dossier DR-…"
            ),
            _(
                "Estimer vos droits avec OpenFisca-France sur le serveur du CCAS, vous orienter "
                "vers les organismes (CAF, CPAM, CARSAT, MDPH…) et suivre vos démarches ; les "
                "chiffres publiés sont des totaux où les groupes de moins de 10 foyers sont "
                "masqués"
            ),
            _(
                "mission d'intérêt public du CCAS (aide sociale et accès aux droits, code de "
                "l'action sociale et des familles)"
            ),
            _(
                "Les agent·e·s d'accès aux droits de votre lieu d'accueil et leur responsable ; "
                "chaque consultation est enregistrée et figure dans la copie de vos données"
            ),
            ngettext(
                "Effacé %(n)d mois après la dernière démarche",
                "Effacé %(n)d mois après la dernière démarche",
                int(settings.CONCERTO_RIGHTS_RETENTION_MONTHS),
            )
            % {"n": int(settings.CONCERTO_RIGHTS_RETENTION_MONTHS)},
        ),
        Category(
            _("Journal d'audit"),
            _("Tracer chaque décision de l'équipe"),
            mission,
            _("Les administrateur·rice·s"),
            _("Conservé ; il ne nomme les comptes que par leur numéro"),
        ),
    ]
