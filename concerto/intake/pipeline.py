"""Reading a scanned sheet: rasterise, find the QR code, align, read the ticks, OCR the text.

Pure functions on images and ``layout.Layout``; nothing here touches the database (the
background task in ``tasks.py`` does). Alignment: the QR code's four corners give a first
estimate of where the page is (any rotation), then the four fiducial marks printed in the
corners are searched near their expected place and give an affine transform from the
layout's millimetres to the scan's pixels; the page is resampled into the layout's frame,
where tick boxes and the writing area are read at their layout coordinates.
"""

from __future__ import annotations

import io
import math
import shutil
import subprocess
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from concerto.intake.layout import FIDUCIAL_SIZE, PAGE_H, PAGE_W, Layout, Rect

RASTER_DPI = 200  # PDF pages are rendered at this resolution
WORK_DPI = 300  # aligned frame, and the writing area sent to Tesseract
MAX_PIXELS = 40_000_000
MAX_PDF_PAGES = 300
TICK_THRESHOLD = 0.14  # mean darkness inside a box (border excluded) above which it is ticked
BOX_INSET = 0.9  # mm cut from each side of a box before measuring
WRITING_INSET = 2.2  # mm cut from each side of the writing area (its printed border)
FIDUCIAL_SEARCH = 9.0  # mm around the expected place of a fiducial mark
FIDUCIAL_MIN_FILL = 0.55


class PipelineError(Exception):
    """A page that cannot be read; ``str(exc)`` is a French message."""


class SystemDependencyMissing(RuntimeError):
    """Tesseract or its French model is missing: run ``make system-deps``."""


# --- Input -------------------------------------------------------------------------------


def pdf_page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise PipelineError("PDF illisible.") from exc
    try:
        return len(document)
    finally:
        document.close()


def rasterise_pdf_page(data: bytes, index: int, dpi: int = RASTER_DPI) -> Image.Image:
    """Page ``index`` of a PDF as a grayscale image (bounded in pixels)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise PipelineError("PDF illisible.") from exc
    try:
        page = document[index]
        width, height = page.get_size()  # points
        scale = dpi / 72
        if width * height * scale * scale > MAX_PIXELS:
            scale = math.sqrt(MAX_PIXELS / max(width * height, 1.0))
        bitmap = page.render(scale=scale, grayscale=True)
        image: Image.Image = bitmap.to_pil().convert("L")
        page.close()
        return image
    finally:
        document.close()


def open_image(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as opened:
        upright = ImageOps.exif_transpose(opened) or opened
        return upright.convert("L")


# --- QR code -------------------------------------------------------------------------------


@dataclass(frozen=True)
class QrRead:
    text: str
    corners: tuple[tuple[float, float], ...]  # top-left, top-right, bottom-right, bottom-left


def read_qr(image: Image.Image) -> QrRead | None:
    """The first QR code found, trying a few clean-ups of a noisy scan."""
    import zxingcpp

    candidates = [image, image.filter(ImageFilter.MedianFilter(3))]
    if max(image.size) > 2000:  # a 300 dpi scan: try a half-size copy first (faster)
        candidates.insert(0, image.reduce(2))
    for candidate in candidates:
        for binarizer in (zxingcpp.Binarizer.LocalAverage, zxingcpp.Binarizer.GlobalHistogram):
            found = zxingcpp.read_barcodes(
                candidate,
                formats=zxingcpp.BarcodeFormat.QRCode,  # type: ignore[arg-type]
                binarizer=binarizer,
            )
            for barcode in found:
                if not barcode.valid or not barcode.text:
                    continue
                factor = image.size[0] / candidate.size[0]
                pos = barcode.position
                corners = tuple(
                    (p.x * factor, p.y * factor)
                    for p in (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left)
                )
                return QrRead(barcode.text, corners)
    return None


# --- Alignment ------------------------------------------------------------------------------


def fit_affine(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> np.ndarray:
    """Least-squares 2x3 affine matrix mapping ``src`` points to ``dst`` points."""
    a = np.array([[x, y, 1.0] for x, y in src])
    b = np.array(dst)
    solution, *_ = np.linalg.lstsq(a, b, rcond=None)
    return np.asarray(solution.T)  # 2x3


def apply(matrix: np.ndarray, point: tuple[float, float]) -> tuple[float, float]:
    x, y = point
    return (
        float(matrix[0, 0] * x + matrix[0, 1] * y + matrix[0, 2]),
        float(matrix[1, 0] * x + matrix[1, 1] * y + matrix[1, 2]),
    )


def _qr_corners_mm(rect: Rect) -> list[tuple[float, float]]:
    return [
        (rect.x, rect.y),
        (rect.x + rect.w, rect.y),
        (rect.x + rect.w, rect.y + rect.h),
        (rect.x, rect.y + rect.h),
    ]


def _find_square(dark: np.ndarray, side: int) -> tuple[float, float, float] | None:
    """Centre (x, y) and fill of the ``side``-pixel square of ``dark`` with most ink."""
    h, w = dark.shape
    if side < 2 or h <= side or w <= side:
        return None
    integral = np.zeros((h + 1, w + 1))
    integral[1:, 1:] = dark.cumsum(0).cumsum(1)
    sums = (
        integral[side:, side:]
        - integral[:-side, side:]
        - integral[side:, :-side]
        + integral[:-side, :-side]
    )
    best_y, best_x = np.unravel_index(int(np.argmax(sums)), sums.shape)
    iy, ix = int(best_y), int(best_x)
    fill = float(sums[iy, ix]) / (side * side)
    # Refine with the centroid of the ink around the best square.
    pad = max(2, side // 3)
    y0, y1 = max(0, iy - pad), min(h, iy + side + pad)
    x0, x1 = max(0, ix - pad), min(w, ix + side + pad)
    patch = dark[y0:y1, x0:x1]
    total = patch.sum()
    if total <= 0:
        return None
    ys, xs = np.mgrid[y0:y1, x0:x1]
    return float((xs * patch).sum() / total), float((ys * patch).sum() / total), fill


def locate_fiducials(
    gray: np.ndarray, layout: Layout, guess: np.ndarray
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Pairs (layout mm, image px) for the fiducial marks found near ``guess``'s prediction."""
    px_per_mm = math.hypot(guess[0, 0], guess[1, 0])
    side = max(3, int(FIDUCIAL_SIZE * px_per_mm * 0.8))
    radius = int(FIDUCIAL_SEARCH * px_per_mm)
    h, w = gray.shape
    pairs = []
    for rect in layout.fiducials:
        cx, cy = apply(guess, rect.centre)
        x0, x1 = max(0, int(cx) - radius), min(w, int(cx) + radius)
        y0, y1 = max(0, int(cy) - radius), min(h, int(cy) + radius)
        if x1 - x0 <= side or y1 - y0 <= side:
            continue
        window = gray[y0:y1, x0:x1]
        found = _find_square((window < 110).astype(np.float64), side)
        if found is None or found[2] < FIDUCIAL_MIN_FILL:
            continue
        pairs.append((rect.centre, (x0 + found[0], y0 + found[1])))
    return pairs


@dataclass
class Aligned:
    image: Image.Image  # grayscale, the layout's frame at WORK_DPI
    method: str  # "fiducials", "qr" or "page"


def align(image: Image.Image, layout: Layout, qr: QrRead | None) -> Aligned:
    """Resample ``image`` into the layout's frame (A4 at WORK_DPI)."""
    gray = np.asarray(image.convert("L"))
    if qr is not None:
        guess = fit_affine(_qr_corners_mm(layout.qr), list(qr.corners))
        method = "qr"
    else:  # no QR code: assume an upright page filling the image
        sx, sy = image.size[0] / PAGE_W, image.size[1] / PAGE_H
        guess = np.array([[sx, 0.0, 0.0], [0.0, sy, 0.0]])
        method = "page"
    pairs = locate_fiducials(gray, layout, guess)
    if len(pairs) >= 3:
        matrix = fit_affine([p[0] for p in pairs], [p[1] for p in pairs])
        # Refuse a fit that disagrees with the marks (a blob taken for a fiducial).
        worst = max(math.dist(apply(matrix, mm), px) for mm, px in pairs)
        if worst < 2.0 * math.hypot(matrix[0, 0], matrix[1, 0]):
            guess, method = matrix, "fiducials"
    # The aligned frame keeps the scan's resolution (capped at WORK_DPI): no enlargement of
    # the noise; the writing area alone is enlarged for Tesseract (``ocr_writing``).
    ppm = min(WORK_DPI / 25.4, math.hypot(guess[0, 0], guess[1, 0]))
    size = (round(PAGE_W * ppm), round(PAGE_H * ppm))
    data = (
        guess[0, 0] / ppm,
        guess[0, 1] / ppm,
        guess[0, 2],
        guess[1, 0] / ppm,
        guess[1, 1] / ppm,
        guess[1, 2],
    )
    warped = image.convert("L").transform(
        size, Image.Transform.AFFINE, data, resample=Image.Resampling.BILINEAR, fillcolor=255
    )
    return Aligned(warped, method)


def _crop(image: Image.Image, rect: Rect) -> Image.Image:
    ppm = image.size[0] / PAGE_W
    return image.crop(
        (
            round(rect.x * ppm),
            round(rect.y * ppm),
            round((rect.x + rect.w) * ppm),
            round((rect.y + rect.h) * ppm),
        )
    )


# --- Marks and text --------------------------------------------------------------------------


def read_ticks(aligned: Image.Image, layout: Layout) -> dict[str, float]:
    """Mean darkness (0 white .. 1 black) inside each tick box, its border excluded."""
    result = {}
    for box in layout.boxes:
        patch = np.asarray(_crop(aligned, box.box.inset(BOX_INSET)), dtype=np.float64)
        result[box.key] = round(1.0 - float(patch.mean()) / 255.0, 4) if patch.size else 0.0
    return result


def ticked(darkness: dict[str, float]) -> set[str]:
    return {key for key, value in darkness.items() if value >= TICK_THRESHOLD}


def tesseract_command() -> str:
    path = shutil.which("tesseract")
    if path is None:
        raise SystemDependencyMissing(
            "Tesseract est introuvable : installez les paquets Debian tesseract-ocr et "
            "tesseract-ocr-fra (`make system-deps`)."
        )
    return path


def check_tesseract() -> None:
    """Raise ``SystemDependencyMissing`` unless Tesseract and its French model are installed."""
    command = tesseract_command()
    listed = subprocess.run(  # noqa: S603 - our own arguments, no shell
        [command, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    )
    if "fra" not in (listed.stdout + listed.stderr).split():
        raise SystemDependencyMissing(
            "Le modèle français de Tesseract manque : installez le paquet Debian "
            "tesseract-ocr-fra (`make system-deps`)."
        )


def ocr_writing(aligned: Image.Image, layout: Layout) -> str:
    """The writing area read by Tesseract (French model)."""
    area = _crop(aligned, layout.writing.inset(WRITING_INSET))
    # A 3x3 median at the scan's resolution removes isolated specks of noise; then the area
    # is enlarged to WORK_DPI (Tesseract reads best around 300 dpi) and cropped to the ink.
    area = area.filter(ImageFilter.MedianFilter(3))
    ppm = aligned.size[0] / PAGE_W
    factor = (WORK_DPI / 25.4) / ppm
    if factor > 1.05:
        area = area.resize(
            (round(area.size[0] * factor), round(area.size[1] * factor)),
            Image.Resampling.BICUBIC,
        )
    ink = np.asarray(area) < 128
    rows = np.flatnonzero(ink.sum(axis=1) >= 3)
    cols = np.flatnonzero(ink.sum(axis=0) >= 3)
    if rows.size == 0 or cols.size == 0:
        return ""  # nothing written
    margin = 24
    area = area.crop(
        (
            max(0, int(cols[0]) - margin),
            max(0, int(rows[0]) - margin),
            min(ink.shape[1], int(cols[-1]) + margin),
            min(ink.shape[0], int(rows[-1]) + margin),
        )
    )
    buffer = io.BytesIO()
    area.save(buffer, format="PNG")
    result = subprocess.run(  # noqa: S603 - our own arguments, no shell
        [tesseract_command(), "stdin", "stdout", "-l", "fra", "--psm", "6", "--dpi", "300"],
        input=buffer.getvalue(),
        capture_output=True,
        timeout=120,
        check=False,
        env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
    )
    if result.returncode != 0:
        raise PipelineError("La lecture du texte (OCR) a échoué.")
    return clean_ocr(result.stdout.decode("utf-8", errors="replace"))


def clean_ocr(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.replace("\f", "").splitlines()]
    return "\n".join(line for line in lines if line).strip()


@dataclass
class PageReading:
    ticks: dict[str, float]
    text: str
    method: str


def read_page(image: Image.Image, layout: Layout, qr: QrRead | None) -> PageReading:
    aligned = align(image, layout, qr)
    return PageReading(
        ticks=read_ticks(aligned.image, layout),
        text=ocr_writing(aligned.image, layout),
        method=aligned.method,
    )
