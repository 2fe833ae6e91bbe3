"""Organisations' services: creation, review, invitations (signed, expiring), members; an
audit row for every write, nothing saved on a refusal."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail, signing
from django.utils import timezone

from concerto.core.models import AuditEvent
from concerto.organisations.members import (
    INVITATION_SALT,
    invitation_accept,
    invitation_create,
    invitation_token,
    invitations_purge_expired,
    member_add,
    member_leave,
    member_remove,
    member_set_role,
)
from concerto.organisations.models import Invitation, Membership, Organisation
from concerto.organisations.services import (
    OrganisationError,
    OrganisationInput,
    organisation_create,
    organisation_review,
    organisation_update,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _data(**extra: str) -> OrganisationInput:
    values = {"name": "Les Amis du Breil", "kind": "association", "rna": "W442001234"}
    values.update(extra)
    return OrganisationInput(**values)  # type: ignore[arg-type]


def test_a_resident_creates_a_pending_organisation_and_is_its_responsable(resident):
    organisation = organisation_create(data=_data(), actor=resident)
    assert organisation.status == Organisation.Status.PENDING
    assert organisation.slug == "les-amis-du-breil"
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.user, membership.role) == (resident, Membership.Role.ADMIN)
    row = AuditEvent.objects.get(action="organisation.create")
    assert row.data["status"] == "pending" and row.target_id == str(organisation.pk)


@pytest.mark.parametrize(
    ("extra", "field", "words"),
    [
        ({"siret": "73282932000075"}, "siret", "clé de contrôle"),
        ({"rna": "W12"}, "rna", "W, suivi de 9 chiffres"),
        ({"rna": ""}, "rna", "Une association indique"),
        ({"kind": "entreprise", "rna": ""}, "siret", "Une entreprise indique"),
        ({"name": "  "}, "name", "nom"),
    ],
)
def test_bad_input_saves_nothing(resident, extra, field, words):
    with pytest.raises(OrganisationError) as caught:
        organisation_create(data=_data(**extra), actor=resident)
    assert caught.value.field == field and words in str(caught.value)
    assert not Organisation.objects.exists() and not Membership.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_collective_needs_no_number_and_a_duplicate_name_is_refused(resident):
    organisation_create(data=_data(kind="collectif", rna=""), actor=resident)
    with pytest.raises(OrganisationError, match="porte déjà ce nom"):
        organisation_create(data=_data(name="les amis du breil"), actor=resident)
    assert Organisation.objects.count() == 1


def test_only_staff_create_for_someone_else_or_approve(resident, moderator):
    other = UserFactory()
    with pytest.raises(OrganisationError):
        organisation_create(data=_data(), actor=resident, responsible=other)
    with pytest.raises(OrganisationError):
        organisation_create(data=_data(), actor=resident, approve=True)
    organisation = organisation_create(
        data=_data(), actor=moderator, responsible=other, approve=True
    )
    assert organisation.is_approved and organisation.reviewed_by == moderator
    assert organisation.memberships.get().user == other


def test_review_approves_or_refuses_with_a_reason(resident, moderator):
    organisation = organisation_create(data=_data(), actor=resident)
    with pytest.raises(OrganisationError, match="Seule l'équipe"):
        organisation_review(organisation=organisation, approve=True, reason="", actor=resident)
    with pytest.raises(OrganisationError, match="motif"):
        organisation_review(organisation=organisation, approve=False, reason=" ", actor=moderator)
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.PENDING
    organisation_review(
        organisation=organisation, approve=False, reason="Numéro inconnu", actor=moderator
    )
    organisation.refresh_from_db()
    assert organisation.status == "refused" and organisation.refusal_reason == "Numéro inconnu"
    organisation_review(organisation=organisation, approve=True, reason="", actor=moderator)
    organisation.refresh_from_db()
    assert organisation.is_approved and organisation.refusal_reason == ""
    assert list(
        AuditEvent.objects.filter(action__startswith="organisation.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["organisation.create", "organisation.refuse", "organisation.approve"]


def test_update_by_a_responsable_only(resident):
    organisation = organisation_create(data=_data(), actor=resident)
    stranger = UserFactory()
    with pytest.raises(OrganisationError):
        organisation_update(
            organisation=organisation, data=_data(name="Autre"), actor=stranger, logo=None
        )
    organisation_update(
        organisation=organisation,
        data=_data(description="Jardins partagés"),
        actor=resident,
        logo=None,
    )
    organisation.refresh_from_db()
    assert organisation.description == "Jardins partagés"
    assert AuditEvent.objects.filter(action="organisation.update").count() == 1


@pytest.fixture
def pending_org(resident):
    return organisation_create(data=_data(), actor=resident)


def test_invitation_by_email_then_accepted_by_the_invited_account(
    resident, pending_org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(
            organisation=pending_org, email="Camille@Exemple.test", role="member", actor=resident
        )
    assert invitation.email == "camille@exemple.test"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille@exemple.test"]
    assert "Les Amis du Breil" in message.subject
    found = re.search(r"/organisations/invitation/([^/\s]+)/", message.body)
    assert found is not None
    token = found.group(1)
    camille = UserFactory(email="camille@exemple.test")
    membership = invitation_accept(token=token, user=camille)
    assert membership.role == "member" and membership.organisation == pending_org
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.email == ""  # no longer kept
    with pytest.raises(OrganisationError, match="déjà été utilisée"):
        invitation_accept(token=token, user=camille)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"organisation.invite", "organisation.join"} <= actions
    # The audit log never holds the address.
    assert not AuditEvent.objects.filter(target_label__icontains="camille").exists()


def test_another_account_may_not_use_the_link(resident, pending_org):
    invitation = invitation_create(
        organisation=pending_org, email="camille@exemple.test", role="member", actor=resident
    )
    intruder = UserFactory(email="intrus@exemple.test")
    with pytest.raises(OrganisationError, match="autre adresse"):
        invitation_accept(token=invitation_token(invitation), user=intruder)
    assert not Membership.objects.filter(user=intruder).exists()


def test_forged_and_expired_links_are_refused(resident, pending_org, settings):
    invitation = invitation_create(
        organisation=pending_org, email="camille@exemple.test", role="admin", actor=resident
    )
    camille = UserFactory(email="camille@exemple.test")
    token = invitation_token(invitation)
    with pytest.raises(OrganisationError, match="pas valide"):
        invitation_accept(token=token[:-2] + "xx", user=camille)
    forged = signing.dumps({"i": invitation.pk, "n": "0" * 32}, salt=INVITATION_SALT)
    with pytest.raises(OrganisationError, match="pas valide"):
        invitation_accept(token=forged, user=camille)
    other_salt = signing.dumps({"i": invitation.pk, "n": invitation.nonce.hex})
    with pytest.raises(OrganisationError, match="pas valide"):
        invitation_accept(token=other_salt, user=camille)
    settings.CONCERTO_INVITATION_DAYS = 1
    old = signing.TimestampSigner(salt=INVITATION_SALT)
    old.timestamp = lambda: signing.b62_encode(int(timezone.now().timestamp()) - 2 * 86400)  # type: ignore[method-assign]
    expired = old.sign_object({"i": invitation.pk, "n": invitation.nonce.hex})
    with pytest.raises(OrganisationError, match="expiré"):
        invitation_accept(token=expired, user=camille)
    assert not Membership.objects.filter(user=camille).exists()


def test_expired_invitations_lose_their_address(resident, pending_org, settings):
    invitation = invitation_create(
        organisation=pending_org, email="camille@exemple.test", role="member", actor=resident
    )
    later = timezone.now() + dt.timedelta(days=settings.CONCERTO_INVITATION_DAYS + 1)
    assert invitations_purge_expired(now=later) == 1
    invitation.refresh_from_db()
    assert invitation.email == "" and invitation.status == Invitation.Status.REVOKED


def test_members_roles_remove_and_leave_keep_a_responsable(resident, pending_org, moderator):
    other = UserFactory()
    membership = member_add(organisation=pending_org, user=other, role="member", actor=moderator)
    with pytest.raises(OrganisationError, match="déjà membre"):
        member_add(organisation=pending_org, user=other, role="member", actor=moderator)
    with pytest.raises(OrganisationError, match="Seule l'équipe"):
        member_add(organisation=pending_org, user=UserFactory(), role="member", actor=resident)
    mine = Membership.objects.get(organisation=pending_org, user=resident)
    with pytest.raises(OrganisationError, match="au moins un·e responsable"):
        member_set_role(membership=mine, role="member", actor=resident)
    with pytest.raises(OrganisationError, match="seul·e responsable"):
        member_leave(organisation=pending_org, user=resident)
    with pytest.raises(OrganisationError):  # a plain member manages nothing
        member_remove(membership=mine, actor=other)
    member_set_role(membership=membership, role="admin", actor=resident)
    member_leave(organisation=pending_org, user=resident)
    assert not Membership.objects.filter(user=resident).exists()
    with pytest.raises(OrganisationError, match="au moins un·e responsable"):
        member_remove(membership=Membership.objects.get(user=other), actor=moderator)
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("organisation.member_add") == 1
    assert "organisation.member_role" in actions and "organisation.leave" in actions
