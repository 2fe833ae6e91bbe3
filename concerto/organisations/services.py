"""Writes of organisations: their page and the team's review (invitations and members:
``concerto.organisations.members``).

Every function owns its transaction and writes its audit row; none takes the request. A
refusal raises :class:`OrganisationError` whose ``str()`` is a French message; nothing is
saved then. Who may act is checked here too (``may_manage``), not only in the views.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.core.audit import audit
from concerto.core.roles import can
from concerto.core.uploads import CheckedFile
from concerto.organisations.models import Membership, Organisation
from concerto.organisations.numbers import clean_rna, clean_siret
from concerto.processes.models import Neighbourhood


class OrganisationError(Exception):
    """A write was refused; ``str(exc)`` is a French message for the person."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class OrganisationInput:
    name: str
    kind: str
    siret: str = ""
    rna: str = ""
    neighbourhood: Neighbourhood | None = None
    description: str = ""
    website: str = ""


# --- Who may do what ---------------------------------------------------------------------------


def is_staff_manager(user: User | None) -> bool:
    return user is not None and user.is_authenticated and can(user, "organisations.manage")


def membership_of(user: User | None, organisation: Organisation) -> Membership | None:
    if user is None or not user.is_authenticated:
        return None
    return Membership.objects.filter(organisation=organisation, user=user).first()


def may_manage(user: User | None, organisation: Organisation) -> bool:
    """The organisation's responsables, and staff with ``organisations.manage``."""
    if is_staff_manager(user):
        return True
    membership = membership_of(user, organisation)
    return membership is not None and membership.role == Membership.Role.ADMIN


def require_manager(actor: User, organisation: Organisation) -> None:
    if not may_manage(actor, organisation):
        raise OrganisationError(
            _("Seul·e un·e responsable de l'organisation ou l'équipe peut faire cela.")
        )


# --- The page ------------------------------------------------------------------------------------


def _clean(data: OrganisationInput) -> OrganisationInput:
    name = data.name.strip()
    if not name:
        raise OrganisationError(_("Indiquez le nom de l'organisation."), "name")
    if data.kind not in Organisation.Kind.values:
        raise OrganisationError(_("Choisissez le type d'organisation."), "kind")
    try:
        number = clean_siret(data.siret)
    except ValidationError as exc:
        raise OrganisationError(exc.messages[0], "siret") from exc
    try:
        rna = clean_rna(data.rna)
    except ValidationError as exc:
        raise OrganisationError(exc.messages[0], "rna") from exc
    if data.kind == Organisation.Kind.ENTREPRISE and not number:
        raise OrganisationError(_("Une entreprise indique son numéro SIRET (ou SIREN)."), "siret")
    if data.kind == Organisation.Kind.ASSOCIATION and not (number or rna):
        raise OrganisationError(
            _(
                "Une association indique son numéro RNA (W suivi de 9 chiffres, sur le "
                "récépissé de déclaration en préfecture) ou son numéro SIRET."
            ),
            "rna",
        )
    return OrganisationInput(
        name=name[:200],
        kind=data.kind,
        siret=number,
        rna=rna,
        neighbourhood=data.neighbourhood,
        description=data.description.strip(),
        website=data.website.strip(),
    )


RESERVED_SLUGS = {"inscrire", "mes-organisations", "invitation"}


def _unique_slug(name: str) -> str:
    base = (slugify(name) or "organisation")[:90]
    if base in RESERVED_SLUGS:
        base = f"{base}-organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _duplicate_check(data: OrganisationInput, exclude: int | None = None) -> None:
    others = Organisation.objects.all()
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.filter(name__iexact=data.name).exists():
        raise OrganisationError(
            _(
                "Une organisation porte déjà ce nom. Si c'est la vôtre, demandez à sa ou son "
                "responsable de vous inviter."
            ),
            "name",
        )
    if data.siret and others.filter(siret=data.siret).exists():
        raise OrganisationError(_("Une organisation a déjà ce numéro SIRET."), "siret")
    if data.rna and others.filter(rna=data.rna).exists():
        raise OrganisationError(_("Une organisation a déjà ce numéro RNA."), "rna")


def _apply(organisation: Organisation, data: OrganisationInput, logo: CheckedFile | None) -> None:
    organisation.name = data.name
    organisation.kind = data.kind
    organisation.siret = data.siret
    organisation.rna = data.rna
    organisation.neighbourhood = data.neighbourhood
    organisation.description = data.description
    organisation.website = data.website
    if logo is not None:
        if logo.kind != "image":
            raise OrganisationError(_("Le logo doit être une image (PNG, JPEG ou WebP)."), "logo")
        organisation.logo_content_type = logo.content_type
        organisation.logo_extension = logo.extension
        organisation.logo.save("logo", ContentFile(logo.content), save=False)


def organisation_create(
    *,
    data: OrganisationInput,
    actor: User,
    logo: CheckedFile | None = None,
    responsible: User | None = None,
    approve: bool = False,
) -> Organisation:
    """A resident creates their organisation (pending, they are its responsable), or staff
    create one on request (``responsible``: an account found by name or e-mail; staff may
    approve it at once)."""
    cleaned = _clean(data)
    staff = is_staff_manager(actor)
    if (responsible is not None or approve) and not staff:
        raise OrganisationError(_("Seule l'équipe peut créer une organisation pour quelqu'un."))
    owner = responsible if staff else actor
    with transaction.atomic():
        _duplicate_check(cleaned)
        organisation = Organisation(slug=_unique_slug(cleaned.name), created_by=actor)
        _apply(organisation, cleaned, logo)
        if approve:
            organisation.status = Organisation.Status.APPROVED
            organisation.reviewed_by = actor
            organisation.reviewed_at = timezone.now()
        organisation.save()
        if owner is not None:
            Membership.objects.create(
                organisation=organisation, user=owner, role=Membership.Role.ADMIN
            )
        audit(
            actor=actor,
            action="organisation.create",
            target=organisation,
            data={"kind": organisation.kind, "status": organisation.status, "by_staff": staff},
        )
    return organisation


def organisation_update(
    *, organisation: Organisation, data: OrganisationInput, actor: User, logo: CheckedFile | None
) -> Organisation:
    require_manager(actor, organisation)
    cleaned = _clean(data)
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        _duplicate_check(cleaned, exclude=locked.pk)
        before = {"name": locked.name, "siret": locked.siret, "rna": locked.rna}
        _apply(locked, cleaned, logo)
        locked.save()
        changed = sorted(k for k, v in before.items() if getattr(locked, k) != v)
        audit(
            actor=actor,
            action="organisation.update",
            target=locked,
            data={"changed": changed, "logo": logo is not None},
        )
    return locked


def organisation_review(
    *, organisation: Organisation, approve: bool, reason: str, actor: User
) -> Organisation:
    """The team approves an organisation, or refuses it with a reason shown to its
    members. A refused organisation may be approved later, and the reverse."""
    if not is_staff_manager(actor):
        raise OrganisationError(_("Seule l'équipe valide les organisations."))
    reason = reason.strip()
    if not approve and not reason:
        raise OrganisationError(
            _("Indiquez le motif du refus : il est montré aux membres de l'organisation."),
            "reason",
        )
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        locked.status = Organisation.Status.APPROVED if approve else Organisation.Status.REFUSED
        locked.refusal_reason = "" if approve else reason
        locked.reviewed_by = actor
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["status", "refusal_reason", "reviewed_by", "reviewed_at"])
        audit(
            actor=actor,
            action="organisation.approve" if approve else "organisation.refuse",
            target=locked,
            reason=reason,
        )
    return locked


def organisation_refusal(organisation: Organisation | None) -> str | None:
    """Why ``organisation`` may not act in its name yet (file a cahier, propose an event),
    or ``None`` when it is approved. Used by concerto.collective and concerto.events."""
    if organisation is None or organisation.is_approved:
        return None
    if organisation.status == Organisation.Status.REFUSED:
        return str(
            _(
                "L'organisation « %(name)s » n'a pas été validée par l'équipe : elle ne peut "
                "pas agir en son nom."
            )
            % {"name": organisation.name}
        )
    return str(
        _(
            "L'organisation « %(name)s » attend encore la validation de l'équipe : elle "
            "pourra déposer un cahier d'acteurs ou proposer un événement une fois validée."
        )
        % {"name": organisation.name}
    )
