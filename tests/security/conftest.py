"""Fixtures of the security gate: one process with real objects behind every kind of URL
parameter, so that every URL of the site can be opened with real data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile

from concerto.contributions.models import Attachment, Contribution
from concerto.contributions.moderation import edit_token
from concerto.contributions.thanks import thanks_url
from concerto.core.audit import audit
from concerto.core.models import AuditEvent
from concerto.privacy.models import PrivacyRequest
from concerto.processes.models import Process
from concerto.resources.models import NewsPost, Resource
from tests.factories import ContributionFactory, NewsPostFactory, ResourceFactory
from tests.reading.conftest import add_image, add_pdf

PDF = b"%PDF-1.4\n% document de test\n%%EOF\n"


@dataclass
class Site:
    """The real objects behind the URL parameters."""

    process: Process
    published: Contribution  # published, with an image
    image: Attachment  # of ``published``
    pending: Contribution  # waiting for moderation, with an e-mail and a PDF
    private_file: Attachment  # of ``pending``
    to_edit: Contribution  # changes requested: its author may edit it
    token: str  # a valid edit token of ``to_edit``
    resource: Resource  # with a file
    news: NewsPost
    privacy_request: PrivacyRequest
    audit_event: AuditEvent
    event: Any  # concerto.events: an approved event of ``process``
    urn: Any  # concerto.intake: an urn of ``process``...
    print_batch: Any  # ...and sheets printed for it
    thanks_token: str = ""  # a valid token of the "merci" page of ``published``


@pytest.fixture
def site(process, admin_user) -> Site:
    published = ContributionFactory(
        process=process, status=Contribution.Status.PUBLISHED, email="publiee@exemple.test"
    )
    image = add_image(published)
    pending = ContributionFactory(process=process, email="en-attente@exemple.test")
    private_file = add_pdf(pending)
    to_edit = ContributionFactory(
        process=process,
        status=Contribution.Status.CHANGES_REQUESTED,
        email="a-modifier@exemple.test",
        edit_round=1,
    )
    resource = ResourceFactory(process=process, file=ContentFile(PDF, name="doc.pdf"), url="")
    news = NewsPostFactory(process=process)
    privacy_request = PrivacyRequest.objects.create(
        kind=PrivacyRequest.Kind.choices[0][0],
        receipt=published.receipt_number,
        email="publiee@exemple.test",
    )
    audit_event = audit(actor=admin_user, action="test.security", target=published, reason="")
    from concerto.intake.services import print_batch_create
    from tests.events.factories import EventFactory
    from tests.factories import UrnFactory

    urn = UrnFactory(process=process)
    return Site(
        process=process,
        published=published,
        image=image,
        pending=pending,
        private_file=private_file,
        to_edit=to_edit,
        token=edit_token(to_edit),
        resource=resource,
        news=news,
        privacy_request=privacy_request,
        audit_event=audit_event,
        event=EventFactory(process=process),
        urn=urn,
        print_batch=print_batch_create(urn=urn, count=1, actor=None),
        thanks_token=thanks_url(published).rstrip("/").rsplit("/", 1)[-1],
    )
