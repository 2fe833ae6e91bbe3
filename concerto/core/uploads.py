"""Checking uploaded files by their content, never by their name.

Images are decoded and re-encoded (which drops EXIF, GPS included, and any
trailing payload of a polyglot file); PDFs are parsed and refused when encrypted,
unreadable or holding active content (JavaScript, /Launch and other automatic actions,
embedded files, XFA forms, rich media): :func:`check_pdf`, the one PDF checker of every
upload path (contributions, cahiers d'acteurs, paper scans, resources). Refused, not
flattened: a flattened copy would not be the document the person sent. Every refusal
carries a French message for the form.
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
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

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
    check_pdf(data, name)
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


def check_pdf(data: bytes, name: str) -> None:
    """Refuse (``ValidationError``, French) a PDF that is unreadable, encrypted, or that
    holds active content or embedded files (see :func:`active_content`)."""
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
        found = active_content(reader)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise unreadable from exc
    if found is not None:
        raise ValidationError(
            _(
                "Le PDF « %(name)s » contient %(what)s : ce contenu actif peut nuire à qui "
                "l'ouvre, il n'est pas accepté. Enregistrez le document de nouveau en PDF "
                "simple (par exemple « Imprimer », puis « Enregistrer au format PDF ») et "
                "déposez cette copie."
            )
            % {"name": name, "what": found}
        )


# Actions a reader may run by itself or on a click, beyond following a link or a page:
# scripts, programs, sending the form, opening or importing other files, rich media.
ACTIVE_ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/SubmitForm": "action",
    "/ImportData": "action",
    "/GoToR": "action",
    "/GoToE": "embedded",
    "/RichMediaExecute": "media",
    "/Rendition": "media",
}
ACTIVE_KEYS = {
    "/JS": "javascript",
    "/JavaScript": "javascript",  # the document's name tree of scripts
    "/EmbeddedFiles": "embedded",
    "/EF": "embedded",  # a file specification carrying the file itself
    "/XFA": "xfa",
    "/RichMediaContent": "media",
}
ACTIVE_SUBTYPES = {"/FileAttachment": "embedded", "/RichMedia": "media"}
MAX_PDF_NODES = 300_000  # dictionaries and arrays walked; a larger document is refused


def _what(kind: str) -> str:
    labels = {
        "javascript": _("du JavaScript"),
        "launch": _("une commande qui lance un programme (/Launch)"),
        "action": _(
            "une action automatique (envoi de formulaire, ouverture ou import d'un autre fichier)"
        ),
        "embedded": _("des fichiers joints"),
        "xfa": _("un formulaire XFA"),
        "media": _("du contenu multimédia actif"),
        "complex": _("trop d'objets pour être vérifié"),
    }
    return str(labels[kind])


def active_content(reader: PdfReader) -> str | None:
    """What active content the document holds (a French phrase), or None. Walks every
    dictionary and array reachable from the trailer (catalog, open action and additional
    actions, pages, annotations, forms, name trees), names decoded by pypdf, streams not
    decoded: the keys and values that make a reader run something, or carry a file."""
    seen: set[tuple[int, int]] = set()
    stack: list[PdfObject | None] = [reader.trailer]
    walked = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            ref = (item.idnum, item.generation)
            if ref in seen:
                continue
            seen.add(ref)
            item = item.get_object()
        walked += 1
        if walked > MAX_PDF_NODES:
            return _what("complex")
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                if key in ACTIVE_KEYS:
                    return _what(ACTIVE_KEYS[key])
                if key == "/S" and str(value) in ACTIVE_ACTIONS:
                    return _what(ACTIVE_ACTIONS[str(value)])
                if key in ("/Subtype", "/Type") and str(value) in ACTIVE_SUBTYPES:
                    return _what(ACTIVE_SUBTYPES[str(value)])
                if key == "/Type" and str(value) == "/EmbeddedFile":
                    return _what("embedded")
                if isinstance(value, (DictionaryObject, ArrayObject, IndirectObject)):
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(
                value
                for value in item
                if isinstance(value, (DictionaryObject, ArrayObject, IndirectObject))
            )
    return None
