"""Demo organisations, through the services: the demo resident is responsable of an approved
organisation (so that they can try filing a cahier d'acteurs) and has registered another one,
invented, that waits for the team's validation (so that the moderators see the queue)."""

from __future__ import annotations

from concerto.accounts.models import User
from concerto.organisations.members import member_add
from concerto.organisations.models import Membership, Organisation
from concerto.organisations.services import OrganisationInput, organisation_create

APPROVED_SLUG = "demo-voisins-solidaires"  # created by the events' demo, approved
PENDING = OrganisationInput(
    name="Jardins partagés du Breil (organisation inventée pour la démo)",
    kind=Organisation.Kind.ASSOCIATION,
    rna="W442001234",  # invented: the right format, not a real association
    description=(
        "Organisation inventée pour la démonstration : elle attend la validation de "
        "l'équipe, qui peut la valider ou la refuser depuis le back-office."
    ),
)


def load_organisations(*, resident: User, moderator: User) -> None:
    approved = Organisation.objects.filter(slug=APPROVED_SLUG).first()
    if (
        approved is not None
        and not Membership.objects.filter(organisation=approved, user=resident).exists()
    ):
        member_add(
            organisation=approved, user=resident, role=Membership.Role.ADMIN, actor=moderator
        )
    if not Organisation.objects.filter(name=PENDING.name).exists():
        organisation_create(data=PENDING, actor=resident)
