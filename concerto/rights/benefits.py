"""The national entitlements a diagnostic estimates, with whom to contact and what to bring.

``code`` is the key of the docs/rights.md format (``prestations_percues``); ``variable`` the
OpenFisca-France variable; ``period`` is "month" (a monthly amount) or "year" (a yearly
amount, shown per month in the reste à vivre).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop as _


@dataclass(frozen=True)
class Organisation:
    name: str
    url: str


CAF = Organisation("CAF de Loire-Atlantique", "https://www.caf.fr")
CPAM = Organisation("CPAM de Loire-Atlantique (Assurance maladie)", "https://www.ameli.fr")
CARSAT = Organisation("CARSAT Pays de la Loire (retraite)", "https://www.lassuranceretraite.fr")
MDPH = Organisation("MDPH de Loire-Atlantique", "https://www.mdph.loire-atlantique.fr")
ASP = Organisation("Chèque énergie (ASP)", "https://chequeenergie.gouv.fr")


@dataclass(frozen=True)
class Benefit:
    code: str
    variable: str
    entity: str  # OpenFisca entity of the variable
    period: str  # "month" or "year"
    label: str
    organisation: Organisation
    documents: tuple[str, ...]
    explanation: str


_ID = "pièce d'identité ou titre de séjour"
_RIB = "RIB"
_RES = "justificatifs de ressources des 3 derniers mois (fiches de paie, attestations)"
_RENT = "bail ou quittance de loyer"
_TAX = "dernier avis d'imposition"

BENEFITS: dict[str, Benefit] = {
    b.code: b
    for b in (
        Benefit("rsa", "rsa", "famille", "month", str(_("Revenu de solidarité active (RSA)")),
                CAF, (_ID, _RIB, _RES),
                str(_("Un revenu minimum pour les personnes de 25 ans et plus (ou plus jeunes "
                      "avec un enfant) dont les ressources des trois derniers mois sont "
                      "faibles."))),
        Benefit("ppa", "ppa", "famille", "month", str(_("Prime d'activité")),
                CAF, (_ID, _RIB, _RES),
                str(_("Un complément de revenu pour les personnes qui travaillent avec un salaire "
                      "modeste, calculé sur les trois derniers mois."))),
        Benefit("aide_logement", "aide_logement", "famille", "month",
                str(_("Aide au logement (APL, ALF, ALS)")), CAF, (_ID, _RIB, _RENT, _RES),
                str(_("Une aide pour payer le loyer, calculée sur les ressources des douze "
                      "derniers mois, le loyer et la commune."))),
        Benefit("aah", "aah", "individu", "month",
                str(_("Allocation aux adultes handicapés (AAH)")),
                MDPH, (_ID, "certificat médical de moins d'un an", _RES),
                str(_("Un revenu pour une personne dont le taux d'incapacité est d'au moins 80 %, "
                      "ou de 50 à 79 % avec une restriction d'accès à l'emploi reconnue (RSDAE). "
                      "La demande se fait à la MDPH, la CAF verse l'allocation."))),
        Benefit("aspa", "aspa", "famille", "month",
                str(_("Allocation de solidarité aux personnes âgées (ASPA)")), CARSAT,
                (_ID, _RIB, "relevés de pensions de retraite", _TAX),
                str(_("Le minimum vieillesse : un complément pour atteindre un revenu minimum "
                      "à partir de l'âge légal de la retraite. Elle peut être récupérée sur une "
                      "succession au-delà d'un certain montant."))),
        Benefit("asi", "asi", "individu", "month",
                str(_("Allocation supplémentaire d'invalidité (ASI)")), CPAM,
                (_ID, "notification de la pension d'invalidité", _RES),
                str(_("Un complément pour les personnes qui touchent une petite pension "
                      "d'invalidité et n'ont pas l'âge de la retraite."))),
        Benefit("af", "af", "famille", "month", str(_("Allocations familiales")), CAF,
                (_ID, _RIB, "livret de famille"),
                str(_("Versées à partir de deux enfants à charge, modulées selon les "
                      "ressources."))),
        Benefit("asf", "asf", "famille", "month", str(_("Allocation de soutien familial (ASF)")),
                CAF, (_ID, _RIB, "livret de famille", "jugement fixant la pension, s'il existe"),
                str(_("Pour un parent qui élève seul un enfant sans pension alimentaire, ou "
                      "avec une pension inférieure à son montant."))),
        Benefit("cf", "cf", "famille", "month", str(_("Complément familial")), CAF,
                (_ID, _RIB, "livret de famille", _TAX),
                str(_("Pour les familles d'au moins trois enfants de 3 ans ou plus, sous "
                      "condition de ressources."))),
        Benefit("ars", "ars", "famille", "year", str(_("Allocation de rentrée scolaire (ARS)")),
                CAF, (_RIB, "certificat de scolarité pour les 16–18 ans"),
                str(_("Versée en août pour chaque enfant scolarisé de 6 à 18 ans, sous condition "
                      "de ressources (montant annuel)."))),
        Benefit("cheque_energie", "cheque_energie", "menage", "year", str(_("Chèque énergie")),
                ASP, (_TAX,),
                str(_("Envoyé chaque printemps sans démarche si la déclaration de revenus est "
                      "faite : il faut donc déclarer ses revenus, même nuls (montant annuel)."))),
    )
}  # fmt: skip

CSS_LABEL = str(_("Complémentaire santé solidaire (CSS)"))
CSS_DOCUMENTS = (_ID, _RES, "carte Vitale ou attestation de droits")
CSS_EXPLANATION = str(
    _("Une mutuelle gratuite, ou à moins d'1,07 € par jour et par personne, selon les "
      "ressources des douze derniers mois.")
)  # fmt: skip

# Local aids of OpenFisca-France-Local read as well (menage variables).
EXTRA_VARIABLES = {"nantes_metropole_tarification_solidaire_transport": "month"}
TRANSPORT_LABEL = str(_("Tarification solidaire des transports de Nantes Métropole (TAN)"))
