"""Hostile uploads on the public form: refused with a French message, or kept under a safe
name of ours (never the uploaded path), and the uploaded name always shown escaped."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from concerto.contributions.models import Attachment, Contribution
from tests.security.helpers import (
    assert_french_refusal,
    assert_no_server_error,
    html_of,
    markup_signature,
)
from tests.security.test_bad_input_public import contribution_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.CONCERTO_RATELIMIT_ENABLED = False


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, format="PNG")
    return out.getvalue()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), "green").save(out, format="JPEG")
    return out.getvalue()


GIF_JS_POLYGLOT = b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=1;alert(document.domain);//" + b";"


def _post(client, process, name: str, content: bytes):
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    data = contribution_data(process, attachments=[SimpleUploadedFile(name, content)])
    return client.post(url, data)


def _assert_safe_storage() -> None:
    for attachment in Attachment.objects.all():
        name = attachment.file.name
        assert name.startswith("private/attachments/"), name
        assert ".." not in name and "passwd" not in name and "script" not in name, name


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("../../etc/passwd", png(), False),  # no extension: refused
        ("../../etc/passwd.png", png(), True),
        ("..\\..\\windows\\win.ini.png", png(), True),
        ("/etc/shadow.pdf", b"%PDF-1.4\n%%EOF\n", None),
        ("polyglotte.gif", GIF_JS_POLYGLOT, False),
        ("polyglotte.png", GIF_JS_POLYGLOT, False),
        ("polyglotte.js", GIF_JS_POLYGLOT, False),
        ("vide.png", b"", False),
        ("tronquee.jpg", jpeg()[:200], False),
        ("<img src=x onerror=alert(1)>.png", png(), True),
        ("<script>alert(1)</script>.gif", GIF_JS_POLYGLOT, False),
        ("\u202egnp.exe", png(), False),  # right-to-left override: "exe.png" on screen
        ("nul\x00.png", png(), True),
        ("a\r\nContent-Type: text/html.png", png(), True),
        ("x" * 300 + ".png", png(), True),
    ],
)
def test_hostile_uploads(client, process, admin_user, name, content, accepted):
    response = _post(client, process, name, content)
    assert_no_server_error(response, name)
    if accepted is not None:
        assert (response.status_code == 302) is accepted, (name, response.status_code)
    if response.status_code != 302:
        assert response.status_code == 400
        assert_french_refusal(response, name)
        assert Contribution.objects.count() == 0
        assert "<script>alert(1)</script>" not in html_of(response)
        assert "<img src=x" not in html_of(response)
        return
    _assert_safe_storage()
    attachment = Attachment.objects.get()
    assert "/" not in attachment.original_name and "\x00" not in attachment.original_name
    assert len(attachment.original_name) <= 120
    # The staff see the uploaded name, escaped; the download is named safely.
    staff = type(client)()
    staff.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    page = staff.get(reverse("backoffice:contribution", kwargs={"pk": attachment.contribution_id}))
    assert page.status_code == 200
    assert markup_signature(html_of(page))["handlers"] == 0
    download = staff.get(reverse("backoffice:attachment", kwargs={"pk": attachment.pk}))
    assert download.status_code == 200
    disposition = download["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition and "/" not in disposition


def test_invalid_utf8_file_name(client, process):
    """A multipart body whose file name is not UTF-8."""
    boundary = uuid.uuid4().hex
    fields = contribution_data(process)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '.encode()
        + b'filename="\xff\xfe\xed\xa0\x80photo.png"\r\nContent-Type: image/png\r\n\r\n'
        + png()
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    response = client.generic(
        "POST", url, body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert_no_server_error(response, "nom de fichier non UTF-8")
    if response.status_code == 302:
        # Django's multipart parser drops a part whose headers are not UTF-8: the
        # contribution is kept without it. Whatever is stored is under our own name.
        _assert_safe_storage()
    else:
        assert_french_refusal(response, "nom de fichier non UTF-8")
