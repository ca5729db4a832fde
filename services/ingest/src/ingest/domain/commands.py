"""What callers ask ingest to do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class SubmitInvoice:
    tenant_id: str
    debtor_vat: str
    debtor_name: str
    debtor_sector: str
    invoice_number: str
    issue_date: date
    due_date: date
    amount: str
    currency: str


@dataclass(frozen=True, slots=True)
class RecordPayment:
    tenant_id: str
    invoice_id: str
    paid_date: date
    amount: str | None  # None: the whole outstanding amount
