"""The OCR evaluation tooling cannot rot: six invoices (one per layout) render clean and
degraded, their ground truth round-trips, and the clean pages read back VAT and total. For the
varied set: every one of its layouts renders and its truth round-trips (no OCR), the set covers
what it is for, and two documents build in full (clean, scan, photo) and read back their total.

The full evaluation is ``make bench-ocr`` (tests/perf/ocr/README.md); this is its smoke test.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path

import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ocr_eval.build import (
    VARIED_DEFAULT_SIZE,
    Item,
    VariedItem,
    build_set,
    build_varied_one,
    varied_jobs,
)
from ocr_eval.evalset import (
    LAYOUT_COUNT,
    TODAY,
    Truth,
    layout_of,
    load_records,
    read_truth,
    truth_for,
)
from ocr_eval.layouts import LAYOUTS, RECEIPT_W, Sheet, layout_and_language, render_varied
from ocr_eval.render import LAYOUTS as ORIGINAL_LAYOUTS
from ocr_eval.render import available_fonts
from ocr_eval.scoring import compact_vat
from ocr_eval.varied import LANGUAGES, VariedTruth, load_varied_records, prepare
from stdnum.eu import vat as eu_vat

from ocr.extraction import ExtractionResult, configure_worker, extract

_TESSERACT_LANG = {"nl": "nld", "fr": "fra", "en": "eng", "de": "deu"}
_NEEDS_TESSERACT = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-nld ...)",
)


def _read_clean(docs: Sequence[Item | VariedItem]) -> list[ExtractionResult]:
    """Each document's clean page read as the service reads it, two at a time."""
    with ProcessPoolExecutor(
        2, mp_context=get_context("spawn"), initializer=configure_worker
    ) as pool:
        futures = [
            pool.submit(
                extract,
                it.clean.read_bytes(),
                tenant_vat=it.truth.seller_vat,
                today=TODAY,
                languages=_TESSERACT_LANG[it.truth.language],
            )
            for it in docs
        ]
        return [f.result() for f in futures]


@pytest.fixture(scope="module")
def items(tmp_path_factory: pytest.TempPathFactory) -> list[Item]:
    return build_set(tmp_path_factory.mktemp("ocr-eval"), LAYOUT_COUNT, workers=1)


def test_builds_one_invoice_per_layout_clean_and_degraded(items: list[Item]) -> None:
    assert sorted(it.truth.layout for it in items) == list(range(LAYOUT_COUNT))
    for it in items:
        clean, degraded = Image.open(it.clean), Image.open(it.degraded)
        assert clean.format == "PNG" and round(clean.info["dpi"][0]) == 300
        assert degraded.format == "JPEG" and round(degraded.info["dpi"][0]) == 150
        assert degraded.width < clean.width


def test_the_ground_truth_round_trips_through_its_json(items: list[Item]) -> None:
    for position, record in enumerate(load_records(LAYOUT_COUNT)):
        truth = truth_for(record, layout_of(position))
        stored = next(it for it in items if it.truth.invoice_id == truth.invoice_id)
        assert read_truth(stored.truth_file) == truth
        assert Truth.from_json(truth.to_json()) == truth
        assert truth.total_decimal == Decimal(record["totals"]["gross"])
        assert truth.split in ("tune", "holdout")


@_NEEDS_TESSERACT
def test_the_clean_pages_read_back_their_vat_and_total(items: list[Item]) -> None:
    for it, result in zip(items, _read_clean(items), strict=True):
        f = result.fields
        layout = f"layout {it.truth.layout} ({it.font})"
        assert f.debtor_vat and compact_vat(f.debtor_vat.value) == it.truth.debtor_vat, layout
        assert f.total_amount and f.total_amount.value == it.truth.total_decimal, layout


# --- the varied set ------------------------------------------------------------------------


def _valid_vat(number: str | None) -> bool:
    return number is not None and eu_vat.is_valid(number) and eu_vat.compact(number) == number


def test_every_varied_layout_renders_and_its_truth_round_trips() -> None:
    fonts = available_fonts()
    records = load_varied_records(len(LAYOUTS))
    for position, record in enumerate(records):
        layout, language = layout_and_language(position)
        spec = LAYOUTS[layout].spec
        page, truth = render_varied(record, layout, language, fonts[position % len(fonts)])
        name = LAYOUTS[layout].name
        assert page.mode == "L", name
        assert page.width == (2480 if spec.page == "a4" else 945), name
        darkest = page.getextrema()[0]
        assert isinstance(darkest, int | float) and darkest < 60, name  # something was drawn
        assert VariedTruth.from_json(truth.to_json()) == truth, name
        assert truth.layout == name and truth.doc_type == spec.kind, name
        assert _valid_vat(truth.seller_vat), name
        assert truth.debtor_vat is None or _valid_vat(truth.debtor_vat), name
        assert Decimal(truth.total) > 0 and truth.seller_name, name
        assert (truth.debtor_name is None) == (spec.customer == "none"), name


class _Recording(Sheet):
    """A sheet that keeps every string it is asked to draw."""

    def __init__(self, family: str, size: tuple[int, int]) -> None:
        super().__init__(family, size)
        self.strings: list[str] = []

    def text(self, x: float, y: float, s: str, size: int = 40, **kw: object) -> None:
        self.strings.append(s)
        super().text(x, y, s, size, **kw)  # type: ignore[arg-type]


def test_every_varied_layout_prints_what_its_truth_says() -> None:
    records = load_varied_records(2 * len(LAYOUTS))
    for position, record in enumerate(records):
        layout, language = layout_and_language(position)
        spec, name = LAYOUTS[layout].spec, LAYOUTS[layout].name
        doc, truth = prepare(record, spec, name, language)
        sheet = _Recording(
            "dejavu-sans", (RECEIPT_W, 2600) if spec.page == "receipt" else (2480, 3508)
        )
        LAYOUTS[layout].draw(sheet, doc)
        printed = "\n".join(sheet.strings)
        squeezed = compact_vat(printed)
        assert truth.invoice_number in printed, name
        assert truth.seller_name in printed and doc.issue in printed and doc.total in printed, name
        assert compact_vat(truth.seller_vat) in squeezed, name
        if truth.debtor_name is not None:
            assert truth.debtor_name in printed, name
        if truth.debtor_vat is not None:
            assert truth.debtor_vat in squeezed, name
        if truth.due_date is not None:
            assert doc.due and doc.due in printed, name
        if truth.payment_terms_days is not None:
            assert doc.terms and doc.terms in printed, name


def test_the_varied_set_has_new_layouts_four_languages_customers_abroad_and_due_dates() -> None:
    records = load_varied_records(VARIED_DEFAULT_SIZE)
    truths = []
    for position, record in enumerate(records):
        layout, language = layout_and_language(position)
        truths.append(prepare(record, LAYOUTS[layout].spec, LAYOUTS[layout].name, language)[1])
    assert len(LAYOUTS) >= 24 and len(LAYOUTS) + len(ORIGINAL_LAYOUTS) >= 30
    assert {t.language for t in truths} == set(LANGUAGES)
    assert {t.doc_type for t in truths} == {"invoice", "credit_note", "receipt"}
    abroad = {t.customer_country for t in truths if t.debtor_vat} - {"BE", "NL", "LU"}
    assert len(abroad) >= 8, abroad
    assert len({t.seller_country for t in truths} - {"BE", "NL", "LU"}) >= 3
    assert sum(t.due_date is not None for t in truths) >= len(truths) / 2
    assert sum(t.debtor_vat is not None for t in truths) >= len(truths) * 0.7
    assert all(_valid_vat(t.debtor_vat) for t in truths if t.debtor_vat)
    # Fixed halves, and every layout on both sides.
    for name in (layout.name for layout in LAYOUTS):
        assert {t.split for t in truths if t.layout == name} == {"tune", "holdout"}, name


# keyvalue in German and a German till roll (positions chosen by layout_and_language)
_FULL_BUILD = (52, 22)


@pytest.fixture(scope="module")
def varied_items(tmp_path_factory: pytest.TempPathFactory) -> list[VariedItem]:
    folder = tmp_path_factory.mktemp("ocr-varied")
    jobs = varied_jobs(max(_FULL_BUILD) + 1, available_fonts())
    return [build_varied_one(*jobs[p], folder) for p in _FULL_BUILD]


def test_two_varied_documents_build_clean_scanned_and_photographed(
    varied_items: list[VariedItem],
) -> None:
    assert [it.truth.layout for it in varied_items] == ["keyvalue", "receipt_till"]
    assert [it.truth.language for it in varied_items] == ["de", "de"]
    for it in varied_items:
        clean, scan, photo = (Image.open(it.page(v)) for v in ("clean", "scan", "photo"))
        assert clean.format == "PNG" and round(clean.info["dpi"][0]) == 300
        assert scan.format == "JPEG" and round(scan.info["dpi"][0]) == 150
        assert photo.format == "JPEG" and photo.mode == "RGB"
        assert round(photo.info["dpi"][0]) == 72  # what a phone camera declares


@_NEEDS_TESSERACT
def test_two_varied_clean_pages_read_back_their_total(varied_items: list[VariedItem]) -> None:
    for it, result in zip(varied_items, _read_clean(varied_items), strict=True):
        f = result.fields
        assert f.total_amount and abs(f.total_amount.value) == it.truth.total_decimal, it.truth
