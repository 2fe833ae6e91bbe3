"""Checking uploaded files by their content, never by their name.

Images are decoded and re-encoded (which drops EXIF, GPS included, and any
trailing payload of a polyglot file); PDFs are parsed and refused when encrypted
or unreadable. Every refusal carries a French message for the form.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

ALLOWED = {
    "image/jpeg": ("image", ".jpg", {".jpg", ".jpeg"}),
    "image/png": ("image", ".png", {".png"}),
    "image/webp": ("image", ".webp", {".webp"}),
    "application/pdf": ("pdf", ".pdf", {".pdf"}),
}
MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    kind: str
    content_type: str
    extension: str
    original_name: str


def _clean_name(name: str) -> str:
    base = PurePath(name.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*\x00')
    suffix = PurePath(cleaned).suffix if len(cleaned) > 120 else ""
    if len(suffix) > 10:
        suffix = ""
    # A long name keeps its extension: it is checked against the content.
    return cleaned[: 120 - len(suffix)] + suffix or "fichier"


def check_upload(upload: UploadedFile, *, max_bytes: int) -> CheckedFile:
    name = _clean_name(upload.name or "")
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("Le fichier « %(name)s » est vide.") % {"name": name})
    if size > max_bytes:
        raise ValidationError(
            _("Le fichier « %(name)s » dépasse la taille maximale de %(mb)s Mo.")
            % {"name": name, "mb": max_bytes // (1024 * 1024)}
        )
    data = upload.read()
    kind = filetype.guess(data)
    mime = kind.mime if kind is not None else ""
    if mime not in ALLOWED:
        raise ValidationError(
            _("« %(name)s » n'est pas une image (JPEG, PNG, WebP) ni un PDF.") % {"name": name}
        )
    family, extension, accepted_suffixes = ALLOWED[mime]
    suffix = PurePath(name).suffix.lower()
    if suffix not in accepted_suffixes:
        raise ValidationError(
            _("Le contenu de « %(name)s » ne correspond pas à son extension.") % {"name": name}
        )
    if family == "image":
        return CheckedFile(_reencode_image(data, name, mime), "image", mime, extension, name)
    _check_pdf(data, name)
    return CheckedFile(data, "pdf", mime, extension, name)


def _reencode_image(data: bytes, name: str, mime: str) -> bytes:
    unreadable = ValidationError(
        _("L'image « %(name)s » est illisible ou incomplète.") % {"name": name}
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise ValidationError(
                        _("L'image « %(name)s » est trop grande.") % {"name": name}
                    )
                image.load()
                out = io.BytesIO()
                if mime == "image/jpeg":
                    image.convert("RGB").save(out, format="JPEG", quality=88)
                elif mime == "image/png":
                    image.save(out, format="PNG")
                else:
                    image.save(out, format="WEBP", quality=88)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise unreadable from exc
    return out.getvalue()


def _check_pdf(data: bytes, name: str) -> None:
    unreadable = ValidationError(
        _("Le PDF « %(name)s » est illisible ou incomplet.") % {"name": name}
    )
    if b"%%EOF" not in data[-2048:]:
        raise unreadable
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("Le PDF « %(name)s » est protégé par un mot de passe.") % {"name": name}
            )
        if len(reader.pages) == 0:
            raise unreadable
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise unreadable from exc
