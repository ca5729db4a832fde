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
from .varied import VariedTruth

# Reported fields, in table order; the first six have targets on the degraded held-back part.
TARGETS: Final = {
    "debtor_vat": 0.98,
    "total": 0.97,
    "invoice_date": 0.97,
    "due_date": 0.93,
    "invoice_number": 0.95,
    "debtor_name": 0.90,
    "seller_vat": None,
    "seller_name": None,
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
    "seller_name": lambda f, t: bool(
        f.seller_name and name_key(f.seller_name.value) == name_key(t.seller_name)
    ),
}


def score(fields: InvoiceFields, truth: Truth) -> dict[str, bool]:
    return {name: _RULES[name](fields, truth) for name in TARGETS}


def shown(fields: InvoiceFields, name: str) -> str:
    """What the extraction returned for a field, for the miss list."""
    attr = {"total": "total_amount"}.get(name, name)
    value = getattr(fields, attr)
    return "-" if value is None else str(value.value)


def expected(truth: Truth | VariedTruth, name: str) -> str:
    return str(getattr(truth, name))


# --- the varied set ------------------------------------------------------------------------

# Fields of the varied set, in table order. A field whose truth is None is not printed on the
# page: it is scored as "absent" (correct when the extraction returns nothing) for the fields
# in ABSENT_SCORED, and not at all for the others.
VARIED_FIELDS: Final = (
    "seller_name",
    "seller_vat",
    "debtor_name",
    "debtor_vat",
    "invoice_number",
    "invoice_date",
    "due_date",
    "payment_terms_days",
    "total",
    "currency",
)
ABSENT_SCORED: Final = ("debtor_name", "debtor_vat", "due_date")


def _abs_decimal(got: object, want: str) -> bool:
    # A credit note's amount counts whatever its printed sign: the sign is the document type.
    try:
        return isinstance(got, Decimal) and abs(got) == Decimal(want)
    except InvalidOperation:
        return False


_VARIED_RULES: Final[dict[str, Callable[[InvoiceFields, VariedTruth], bool]]] = {
    "seller_name": lambda f, t: bool(
        f.seller_name and name_key(f.seller_name.value) == name_key(t.seller_name)
    ),
    "seller_vat": lambda f, t: bool(
        f.seller_vat and compact_vat(f.seller_vat.value) == compact_vat(t.seller_vat)
    ),
    "debtor_name": lambda f, t: bool(
        f.debtor_name and name_key(f.debtor_name.value) == name_key(t.debtor_name or "")
    ),
    "debtor_vat": lambda f, t: bool(
        f.debtor_vat and compact_vat(f.debtor_vat.value) == compact_vat(t.debtor_vat or "")
    ),
    "invoice_number": lambda f, t: bool(
        f.invoice_number and f.invoice_number.value.strip() == t.invoice_number.strip()
    ),
    "invoice_date": lambda f, t: bool(
        f.invoice_date and _same_date(f.invoice_date.value, t.invoice_date)
    ),
    "due_date": lambda f, t: bool(f.due_date and _same_date(f.due_date.value, t.due_date or "")),
    "payment_terms_days": lambda f, t: bool(
        f.payment_terms_days and f.payment_terms_days.value == t.payment_terms_days
    ),
    "total": lambda f, t: bool(f.total_amount and _abs_decimal(f.total_amount.value, t.total)),
    "currency": lambda f, t: bool(f.currency and f.currency.value == t.currency),
}


def _extracted(fields: InvoiceFields, name: str) -> object:
    return getattr(fields, {"total": "total_amount"}.get(name, name))


def score_varied(fields: InvoiceFields, truth: VariedTruth) -> dict[str, tuple[str, bool]]:
    """Per field: ("found", correct) where the page prints it, ("absent", nothing returned)
    where it does not and that is scored; fields neither printed nor scored are left out."""
    out: dict[str, tuple[str, bool]] = {}
    for name in VARIED_FIELDS:
        want = getattr(truth, name)
        if want is not None:
            out[name] = ("found", _VARIED_RULES[name](fields, truth))
        elif name in ABSENT_SCORED and not (name == "due_date" and truth.payment_terms_days):
            out[name] = ("absent", _extracted(fields, name) is None)
    return out
