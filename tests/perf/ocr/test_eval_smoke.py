"""The OCR evaluation tooling cannot rot: six invoices (one per layout) render clean and
degraded, their ground truth round-trips, and the clean pages read back VAT and total.

The full evaluation is ``make bench-ocr`` (tests/perf/ocr/README.md); this is its smoke test.
"""

from __future__ import annotations

import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path

import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ocr_eval.build import Item, build_set
from ocr_eval.evalset import (
    LAYOUT_COUNT,
    TODAY,
    Truth,
    layout_of,
    load_records,
    read_truth,
    truth_for,
)
from ocr_eval.scoring import compact_vat

from ocr.extraction import configure_worker, extract

_TESSERACT_LANG = {"nl": "nld", "fr": "fra", "en": "eng"}


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


@pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-nld ...)",
)
def test_the_clean_pages_read_back_their_vat_and_total(items: list[Item]) -> None:
    pool = ProcessPoolExecutor(2, mp_context=get_context("spawn"), initializer=configure_worker)
    with pool:
        futures = [
            pool.submit(
                extract,
                it.clean.read_bytes(),
                tenant_vat=it.truth.seller_vat,
                today=TODAY,
                languages=_TESSERACT_LANG[it.truth.language],
            )
            for it in items
        ]
        results = [f.result() for f in futures]
    for it, result in zip(items, results, strict=True):
        f = result.fields
        layout = f"layout {it.truth.layout} ({it.font})"
        assert f.debtor_vat and compact_vat(f.debtor_vat.value) == it.truth.debtor_vat, layout
        assert f.total_amount and f.total_amount.value == it.truth.total_decimal, layout
