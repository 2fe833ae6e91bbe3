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
