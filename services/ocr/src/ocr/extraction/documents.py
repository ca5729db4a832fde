"""Uploaded bytes -> pages, refusing hostile input before it costs memory or CPU.

The type comes from the magic bytes only (a file name is the uploader's claim, not a fact). Every
limit is checked on headers before anything is decoded: Pillow reads image dimensions without
decoding pixels, PDFium reports page sizes and embedded image sizes without rendering. Pages are
produced lazily so a 50-page PDF never holds 50 rendered bitmaps at once.

PDF pages with a text layer give words with positions straight from the PDF (exact, and ~100x
cheaper than OCR); pages without one are rendered at 300 dpi for Tesseract.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageOps

from .errors import (
    CorruptDocument,
    DecompressionBomb,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    TooManyPages,
    UnsupportedDocumentType,
)
from .model import Box, Word

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS_PER_PAGE = 60_000_000  # A4 at 600 dpi is 35 Mpx; A3 at 600 dpi 70 Mpx is a poster
MAX_PAGES = 50
RENDER_DPI = 300
MIN_RENDER_DPI = 100  # below this OCR reads nothing; a page that needs less is a bomb
MAX_PAGE_POINTS = 14_400  # 200 inches: the PDF specification's own page size limit
MAX_PDF_OBJECTS = 20_000  # per page; invoices have a few hundred
# A page counts as having a text layer when it has this many non-blank characters; fewer is
# typically a scanned page with a stamped page number or a hidden OCR layer of a logo.
MIN_TEXT_LAYER_CHARS = 20
# An image covering this share of a page is a scanned page, not a logo or a stamp.
_SCAN_COVER = 0.8
_POINTS_PER_INCH = 72.0
_TO_PIXELS = RENDER_DPI / _POINTS_PER_INCH


@dataclass(frozen=True, slots=True)
class TextLayerPage:
    index: int
    words: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class RasterPage:
    """A page image, EXIF orientation already applied; ``dpi`` as declared by the file, if any."""

    index: int
    image: Image.Image
    dpi: float | None


Page = TextLayerPage | RasterPage


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    kind: str  # "jpeg" | "png" | "tiff" | "pdf"
    page_count: int


def sniff(data: bytes) -> str:
    """The document type from its magic bytes; refuses empty, oversized and unknown input."""
    if len(data) > MAX_BYTES:
        raise DocumentTooLarge(f"document is {len(data)} bytes, the limit is {MAX_BYTES}")
    if not data:
        raise EmptyDocument("document is empty")
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    # Readers accept a PDF header within the first 1024 bytes (some mailers prepend junk).
    if b"%PDF-" in data[:1024]:
        return "pdf"
    raise UnsupportedDocumentType("not a JPEG, PNG, TIFF or PDF document")


def inspect_document(data: bytes) -> DocumentInfo:
    """Every check that needs no decoding: type, size, page count, page and image dimensions."""
    kind = sniff(data)
    if kind == "pdf":
        with _open_pdf(data) as pdf:
            return DocumentInfo(kind, _check_pdf(pdf))
    with _open_image(data, kind) as image:
        return DocumentInfo(kind, _check_image_frames(image, kind))


def count_pages(data: bytes) -> int:
    """The page count alone, from the PDF's page tree or the image's frame headers: cheaper
    than :func:`inspect_document` (no page is opened), for ordering work before OCR. Raises
    the same :class:`~ocr.extraction.errors.DocumentError` subclasses for what it cannot read.
    """
    kind = sniff(data)
    if kind == "pdf":
        with _open_pdf(data) as pdf:
            count = len(pdf)
        if count == 0:
            raise EmptyDocument("PDF has no pages")
        return min(count, MAX_PAGES + 1)
    with _open_image(data, kind) as image:
        if kind != "tiff":
            return 1
        count = 1
        while count <= MAX_PAGES:
            try:
                image.seek(count)
            except EOFError:
                break
            except (OSError, SyntaxError, ValueError) as e:
                raise CorruptDocument("unreadable image page") from e
            count += 1
        return count


def iter_pages(data: bytes) -> Iterator[Page]:
    """The pages in order, each checked then decoded (images) or read/rendered (PDF)."""
    kind = sniff(data)
    if kind == "pdf":
        yield from _pdf_pages(data)
    else:
        yield from _image_pages(data, kind)


# --- images --------------------------------------------------------------------------------


class _ImageContext:
    def __init__(self, data: bytes, kind: str) -> None:
        self._data, self._kind = data, kind
        self._image: Image.Image | None = None

    def __enter__(self) -> Image.Image:
        try:
            with warnings.catch_warnings():
                # Pillow warns, then raises, above its own pixel limit (ours is lower, see below).
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                image = Image.open(io.BytesIO(self._data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
            raise DecompressionBomb("image dimensions exceed the pixel limit") from e
        except (OSError, SyntaxError, ValueError) as e:
            # UnidentifiedImageError is an OSError: the magic said image, the rest is broken.
            raise CorruptDocument(f"unreadable {self._kind} image") from e
        if image.format is None or image.format.lower() not in {self._kind, "mpo"}:
            image.close()
            raise CorruptDocument(f"{self._kind} header but {image.format} content")
        self._image = image
        return image

    def __exit__(self, *exc: object) -> None:
        if self._image is not None:
            self._image.close()


def _open_image(data: bytes, kind: str) -> _ImageContext:
    return _ImageContext(data, kind)


def _check_image_frames(image: Image.Image, kind: str) -> int:
    """Visit every frame's header (TIFF pages) without decoding pixels; returns the count."""
    count = 0
    # Only TIFF pages are pages: a phone's MPO "JPEG" carries previews and depth maps as frames.
    max_frames = MAX_PAGES + 1 if kind == "tiff" else 1
    while True:
        width, height = image.size
        if width <= 0 or height <= 0:
            raise CorruptDocument("image has no pixels")
        if width * height > MAX_PIXELS_PER_PAGE:
            raise DecompressionBomb(f"page of {width}x{height} px exceeds the pixel limit")
        count += 1
        if count > MAX_PAGES:
            raise TooManyPages(f"more than {MAX_PAGES} pages")
        if count >= max_frames:
            break
        try:
            image.seek(count)
        except EOFError:
            break
        except (OSError, SyntaxError, ValueError) as e:
            raise CorruptDocument("unreadable image page") from e
    image.seek(0)
    return count


def _image_pages(data: bytes, kind: str) -> Iterator[RasterPage]:
    with _open_image(data, kind) as image:
        count = _check_image_frames(image, kind)
        for index in range(count):
            try:
                image.seek(index)
                image.load()
                dpi = _declared_dpi(image)
                # Upright as the phone saw it; copies the frame so the file can be closed.
                page = ImageOps.exif_transpose(image)
            except Image.DecompressionBombError as e:
                raise DecompressionBomb("image exceeds the pixel limit") from e
            except (OSError, SyntaxError, ValueError, EOFError) as e:
                # Truncated data surfaces here, at decode time: "image file is truncated".
                raise CorruptDocument(f"truncated or damaged {kind} image") from e
            yield RasterPage(index, page, dpi)


def _declared_dpi(image: Image.Image) -> float | None:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else None
    except (TypeError, ValueError, IndexError):
        return None
    # 1 and 72 dpi are what cameras and screenshot tools write when they do not know.
    if value is None or value < 100 or value > 1200:
        return None
    return value


# --- PDF -----------------------------------------------------------------------------------


class _PdfContext:
    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pdf: pdfium.PdfDocument | None = None

    def __enter__(self) -> pdfium.PdfDocument:
        try:
            pdf = pdfium.PdfDocument(self._data)
        except pdfium.PdfiumError as e:
            code = getattr(e, "err_code", None)
            if _declares_no_pages(self._data):
                raise EmptyDocument("PDF has no pages") from e
            # The trailer check guards against a stale error code (see _declares_no_pages).
            password = code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)
            if password and b"/Encrypt" in self._data:
                raise EncryptedDocument("PDF is password protected") from e
            raise CorruptDocument("unreadable PDF") from e
        self._pdf = pdf
        return pdf

    def __exit__(self, *exc: object) -> None:
        if self._pdf is not None:
            self._pdf.close()


_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_ZERO_COUNT = re.compile(rb"/Count\s+0(?![0-9])")


def _declares_no_pages(data: bytes) -> bool:
    """Why PDFium refused the file, when it was for having no pages.

    PDFium refuses a page-less document without setting its (process-global) last error, so
    the error code still holds whatever an earlier document failed with. A page tree counting
    zero and no page object anywhere is the page-less case; anything else stays "corrupt".
    """
    return bool(_ZERO_COUNT.search(data)) and not _PAGE_OBJECT.search(data)


def _open_pdf(data: bytes) -> _PdfContext:
    return _PdfContext(data)


def _check_pdf(pdf: pdfium.PdfDocument) -> int:
    count = len(pdf)
    if count == 0:
        raise EmptyDocument("PDF has no pages")
    if count > MAX_PAGES:
        raise TooManyPages(f"PDF has {count} pages, the limit is {MAX_PAGES}")
    for index in range(count):
        page = _get_page(pdf, index)
        try:
            _render_scale(page)
            _check_embedded_images(page)
        finally:
            page.close()
    return count


def _get_page(pdf: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
    try:
        return pdf[index]
    except pdfium.PdfiumError as e:
        raise CorruptDocument(f"unreadable PDF page {index + 1}") from e


def _render_scale(page: pdfium.PdfPage) -> float:
    """Pixels per point for rendering: 300 dpi, less for large pages, refuse absurd ones."""
    width, height = page.get_size()
    if not (0 < width <= MAX_PAGE_POINTS and 0 < height <= MAX_PAGE_POINTS):
        raise DecompressionBomb(f"PDF page of {width:.0f}x{height:.0f} pt")
    scale = _TO_PIXELS
    pixels = width * height * scale * scale
    if pixels > MAX_PIXELS_PER_PAGE:
        scale *= (MAX_PIXELS_PER_PAGE / pixels) ** 0.5
        if scale * _POINTS_PER_INCH < MIN_RENDER_DPI:
            raise DecompressionBomb(f"PDF page of {width:.0f}x{height:.0f} pt is too large")
    return float(scale)


def _check_embedded_images(page: pdfium.PdfPage) -> None:
    seen = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=5):
        seen += 1
        if seen > MAX_PDF_OBJECTS:
            raise DecompressionBomb("PDF page has too many images")
        try:
            width, height = obj.get_px_size()
        except pdfium.PdfiumError:
            continue  # not decodable: PDFium will skip it when rendering as well
        if width * height > MAX_PIXELS_PER_PAGE:
            raise DecompressionBomb(f"PDF embeds a {width}x{height} px image")


def _pdf_pages(data: bytes) -> Iterator[Page]:
    with _open_pdf(data) as pdf:
        count = _check_pdf(pdf)
        for index in range(count):
            page = _get_page(pdf, index)
            try:
                words = None if _is_scan_with_ocr_layer(page) else _text_layer_words(page, index)
                if words is not None:
                    yield TextLayerPage(index, words)
                    continue
                scale = _render_scale(page)
                try:
                    bitmap = page.render(scale=scale, grayscale=True)
                    image = bitmap.to_pil()
                except pdfium.PdfiumError as e:
                    raise CorruptDocument(f"PDF page {index + 1} cannot be rendered") from e
                yield RasterPage(index, image, scale * _POINTS_PER_INCH)
            finally:
                page.close()


def _is_scan_with_ocr_layer(page: pdfium.PdfPage) -> bool:
    """A scanned page whose only text is an invisible layer laid over the image by the scanner.

    Scanner software writes its own OCR guess as invisible text (render mode 3) over the page
    image; on receipts and faint scans it is often garbage (mixed scripts, letters for digits).
    Such a page is OCR'd like any scan: the visible image is the document, the layer a guess.
    """
    width, height = page.get_size()
    area = max(1.0, width * height)
    texts = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=5):
        texts += 1
        if (
            pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
            != pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
        ):
            return False
        if texts > MAX_PDF_OBJECTS:
            return False
    if texts == 0:
        return False
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=5):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= _SCAN_COVER * area:
            return True
    return False


def _charbox(
    textpage: pdfium.PdfTextPage, index: int, *, loose: bool
) -> tuple[float, float, float, float]:
    try:
        left, bottom, right, top = textpage.get_charbox(index, loose=loose)
    except pdfium.PdfiumError:
        return (0.0, 0.0, 0.0, 0.0)
    return float(left), float(bottom), float(right), float(top)


def _text_layer_words(page: pdfium.PdfPage, index: int) -> tuple[Word, ...] | None:
    """Words with boxes from the PDF's own text, converted to 300 dpi pixels, top-left origin."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count <= 0:
            return None
        text = textpage.get_text_range(0, count)
        if sum(not c.isspace() for c in text) < MIN_TEXT_LAYER_CHARS:
            return None
        if len(text) != count:
            # Surrogate pairs make the string and the char indices disagree: go one by one.
            text = "".join(textpage.get_text_range(i, 1) or " " for i in range(count))
        page_height = page.get_height()
        words: list[Word] = []
        chars: list[str] = []
        boxes: list[tuple[float, float, float, float]] = []

        turned = False  # the word being assembled is printed up or down the page

        def flush() -> None:
            if chars and "".join(chars).strip():
                left = min(b[0] for b in boxes)
                bottom = min(b[1] for b in boxes)
                right = max(b[2] for b in boxes)
                top = max(b[3] for b in boxes)
                box = Box(
                    index,
                    round(left * _TO_PIXELS),
                    round((page_height - top) * _TO_PIXELS),
                    max(1, round((right - left) * _TO_PIXELS)),
                    max(1, round((top - bottom) * _TO_PIXELS)),
                )
                words.append(Word("".join(chars), box, 1.0, vertical=turned))
            chars.clear()
            boxes.clear()

        prev_loose: tuple[float, float, float, float] | None = None
        for i, char in enumerate(text[:count]):
            if char.isspace() or char in "\x00\ufffe\x02":
                flush()
                prev_loose = None
                continue
            # Word assembly decides on the font's box (ascent to descent, advance width), the
            # same for every glyph of a run: a comma's or an underscore's tight ink box sits
            # low and narrow and would split "671,15" into "671 , 15" (or drop the glyph).
            loose = _charbox(textpage, i, loose=True)
            box = _charbox(textpage, i, loose=False)
            if box[2] <= box[0] or box[3] <= box[1]:
                box = loose  # no ink box (a rule, an underscore in some fonts)
            # Legal mentions up the margin: glyphs turned a quarter, their run along the y axis.
            upright = abs(math.sin(pdfium_c.FPDFText_GetCharAngle(textpage.raw, i))) < 0.7
            if boxes and upright == turned:
                flush()
                prev_loose = None
            turned = not upright
            if prev_loose is not None and boxes:
                if turned:
                    size = max(prev_loose[2] - prev_loose[0], loose[2] - loose[0], 1.0)
                    centre = abs((loose[0] + loose[2]) - (prev_loose[0] + prev_loose[2])) / 2
                    gap = max(loose[1] - prev_loose[3], prev_loose[1] - loose[3])
                    if centre > size / 2 or gap > 0.18 * size:
                        flush()
                else:
                    height = max(prev_loose[3] - prev_loose[1], loose[3] - loose[1], 1.0)
                    centre = abs((loose[1] + loose[3]) - (prev_loose[1] + prev_loose[3])) / 2
                    gap = loose[0] - prev_loose[2]
                    # A word space is ~0.25 em, i.e. ~0.2 of the font box; letters of one
                    # word touch (kerning moves them a few hundredths of an em).
                    if centre > height / 2 or gap > 0.18 * height or gap < -height:
                        flush()
            chars.append(char)
            boxes.append(box)
            prev_loose = loose
        flush()
        return tuple(words) if words else None
    finally:
        textpage.close()
