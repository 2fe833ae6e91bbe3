from __future__ import annotations

import io
import uuid

from PIL import Image


def form_data(process, **overrides):
    data = {
        "question_1": "Les personnes âgées isolées ne savent pas où demander de l'aide.",
        "kind": "testimony",
        "author_name": "Dominique",
        "email": "dominique@exemple.test",
        "neighbourhood": process.neighbourhoods.first().pk,
        "profile": "resident",
        "age_bracket": "61_75",
        "consent_publication": "on",
        "consent_processing": "on",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def png_bytes(size=(40, 30), exif_gps: bool = False) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "FabricantTest"  # Make
        exif[0x8825] = {1: "N", 2: (47.0, 13.0, 5.0)}  # GPSInfo
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format="PNG")
    return out.getvalue()


def minimal_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def active_pdf(kind: str) -> bytes:
    """A one-page PDF built with pypdf, holding one kind of active content (or, for
    ``"links"``, only what is harmless: an open action to a page and a web link)."""
    from pypdf import PdfWriter
    from pypdf.actions import JavaScript
    from pypdf.annotations import Link
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    def action(subtype: str, **entries: object) -> DictionaryObject:
        item = DictionaryObject({NameObject("/S"): NameObject(subtype)})
        item.update({NameObject(f"/{k}"): v for k, v in entries.items()})  # type: ignore[misc]
        return item

    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    root = writer._root_object
    if kind == "javascript":  # the document's scripts (name tree)
        writer.add_open_action(JavaScript("app.alert('bonjour');"))
    elif kind == "open_action_js":
        root[NameObject("/OpenAction")] = action(
            "/JavaScript", JS=TextStringObject("app.launchURL('http://exemple.test');")
        )
    elif kind == "launch":
        root[NameObject("/OpenAction")] = action("/Launch", F=TextStringObject("calc.exe"))
    elif kind == "page_action":  # run when the page opens (additional actions)
        page[NameObject("/AA")] = DictionaryObject(
            {NameObject("/O"): action("/JavaScript", JS=TextStringObject("app.beep(0);"))}
        )
    elif kind == "embedded":
        writer.add_attachment("lisez-moi.txt", b"un fichier dans le fichier")
    elif kind == "xfa":
        root[NameObject("/AcroForm")] = DictionaryObject(
            {
                NameObject("/Fields"): ArrayObject(),
                NameObject("/XFA"): TextStringObject("<xdp:xdp/>"),
            }
        )
    elif kind == "submit":
        link = Link(rect=(10, 10, 100, 30), url="http://exemple.test")
        link[NameObject("/A")] = action("/SubmitForm", F=TextStringObject("http://exemple.test"))
        writer.add_annotation(page_number=0, annotation=link)
    elif kind == "links":
        root[NameObject("/OpenAction")] = ArrayObject(
            [page.indirect_reference, NameObject("/FitH"), FloatObject(200)]
        )
        writer.add_annotation(
            page_number=0, annotation=Link(rect=(10, 10, 100, 30), url="https://exemple.test")
        )
    else:
        raise ValueError(kind)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    if kind == "javascript":
        # Names written with #-escapes, as a hostile file would: pypdf decodes them.
        data = data.replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 ")
    return data
