"""Filled sheets for the tests and the bench: a sheet of a print batch rendered with crosses
and typed text, then rasterised like a scan (resolution, rotation, noise)."""

from __future__ import annotations

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from concerto.intake import pipeline
from concerto.intake.layout import Layout
from concerto.intake.models import PaperSheet, PrintBatch
from concerto.intake.printing import Fill, SheetToPrint, render_sheets_pdf
from concerto.intake.qr import SheetRef, sign_sheet


def filled_pdf(batch: PrintBatch, fills: list[tuple[PaperSheet, Fill]]) -> bytes:
    layout = Layout.from_json(batch.layout)
    sheets = [
        SheetToPrint(
            number=sheet.number,
            payload=sign_sheet(SheetRef(sheet.process_id, sheet.urn_id, sheet.number)),
            urn_name=sheet.urn.place_name,
        )
        for sheet, _ in fills
    ]
    return render_sheets_pdf(layout, sheets, [fill for _, fill in fills])


def scan_like(
    image: Image.Image, *, angle: float = 0.0, noise: float = 0.0, seed: int = 1
) -> Image.Image:
    """Rotate by ``angle`` degrees and add salt-and-pepper plus gaussian noise."""
    import numpy as np

    out = image.convert("L")
    if angle:
        out = out.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=250)
    if noise:
        rng = np.random.default_rng(seed)
        data = np.asarray(out, dtype=np.float64)
        data = data + rng.normal(0, 255 * noise, data.shape)
        speckles = rng.random(data.shape)
        data[speckles < noise / 20] = 0
        data[speckles > 1 - noise / 20] = 255
        out = Image.fromarray(np.clip(data, 0, 255).astype("uint8"))
    return out


def scanned_png(
    pdf: bytes, index: int = 0, *, dpi: int = 150, angle: float = 0.0, noise: float = 0.0
) -> bytes:
    image = scan_like(pipeline.rasterise_pdf_page(pdf, index, dpi=dpi), angle=angle, noise=noise)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def images_to_pdf(images: list[bytes]) -> bytes:
    pages = [Image.open(io.BytesIO(data)).convert("RGB") for data in images]
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:], resolution=150)
    return buffer.getvalue()


def char_accuracy(expected: str, got: str) -> float:
    """1 - Levenshtein(expected, got) / len(expected), on whitespace-normalised text."""
    a, b = " ".join(expected.split()), " ".join(got.split())
    if not a:
        return 1.0 if not b else 0.0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return max(0.0, 1.0 - previous[-1] / len(a))


def random_text(rng: random.Random, words: list[str], lines: int = 5) -> str:
    return "\n".join(
        " ".join(rng.choice(words) for _ in range(rng.randint(6, 10))) for _ in range(lines)
    )
