"""A structured e-invoice as the register reads it, whatever its syntax (UBL or CII)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    vat: str  # as written; "" when the file gives none
    kvk: str = ""  # a Dutch chamber-of-commerce number, when that is all it gives


@dataclass(frozen=True, slots=True)
class EInvoice:
    syntax: str  # "ubl" or "cii"
    credit_note: bool
    number: str
    issue_date: date
    due_date: date | None
    terms_days: int | None  # from the payment terms' text, when it states a number of days
    payable: str  # the amount due, a decimal string as written
    currency: str
    seller: Party
    buyer: Party
    credited_number: str  # the invoice a credit note credits ("" when not stated)
