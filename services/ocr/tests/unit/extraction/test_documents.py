"""Loading pages: types by magic bytes, text layers with positions, orientation, resolution."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from PIL import Image

from ocr.extraction import extract, inspect_document, to_dict
from ocr.extraction.documents import RasterPage, TextLayerPage, iter_pages
from ocr.extraction.preprocess import (
    estimate_dpi,
    estimate_skew,
    normalise_resolution,
    rotate,
    to_grayscale,
)

# A text-layer invoice as an accounting package exports it (Helvetica, y from the top, in pt).
TEXT_LAYER_INVOICE = [
    (50, 60, "Alpha Consult BV"),
    (50, 75, "BTW BE 0403.019.261"),
    (350, 140, "Factuur aan:"),
    (350, 155, "Beta Logistics NV"),
    (350, 170, "Havenlaan 1, 2030 Antwerpen"),
    (350, 185, "BTW BE 0123.456.749"),
    (50, 260, "Factuurnummer: 2026-0815"),
    (50, 275, "Factuurdatum: 2 november 2026"),
    (50, 290, "Vervaldatum: 2 december 2026"),
    (350, 420, "Totaal excl. btw"),
    (480, 420, "2.000,00"),
    (350, 435, "Btw 21%"),
    (480, 435, "420,00"),
    (350, 450, "Totaal te betalen"),
    (480, 450, "\u20ac 2.420,00"),
]


def test_reads_a_pdf_text_layer_without_ocr(build: SimpleNamespace) -> None:
    pdf = build.make_pdf([build.text_content(TEXT_LAYER_INVOICE)])
    result = extract(pdf, today=date(2026, 11, 25))
    assert result.document_type == "pdf"
    assert result.page_count == 1
    assert result.pages[0].used_text_layer
    assert result.languages == ""  # no OCR ran
    f = result.fields
    assert f.debtor_name and f.debtor_name.value == "Beta Logistics NV"
    assert f.debtor_vat and f.debtor_vat.value == "BE0123456749"
    assert f.seller_vat and f.seller_vat.value == "BE0403019261"
    assert f.invoice_number and f.invoice_number.value == "2026-0815"
    assert f.invoice_date and f.invoice_date.value == date(2026, 11, 2)
    assert f.due_date and f.due_date.value == date(2026, 12, 2)
    assert f.total_amount and f.total_amount.value == Decimal("2420.00")
    assert f.currency and f.currency.value == "EUR"


def test_text_layer_boxes_are_in_300_dpi_pixels_from_the_top_left(build: SimpleNamespace) -> None:
    pdf = build.make_pdf([build.text_content([(72, 72, "Factuurnummer: F-1 staat hier op")])])
    (page,) = list(iter_pages(pdf))
    assert isinstance(page, TextLayerPage)
    first = page.words[0]
    assert first.text == "Factuurnummer:"
    # 72 pt = 1 inch = 300 px from the left; the baseline 1 inch from the top, glyphs above it.
    assert abs(first.box.x - 300) <= 8  # the glyph starts after its side bearing
    assert 250 <= first.box.y <= 300 <= first.box.y + first.box.h + 15


def test_each_pdf_page_uses_its_text_layer_only_if_it_has_one(build: SimpleNamespace) -> None:
    pdf = build.make_pdf([build.text_content(TEXT_LAYER_INVOICE), b""])
    pages = list(iter_pages(pdf))
    assert isinstance(pages[0], TextLayerPage)
    assert isinstance(pages[1], RasterPage)
    # Rendered at 300 dpi: an A4 page is 2480 x 3508 px.
    assert abs(pages[1].image.width - 2480) <= 2 and abs(pages[1].image.height - 3508) <= 2


def test_reads_every_page_of_a_multi_page_tiff(build: SimpleNamespace) -> None:
    frames = [Image.new("L", (850, 1100), 255) for _ in range(3)]
    tiff = build.to_bytes(frames[0], "TIFF", save_all=True, append_images=frames[1:])
    assert inspect_document(tiff).page_count == 3
    assert [p.index for p in iter_pages(tiff)] == [0, 1, 2]


def test_applies_the_exif_orientation_of_phone_photos(build: SimpleNamespace) -> None:
    image = Image.new("RGB", (400, 200), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    jpeg = build.to_bytes(image, "JPEG", exif=exif.tobytes())
    (page,) = list(iter_pages(jpeg))
    assert isinstance(page, RasterPage)
    assert page.image.size == (200, 400)


def test_trusts_a_declared_resolution_but_not_the_72_dpi_default(build: SimpleNamespace) -> None:
    page = Image.new("L", (1240, 1754), 255)
    (declared,) = list(iter_pages(build.to_bytes(page, "PNG", dpi=(150, 150))))
    (default,) = list(iter_pages(build.to_bytes(page, "PNG", dpi=(72, 72))))
    assert isinstance(declared, RasterPage) and declared.dpi == pytest.approx(150, abs=1)
    assert isinstance(default, RasterPage) and default.dpi is None


def test_estimates_the_resolution_of_an_undeclared_page_as_if_it_were_a4() -> None:
    assert estimate_dpi(Image.new("L", (1240, 1754)), None) == pytest.approx(150, abs=1)


def test_brings_dense_scans_down_to_about_300_dpi() -> None:
    scaled, factor = normalise_resolution(Image.new("L", (4960, 7016)), 600)
    assert factor == pytest.approx(0.5) and scaled.size == (2480, 3508)


def test_leaves_readable_resolutions_alone_and_enlarges_only_coarse_pages() -> None:
    for size, dpi in (((2480, 3508), 300), ((1240, 1754), 150)):
        same, factor = normalise_resolution(Image.new("L", size), dpi)
        assert factor == 1.0 and same.size == size
    enlarged, factor = normalise_resolution(Image.new("L", (620, 877)), 75)
    assert enlarged.width > 620 and factor > 1


def test_transparent_areas_become_white_paper_not_black() -> None:
    rgba = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    assert to_grayscale(rgba).getpixel((5, 5)) == 255


@pytest.mark.parametrize("angle", [-3.0, -1.5, 0.0, 2.0, 3.0])
def test_measures_the_skew_of_a_scanned_page(build: SimpleNamespace, angle: float) -> None:
    page = build.render_page(build.NL_INVOICE, size=(1240, 1754))
    skewed = rotate(page, angle)
    assert estimate_skew(skewed) == pytest.approx(angle, abs=0.3)


def test_the_result_serialises_money_as_a_decimal_string_and_dates_as_iso(
    build: SimpleNamespace,
) -> None:
    pdf = build.make_pdf([build.text_content(TEXT_LAYER_INVOICE)])
    out = to_dict(extract(pdf, today=date(2026, 11, 25)))
    assert out["fields"]["total_amount"]["value"] == "2420.00"
    assert out["fields"]["invoice_date"]["value"] == "2026-11-02"
    assert out["fields"]["debtor_vat"]["box"]["page"] == 0
    assert out["pages"][0]["used_text_layer"] is True
    assert set(out["timings"]) >= {"load", "fields", "total"}


def test_the_result_keeps_no_page_text(build: SimpleNamespace) -> None:
    pdf = build.make_pdf([build.text_content(TEXT_LAYER_INVOICE)])
    flat = repr(to_dict(extract(pdf)))
    assert "Havenlaan" not in flat  # an address line: read, used for nothing, not kept


def test_extract_runs_in_a_process_pool_with_plain_data_in_and_out(
    build: SimpleNamespace,
) -> None:
    # The service runs extract in worker processes: arguments and results must pickle.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from ocr.extraction import configure_worker

    pdf = build.make_pdf([build.text_content(TEXT_LAYER_INVOICE)])
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context, initializer=configure_worker) as pool:
        result = pool.submit(extract, pdf, tenant_vat="BE0403019261").result(timeout=60)
    assert result.fields.debtor_vat and result.fields.debtor_vat.value == "BE0123456749"


# Helvetica advance widths (1/1000 em) of the glyphs the per-glyph PDF below prints.
_HELVETICA = {
    **dict.fromkeys("0123456789_aoEB", 556),
    **dict.fromkeys(",. t", 278),
    "l": 222,
    "T": 611,
    "R": 722,
    "U": 722,
    "F": 611,
    "W": 944,
}


def _glyph_by_glyph(x: float, y_top: float, text: str, size: int = 10) -> bytes:
    """PDF operators that place every glyph on its own, as many invoice generators do."""
    ops = []
    for ch in text:
        if ch != " ":
            ops.append(
                b"BT /F1 %d Tf %.2f %.2f Td (%s) Tj ET"
                % (size, x, 842 - y_top, ch.encode("cp1252"))
            )
        x += _HELVETICA[ch] * size / 1000
    return b"\n".join(ops)


def test_a_text_layer_placed_glyph_by_glyph_keeps_numbers_and_identifiers_whole(
    build: SimpleNamespace,
) -> None:
    content = b"\n".join(
        [
            _glyph_by_glyph(60, 100, "Totaal 1021,91 EUR"),
            _glyph_by_glyph(60, 130, "BTW 34,73"),
            _glyph_by_glyph(60, 160, "REF_2023_0042"),
        ]
    )
    (page,) = iter_pages(build.make_pdf([content]))
    assert isinstance(page, TextLayerPage)
    texts = [w.text for w in page.words]
    # A comma's or an underscore's ink sits low and narrow: judged by it, "1021,91" fell apart.
    assert "1021,91" in texts
    assert "34,73" in texts
    assert "REF_2023_0042" in texts
    assert "Totaal" in texts and "EUR" in texts  # word spaces still separate words


def test_legal_mentions_turned_up_the_margin_are_read_as_words_along_them(
    build: SimpleNamespace,
) -> None:
    mention = (
        "ORANGERIE TELECOM - Societe Anonyme au capital de 712 588 399,56 EUR - "
        "75116 PARIS - FR74397480930"
    )
    escaped = mention.encode("cp1252")
    # Text matrix [0 1 -1 0 x y]: the run is turned a quarter and reads up the right margin.
    turned = b"BT /F1 7 Tf 0 1 -1 0 580 120 Tm (%s) Tj ET" % escaped
    pdf = build.make_pdf([build.text_content(TEXT_LAYER_INVOICE) + b"\n" + turned])
    (page,) = list(iter_pages(pdf))
    assert isinstance(page, TextLayerPage)
    up = [w for w in page.words if w.vertical]
    assert [w.text for w in up] == mention.split()
    assert all(w.box.h > w.box.w for w in up if len(w.text) > 2)
    assert not any(w.vertical for w in page.words if w.text == "Alpha")
    f = extract(pdf, today=date(2026, 11, 25)).fields
    # The body is read as before; the margin adds nothing to its lines.
    assert f.total_amount and f.total_amount.value == Decimal("2420.00")
    assert f.invoice_number and f.invoice_number.value == "2026-0815"


def _band_page(letters: bool) -> Image.Image:
    from PIL import ImageDraw, ImageFont

    page = Image.new("L", (2480, 1200), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 2479, 259), fill=46)  # a header printed dark grey, edge to edge
    if letters:
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 60)
        draw.text((200, 90), "Factuur", fill=255, font=font)
        draw.text((1500, 100), "De Smet Catering CV", fill=255, font=font)
    return page


def test_a_dark_header_with_white_letters_is_turned_to_black_on_white_not_cut() -> None:
    from ocr.extraction.preprocess import dark_border, invert_printed_bands

    page = _band_page(letters=True)
    assert dark_border(page)[1] == 260  # dark to the edge: alone it looks like a scanner's lid
    turned = invert_printed_bands(page)
    assert dark_border(turned) == (0, 0, 2480, 1200)  # nothing cut any more
    band = turned.crop((0, 0, 2480, 260))
    assert band.getextrema() == (0, 209)  # letters black, the band light


def test_a_scanners_lid_and_a_receipt_poking_into_it_are_not_taken_for_a_header() -> None:
    from PIL import ImageDraw

    from ocr.extraction.preprocess import invert_printed_bands

    lid = _band_page(letters=False)
    assert invert_printed_bands(lid) is lid
    # A narrow receipt on black glass: the top rows are dark except where the paper is.
    glass = Image.new("L", (2480, 1200), 15)
    ImageDraw.Draw(glass).rectangle((1000, 0, 1400, 1199), fill=235)
    assert invert_printed_bands(glass) is glass
