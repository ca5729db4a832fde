"""Field comparison rules (see the README): what counts as a correct reading."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Final

from ocr.extraction import InvoiceFields

from .evalset import Truth

# Reported fields, in table order; the first six have targets on the degraded held-back part.
TARGETS: Final = {
    "debtor_vat": 0.98,
    "total": 0.97,
    "invoice_date": 0.97,
    "due_date": 0.93,
    "invoice_number": 0.95,
    "debtor_name": 0.90,
    "seller_vat": None,
}


def compact_vat(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", text.upper())


def name_key(text: str) -> str:
    """Case-, whitespace- and punctuation-insensitive; letters (with accents) and digits kept."""
    text = unicodedata.normalize("NFC", text).casefold()
    kept = "".join(ch if ch.isalnum() else " " for ch in text)
    return " ".join(kept.split())


def _same_decimal(got: object, want: str) -> bool:
    try:
        return isinstance(got, Decimal) and got == Decimal(want)
    except InvalidOperation:
        return False


def _same_date(got: object, want: str) -> bool:
    return isinstance(got, date) and got == date.fromisoformat(want)


_RULES: Final[dict[str, Callable[[InvoiceFields, Truth], bool]]] = {
    "debtor_vat": lambda f, t: bool(
        f.debtor_vat and compact_vat(f.debtor_vat.value) == compact_vat(t.debtor_vat)
    ),
    "seller_vat": lambda f, t: bool(
        f.seller_vat and compact_vat(f.seller_vat.value) == compact_vat(t.seller_vat)
    ),
    "total": lambda f, t: bool(f.total_amount and _same_decimal(f.total_amount.value, t.total)),
    "invoice_date": lambda f, t: bool(
        f.invoice_date and _same_date(f.invoice_date.value, t.invoice_date)
    ),
    "due_date": lambda f, t: bool(f.due_date and _same_date(f.due_date.value, t.due_date)),
    "invoice_number": lambda f, t: bool(
        f.invoice_number and f.invoice_number.value.strip() == t.invoice_number.strip()
    ),
    "debtor_name": lambda f, t: bool(
        f.debtor_name and name_key(f.debtor_name.value) == name_key(t.debtor_name)
    ),
}


def score(fields: InvoiceFields, truth: Truth) -> dict[str, bool]:
    return {name: _RULES[name](fields, truth) for name in TARGETS}


def shown(fields: InvoiceFields, name: str) -> str:
    """What the extraction returned for a field, for the miss list."""
    attr = {"total": "total_amount"}.get(name, name)
    value = getattr(fields, attr)
    return "-" if value is None else str(value.value)


def expected(truth: Truth, name: str) -> str:
    return str(getattr(truth, name))
