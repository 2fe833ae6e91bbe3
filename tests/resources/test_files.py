"""Resource files are served only for published resources of published processes."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.factories import ProcessFactory, ResourceFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% document de decryptage\n%%EOF\n"


def file_url(resource, slug=None):
    return reverse(
        "resources:file", kwargs={"slug": slug or resource.process.slug, "pk": resource.pk}
    )


def with_file(**kwargs):
    return ResourceFactory(file=ContentFile(PDF, name="decryptage.pdf"), url="", **kwargs)


def test_published_file_is_served(client, process):
    resource = with_file(process=process)
    response = client.get(file_url(resource))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline;")
    assert f'filename="{resource.pk}.pdf"' in disposition


def test_unpublished_resource_is_404(client, process):
    resource = with_file(process=process, is_published=False)
    assert client.get(file_url(resource)).status_code == 404


def test_resource_of_unpublished_process_is_404(client):
    resource = with_file(process=ProcessFactory(is_published=False))
    assert client.get(file_url(resource)).status_code == 404


def test_resource_without_file_is_404(client, process):
    resource = ResourceFactory(process=process)
    assert not resource.file
    assert client.get(file_url(resource)).status_code == 404


def test_resource_under_another_process_is_404(client, process):
    resource = with_file(process=ProcessFactory())
    assert client.get(file_url(resource, slug=process.slug)).status_code == 404


def test_unknown_resource_is_404(client, process):
    url = reverse("resources:file", kwargs={"slug": process.slug, "pk": 987654})
    assert client.get(url).status_code == 404
