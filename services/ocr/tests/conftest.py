"""Builders for the extraction tests: invoices as text art, rendered pages, hand-made PDFs.

Text art: each character of a line is 20 px wide and each line 50 px tall, so the spacing in
the source *is* the layout. One space separates words; two or more make a column gap.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import zlib
from collections.abc import Callable, Sequence
from types import SimpleNamespace

import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr.extraction.model import Box, Word

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
CHAR_W, LINE_H, WORD_H = 20, 50, 30

Layout = Callable[..., list[Word]]


def text_art(text: str, *, page: int = 0, confidence: float = 0.95) -> list[Word]:
    words = []
    for row, line in enumerate(text.strip("\n").splitlines()):
        for m in re.finditer(r"\S+", line):
            box = Box(
                page, 100 + m.start() * CHAR_W, 100 + row * LINE_H, len(m.group(0)) * CHAR_W, WORD_H
            )
            words.append(Word(m.group(0), box, confidence))
    return words


@pytest.fixture
def layout() -> Layout:
    return text_art


# --- rendered pages ------------------------------------------------------------------------

Item = tuple[int, int, str, int, bool]  # x, y, text, font px, bold

NL_INVOICE: list[Item] = [
    (150, 150, "Bouwbedrijf De Smet NV", 60, True),
    (150, 240, "Kerkstraat 12", 42, False),
    (150, 300, "9000 Gent", 42, False),
    (150, 360, "BTW BE 0403.019.261", 42, False),
    (1500, 150, "FACTUUR", 80, True),
    (1400, 600, "Klant:", 42, True),
    (1400, 660, "Bakkerij Janssens BV", 42, False),
    (1400, 720, "Marktplein 3", 42, False),
    (1400, 780, "2000 Antwerpen", 42, False),
    (1400, 840, "BTW BE 0123.456.749", 42, False),
    (150, 1100, "Factuurnummer: F2026-0042", 42, False),
    (150, 1160, "Factuurdatum: 23/11/2026", 42, False),
    (150, 1220, "Vervaldatum: 23/12/2026", 42, False),
    (150, 1450, "Omschrijving", 42, True),
    (1300, 1450, "Aantal", 42, True),
    (1650, 1450, "Prijs", 42, True),
    (2000, 1450, "Totaal", 42, True),
    (150, 1530, "Renovatie dakgoot", 42, False),
    (1300, 1530, "2", 42, False),
    (1650, 1530, "500,00", 42, False),
    (2000, 1530, "1.000,00", 42, False),
    (1300, 1750, "Subtotaal", 42, False),
    (2000, 1750, "1.000,00", 42, False),
    (1300, 1810, "BTW 21%", 42, False),
    (2000, 1810, "210,00", 42, False),
    (1300, 1890, "Te betalen", 46, True),
    (1950, 1890, "€ 1.210,00", 46, True),
    (150, 2200, "Betaling binnen 30 dagen na factuurdatum.", 42, False),
    (150, 3200, "IBAN BE68 5390 0754 7034  -  BIC GKCCBEBB", 36, False),
]

FR_INVOICE: list[Item] = [
    (150, 150, "Menuiserie Dupont SRL", 60, True),
    (150, 240, "Rue de la Gare 5, 4000 Liège", 42, False),
    (150, 300, "TVA BE 0403.019.261", 42, False),
    (1500, 150, "FACTURE", 80, True),
    (1400, 600, "Facturé à", 42, True),
    (1400, 660, "Boulangerie Martin SA", 42, False),
    (1400, 720, "Avenue Louise 10", 42, False),
    (1400, 780, "1050 Bruxelles", 42, False),
    (1400, 840, "TVA BE 0123.456.749", 42, False),
    (150, 1100, "Facture n° 2026/117", 42, False),
    (150, 1160, "Date de facture : le 5 novembre 2026", 42, False),
    (150, 1450, "Description", 42, True),
    (2000, 1450, "Montant", 42, True),
    (150, 1530, "Placement de châssis", 42, False),
    (2000, 1530, "2.500,00", 42, False),
    (1300, 1750, "Total HTVA", 42, False),
    (2000, 1750, "2.500,00", 42, False),
    (1300, 1810, "TVA 21 %", 42, False),
    (2000, 1810, "525,00", 42, False),
    (1300, 1890, "Total TTC", 46, True),
    (1950, 1890, "3.025,00 EUR", 46, True),
    (150, 2200, "Payable à 30 jours fin de mois.", 42, False),
]

A4_300DPI = (2480, 3508)


def render_page(items: Sequence[Item], size: tuple[int, int] = A4_300DPI) -> Image.Image:
    """An invoice page drawn with DejaVu at 300 dpi (42 px is a 10 pt body font)."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    for x, y, text, px, bold in items:
        font = ImageFont.truetype(f"{FONT_DIR}/DejaVuSans{'-Bold' if bold else ''}.ttf", px)
        draw.text((x, y), text, fill=0, font=font)
    return image


def to_bytes(image: Image.Image, fmt: str = "PNG", **params: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format=fmt, **params)
    return buf.getvalue()


@pytest.fixture
def tesseract() -> None:
    """Skips the test when OCR cannot run here; the rest of the suite needs neither."""
    if shutil.which("tesseract") is None:
        pytest.skip(
            "the tesseract binary is not installed (apt-get install tesseract-ocr "
            "tesseract-ocr-nld tesseract-ocr-fra tesseract-ocr-deu)"
        )
    if not os.path.exists(f"{FONT_DIR}/DejaVuSans.ttf"):
        pytest.skip("fonts-dejavu-core is not installed: cannot render test invoices")


# --- hand-made PDFs ------------------------------------------------------------------------


def make_pdf(
    pages: Sequence[bytes],
    *,
    media_box: tuple[float, float] = (595, 842),
    extra_objects: Sequence[bytes] = (),
    resources: bytes = b"",
    trailer_extra: bytes = b"",
) -> bytes:
    """A minimal, valid PDF: one content stream per page, Helvetica as /F1 (WinAnsi).

    ``extra_objects`` are appended as objects 4.. after the font, page and content objects are
    numbered; ``resources`` is spliced into each page's /Resources dictionary.
    """
    objects: list[bytes] = []
    n = len(pages)
    first_page = 4 + len(extra_objects)
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(n))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n))
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    objects.extend(extra_objects)
    w, h = media_box
    for i, content in enumerate(pages):
        content_ref = first_page + 2 * i + 1
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> %s >> >>"
            % (str(w).encode(), str(h).encode(), content_ref, resources)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer_extra,
        xref,
    )
    return bytes(out)


def text_content(lines: Sequence[tuple[float, float, str]], size: int = 10) -> bytes:
    """PDF drawing operators that print each (x, y-from-top, text) in Helvetica."""
    ops = []
    for x, y_top, text in lines:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        raw = escaped.encode("cp1252")
        ops.append(
            b"BT /F1 %d Tf %s %s Td (%s) Tj ET"
            % (size, str(x).encode(), str(842 - y_top).encode(), raw)
        )
    return b"\n".join(ops)


def huge_image_xobject(width: int, height: int) -> bytes:
    data = zlib.compress(b"\xff" * 64)
    return (
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (width, height, len(data), data)
    )


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose IHDR claims ``width`` x ``height`` with almost no pixel data behind it."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return len(body).to_bytes(4, "big") + kind + body + crc.to_bytes(4, "big")

    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.fixture
def build() -> SimpleNamespace:
    """The builders above, for tests (pytest's importlib mode cannot import conftest)."""
    return SimpleNamespace(
        render_page=render_page,
        to_bytes=to_bytes,
        make_pdf=make_pdf,
        text_content=text_content,
        huge_image_xobject=huge_image_xobject,
        png_header_only=png_header_only,
        NL_INVOICE=NL_INVOICE,
        FR_INVOICE=FR_INVOICE,
    )
