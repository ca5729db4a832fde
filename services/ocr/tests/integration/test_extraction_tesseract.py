"""Rendered invoices through real Tesseract: what a member's upload goes through."""

from __future__ import annotations

import zlib
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytesseract
import pytest
from PIL import Image

from ocr.extraction import ExtractionResult, extract
from ocr.extraction.documents import RasterPage, iter_pages
from ocr.extraction.pipeline import ocr_page
from ocr.extraction.preprocess import rotate

TODAY = date(2026, 11, 25)

pytestmark = pytest.mark.usefixtures("tesseract")


def assert_dutch_invoice_read(result: ExtractionResult) -> None:
    f = result.fields
    assert f.debtor_name and f.debtor_name.value == "Bakkerij Janssens BV"
    assert f.debtor_vat and f.debtor_vat.value == "BE0123456749"
    assert f.seller_vat and f.seller_vat.value == "BE0403019261"
    assert f.invoice_number and f.invoice_number.value == "F2026-0042"
    assert f.invoice_date and f.invoice_date.value == date(2026, 11, 23)
    assert f.due_date and f.due_date.value == date(2026, 12, 23)
    assert f.total_amount and f.total_amount.value == Decimal("1210.00")
    assert f.currency and f.currency.value == "EUR"


def test_reads_a_clean_dutch_invoice_scan(build: SimpleNamespace) -> None:
    png = build.to_bytes(build.render_page(build.NL_INVOICE), "PNG", dpi=(300, 300))
    result = extract(png, tenant_vat="BE0403019261", today=TODAY)
    assert_dutch_invoice_read(result)
    assert result.document_type == "png"
    assert not result.pages[0].used_text_layer
    assert result.fields.debtor_vat and result.fields.debtor_vat.confidence > 0.8


def test_reads_a_scan_rotated_by_two_degrees(build: SimpleNamespace) -> None:
    page = rotate(build.render_page(build.NL_INVOICE), 2.0)
    result = extract(build.to_bytes(page, "PNG", dpi=(300, 300)), today=TODAY)
    assert_dutch_invoice_read(result)
    assert result.pages[0].skew_degrees == pytest.approx(2.0, abs=0.3)


def test_reads_a_french_invoice_without_knowing_the_tenants_vat(build: SimpleNamespace) -> None:
    jpeg = build.to_bytes(build.render_page(build.FR_INVOICE).convert("RGB"), "JPEG", quality=85)
    f = extract(jpeg, tenant_vat=None, today=TODAY).fields
    assert f.debtor_name and f.debtor_name.value == "Boulangerie Martin SA"
    assert f.debtor_vat and f.debtor_vat.value == "BE0123456749"
    assert f.seller_vat and f.seller_vat.value == "BE0403019261"
    assert f.invoice_number and f.invoice_number.value == "2026/117"
    assert f.invoice_date and f.invoice_date.value == date(2026, 11, 5)
    # "30 jours fin de mois": 5 November + 30 days = 5 December, then the end of that month.
    assert f.due_date and f.due_date.value == date(2026, 12, 31)
    assert f.total_amount and f.total_amount.value == Decimal("3025.00")


def test_turns_a_sideways_photo_upright_before_reading_it(build: SimpleNamespace) -> None:
    sideways = build.render_page(build.NL_INVOICE).transpose(Image.Transpose.ROTATE_90)
    result = extract(build.to_bytes(sideways, "PNG"), today=TODAY)
    assert result.pages[0].rotation_degrees in (90, 270)
    assert_dutch_invoice_read(result)


def test_ocrs_a_scanned_pdf_page_rendered_at_300_dpi(build: SimpleNamespace) -> None:
    # A scanner's PDF: one image per page, no text layer; half resolution to keep the test fast.
    page = build.render_page(build.NL_INVOICE).resize((1240, 1754))
    pdf = build.to_bytes(page, "PDF", resolution=150)
    result = extract(pdf, today=TODAY)
    assert result.document_type == "pdf"
    assert not result.pages[0].used_text_layer
    assert_dutch_invoice_read(result)


def test_tesseract_is_told_the_pages_real_resolution_not_a_bmp_default(
    build: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A BMP header says 96 dpi unless told otherwise, and Tesseract sizes the text it expects
    # by it: small receipt print was lost. The file Tesseract opens must carry the real dpi.
    seen: list[tuple[float, float]] = []
    real = pytesseract.image_to_data

    def observed(path: str, **kwargs: object) -> object:
        with Image.open(path) as handed_over:
            seen.append(handed_over.info["dpi"])
        assert "--dpi 200" in str(kwargs.get("config"))
        return real(path, **kwargs)

    monkeypatch.setattr(pytesseract, "image_to_data", observed)
    page = build.render_page(
        [(40, 40, "Datum 07.09.2018  Summe 34,00 EUR", 40, False)], (1600, 140)
    )
    scan = build.to_bytes(page, "PNG", dpi=(200, 200))
    page_in = next(iter(iter_pages(scan)))
    assert isinstance(page_in, RasterPage)
    words, _ = ocr_page(page_in)
    assert [round(d) for d in seen[0]] == [200, 200]
    assert "07.09.2018" in [w.text for w in words]


def _scan_with_ocr_layer(build: SimpleNamespace, layer: bytes) -> bytes:
    """A scanned A4 page (the image covers the page) under a scanner's invisible text layer."""
    page = build.render_page(build.NL_INVOICE).resize((1240, 1754))  # 150 dpi
    pixels = zlib.compress(page.tobytes())
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 1240 /Height 1754 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (len(pixels), pixels)
    )
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q\nBT 3 Tr /F1 10 Tf 72 600 Td (%s) Tj ET" % layer
    return bytes(
        build.make_pdf([content], extra_objects=[image], resources=b"/XObject << /Im1 4 0 R >>")
    )


def test_a_scan_is_read_from_its_image_not_from_the_scanners_invisible_ocr_layer(
    build: SimpleNamespace,
) -> None:
    # Scanner software lays its own OCR guess over the image as invisible text; on receipts and
    # faint scans it is garbage. The image is the document.
    garbage = b"Factuurnumm3r: F2O26-OO42  Te betalen 1.2l0,OO  Factuurdatum 2E/11/2O26"
    result = extract(_scan_with_ocr_layer(build, garbage), today=TODAY)
    assert not result.pages[0].used_text_layer
    assert_dutch_invoice_read(result)


def test_the_dark_band_a_scanner_leaves_beside_the_paper_is_cut_and_boxes_stay_on_the_page(
    build: SimpleNamespace,
) -> None:
    from PIL import ImageDraw

    from ocr.extraction.preprocess import dark_border

    page = build.render_page([(300, 300, "Gesamtbetrag  34,00 EUR", 42, False)], (2480, 1200))
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 89, 1199), fill=20)  # the lid beside the paper
    draw.rectangle((0, 1150, 2479, 1199), fill=20)  # and below it
    assert dark_border(page) == (90, 0, 2480, 1150)
    result = extract(build.to_bytes(page, "PNG", dpi=(300, 300)), today=TODAY)
    total = result.fields.total_amount
    assert total and total.value == Decimal("34.00")
    assert total.box and total.box.x > 300  # in the page's pixels, not the trimmed image's


def test_a_seller_printed_white_on_a_dark_header_band_is_read(build: SimpleNamespace) -> None:
    from PIL import ImageDraw, ImageFont

    page = build.render_page(
        [
            (150, 420, "Schoolstraat 70, 9200 Dendermonde  |  Btw-nr. BE0403019261", 40, False),
            (150, 700, "Factuurnummer: F2026-0042", 42, False),
            (150, 780, "Totaal te betalen  1.210,00 EUR", 42, False),
        ],
        (2480, 1400),
    )
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 2479, 259), fill=46)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 60)
    draw.text((200, 90), "Factuur", fill=255, font=font)
    draw.text((1350, 100), "Drukkerij Vanhove BV", fill=255, font=font)
    f = extract(build.to_bytes(page, "PNG", dpi=(300, 300)), today=TODAY).fields
    assert f.seller_name and f.seller_name.value == "Drukkerij Vanhove BV"
    assert f.seller_name.box and f.seller_name.box.y < 260  # read where it is printed
    assert f.total_amount and f.total_amount.value == Decimal("1210.00")
