"""Which invoices make up the evaluation set, how they split, and their ground truth.

Invoices come from ``datagen`` OCR records with a fixed seed, spread evenly over the generated
years (consecutive invoices share a seller). The split is a hash of the invoice id, so it never
depends on the set's size or order: an invoice is either always tuned on or always held back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from datagen import GeneratorConfig, generate
from datagen.outputs.ocr_records import ocr_record

SEED: Final = 2026
POOL: Final = 30_000  # generated invoices to sample from
DEFAULT_SIZE: Final = 360
LAYOUT_COUNT: Final = 6
# The day the evaluated extraction believes it is (bounds plausible invoice dates).
TODAY: Final = date(2025, 3, 31)

Record = dict[str, Any]


def _digest(*parts: object) -> int:
    text = "/".join(str(p) for p in parts)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def split_of(invoice_id: int) -> str:
    """``tune`` or ``holdout``, 50/50, fixed forever by the invoice id."""
    return "tune" if _digest("split", invoice_id) % 2 == 0 else "holdout"


def pick(invoice_id: int, what: str, n: int) -> int:
    """A deterministic choice among ``n`` for one invoice (layout variant, language, font)."""
    return _digest(what, invoice_id) % n


@dataclass(frozen=True, slots=True)
class Truth:
    """What a reader must find on the page; strings as the register stores them."""

    invoice_id: int
    split: str
    layout: int
    language: str
    debtor_vat: str
    seller_vat: str
    total: str
    currency: str
    invoice_date: str
    due_date: str
    invoice_number: str
    debtor_name: str
    # Added after the first figures; the pages did not change (their letterheads print it).
    seller_name: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True, indent=1)

    @staticmethod
    def from_json(text: str) -> Truth:
        return Truth(**json.loads(text))

    @property
    def total_decimal(self) -> Decimal:
        return Decimal(self.total)


def document_language(record: Record) -> str:
    """The record's language, except a quarter of the invoices printed in English (as many
    Benelux firms do for some customers); the renderer localises everything accordingly."""
    return "en" if pick(int(record["invoice_id"]), "lang", 4) == 0 else str(record["language"])


def layout_of(position: int) -> int:
    """Layouts rotate through the set so that every layout gets the same share of invoices."""
    return position % LAYOUT_COUNT


def truth_for(record: Record, layout: int) -> Truth:
    buyer, seller = record["buyer"], record["seller"]
    return Truth(
        invoice_id=int(record["invoice_id"]),
        split=split_of(int(record["invoice_id"])),
        layout=layout,
        language=document_language(record),
        debtor_vat=str(buyer["vat"]),
        seller_vat=str(seller["vat"]),
        total=str(record["totals"]["gross"]),
        currency=str(record["currency"]),
        invoice_date=str(record["issue_date"]),
        due_date=str(record["due_date"]),
        invoice_number=str(record["invoice_number"]),
        debtor_name=str(buyer["name"]),
        seller_name=str(seller["name"]),
    )


def load_records(size: int = DEFAULT_SIZE, *, seed: int = SEED) -> list[Record]:
    """``size`` OCR records spread evenly over a generated pool (same seed, same records)."""
    ds = generate(GeneratorConfig(seed=seed, n_invoices=max(POOL, size)))
    n = len(ds.invoices)
    step = max(1, n // size)
    return [ocr_record(ds, i) for i in range(0, n, step)][:size]


def write_truth(truth: Truth, path: Path) -> None:
    path.write_text(truth.to_json() + "\n", encoding="utf-8")


def read_truth(path: Path) -> Truth:
    return Truth.from_json(path.read_text(encoding="utf-8"))
