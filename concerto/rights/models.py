"""Access to rights at the CCAS's counters: places, cases (dossiers), their diagnostics, the
rights they oriented to, and every opening of a case.

A case holds the minimum: no name, no address, no contact; the resident keeps the case
number. The household's answers and the results are JSON in the case's own rows, never in
logs, the API, the open data or the analysis. ``purge_after`` drives the retention purge.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

CASE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B


def new_case_number() -> str:
    return "DR-" + "".join(secrets.choice(CASE_ALPHABET) for _ in range(8))


class Place(models.Model):
    class Kind(models.TextChoices):
        COUNTER = "guichet", _("Guichet d'accueil et d'accès aux droits du CCAS")
        PINS = "pins", _("PIN's — Point d'Informations Nantes Solidaire")
        SENIORS = "maison", _("Maison de la longévité")

    slug = models.SlugField(unique=True, max_length=80, verbose_name=_("identifiant d'adresse"))
    name = models.CharField(_("nom"), max_length=120)
    kind = models.CharField(_("type de lieu"), max_length=10, choices=Kind.choices)
    quartier = models.CharField(_("quartier"), max_length=60)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    opening_hours = models.CharField(_("horaires"), max_length=300, blank=True)
    latitude = models.DecimalField(
        max_digits=8, decimal_places=5, null=True, blank=True, verbose_name=_("latitude")
    )
    longitude = models.DecimalField(
        max_digits=8, decimal_places=5, null=True, blank=True, verbose_name=_("longitude")
    )
    opened_on = models.DateField(_("ouvert le"), null=True, blank=True)
    note = models.CharField(_("remarque"), max_length=300, blank=True)
    active = models.BooleanField(default=True, verbose_name=_("ouvert"))
    agents = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="rights_places",
        verbose_name=_("agent·e·s"),
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("lieu d'accueil")
        verbose_name_plural = _("lieux d'accueil")

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "ouvert", _("ouvert")
        ORIENTED = "oriente", _("orienté")
        CLOSED = "clos", _("clos")

    number = models.CharField(
        max_length=12, unique=True, default=new_case_number, verbose_name=_("numéro de dossier")
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="cases", verbose_name=_("lieu d'accueil")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ouvert par"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("ouvert le"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("modifié le"))
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, verbose_name=_("état")
    )
    # Coarse facts kept for the aggregates only (no case data in them).
    quartier = models.CharField(max_length=60, blank=True, verbose_name=_("quartier"))
    age_band = models.CharField(max_length=10, blank=True, verbose_name=_("tranche d'âge"))
    household_type = models.CharField(max_length=30, blank=True, verbose_name=_("type de foyer"))
    # The answers (docs/rights.md format) of the latest diagnostic, to start the next one.
    household = models.JSONField(default=dict, verbose_name=_("réponses du foyer"))
    next_appointment = models.DateTimeField(
        null=True, blank=True, verbose_name=_("prochain rendez-vous")
    )
    next_appointment_place = models.ForeignKey(
        Place,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lieu du prochain rendez-vous"),
    )
    next_step = models.CharField(max_length=500, blank=True, verbose_name=_("prochaine étape"))
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("clos le"))
    purge_after = models.DateField(verbose_name=_("à effacer après le"))
    invented = models.BooleanField(
        default=False, verbose_name=_("inventé pour la démonstration")
    )  # demo data, marked as invented

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dossier d'accès aux droits")
        verbose_name_plural = _("dossiers d'accès aux droits")

    def __str__(self) -> str:
        return f"dossier {self.number}"


class Diagnostic(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="diagnostics", verbose_name=_("dossier")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("fait le"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("fait par"),
    )
    month = models.CharField(max_length=7, verbose_name=_("mois"))
    country_package = models.CharField(max_length=60, verbose_name=_("modèle"))
    country_package_version = models.CharField(max_length=30, verbose_name=_("version du modèle"))
    result = models.JSONField(verbose_name=_("résultat"))
    monthly_unclaimed = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        default=0,
        verbose_name=_("montant mensuel potentiellement non réclamé"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("diagnostic")
        verbose_name_plural = _("diagnostics")

    def __str__(self) -> str:
        return f"diagnostic {self.pk} du {self.case}"


class Orientation(models.Model):
    """A right the case was oriented to claim, and what became of it (recorded later)."""

    class Outcome(models.TextChoices):
        ORIENTED = "oriente", _("orienté·e, en attente")
        OBTAINED = "obtenu", _("droit obtenu")
        REFUSED = "refuse", _("refusé par l'organisme")
        ABANDONED = "abandonne", _("démarche abandonnée")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="orientations", verbose_name=_("dossier")
    )
    code = models.CharField(max_length=30, verbose_name=_("code du droit"))
    label = models.CharField(max_length=120, verbose_name=_("droit"))
    organisation = models.CharField(max_length=120, verbose_name=_("organisme"))
    monthly_amount = models.DecimalField(
        max_digits=9, decimal_places=2, default=0, verbose_name=_("montant mensuel estimé")
    )
    outcome = models.CharField(
        max_length=10, choices=Outcome.choices, default=Outcome.ORIENTED, verbose_name=_("suite")
    )
    outcome_at = models.DateTimeField(null=True, blank=True, verbose_name=_("suite notée le"))

    class Meta:
        ordering = ["case", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "code"], name="rights_one_orientation_per_right"
            )
        ]
        verbose_name = _("orientation")
        verbose_name_plural = _("orientations")

    def __str__(self) -> str:
        return f"{self.label} ({self.case})"


class CaseAccess(models.Model):
    """Who opened a case, when, to do what: visible to the supervisor and in the export."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="accesses", verbose_name=_("dossier")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("compte"),
    )
    user_label = models.CharField(max_length=60, verbose_name=_("compte (numéro)"))
    action = models.CharField(max_length=20, verbose_name=_("action"))
    at = models.DateTimeField(auto_now_add=True, verbose_name=_("le"))

    class Meta:
        ordering = ["-at"]
        verbose_name = _("consultation d'un dossier")
        verbose_name_plural = _("consultations des dossiers")

    def __str__(self) -> str:
        return f"{self.user_label} : {self.action} {self.case}"


class LocalAid(models.Model):
    """A CCAS aid (coup de pouce, micro-crédit, énergie, aide alimentaire…) as a dated rule
    kept by staff in the Django admin, not in code. Empty conditions do not restrict."""

    name = models.CharField(_("aide"), max_length=120)
    description = models.CharField(_("en deux mots"), max_length=300, blank=True)
    min_age = models.PositiveSmallIntegerField(_("âge minimum"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("âge maximum"), null=True, blank=True)
    max_reste_a_vivre = models.DecimalField(
        _("reste à vivre maximum (€ par UC et par jour)"),
        max_digits=7, decimal_places=2, null=True, blank=True,
    )  # fmt: skip
    household_types = models.CharField(
        _("types de foyer (séparés par des virgules, vide : tous)"), max_length=200, blank=True
    )
    quartiers = models.CharField(
        _("quartiers (séparés par des virgules, vide : tous)"), max_length=300, blank=True
    )
    amount = models.DecimalField(_("montant ou plafond (€)"), max_digits=9, decimal_places=2)
    valid_from = models.DateField(_("valable à partir du"))
    valid_until = models.DateField(_("valable jusqu'au"), null=True, blank=True)
    decided_by = models.CharField(
        _("texte qui en décide (délibération du conseil d'administration…)"), max_length=300
    )
    invented = models.BooleanField(_("inventée pour la démonstration"), default=False)

    class Meta:
        ordering = ["name", "-valid_from"]
        verbose_name = _("aide locale du CCAS")
        verbose_name_plural = _("aides locales du CCAS")

    def __str__(self) -> str:
        return self.name
