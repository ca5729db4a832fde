"""Domain events raised by the invoice aggregate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from benelux.vat import VatNumber


@dataclass(frozen=True, slots=True)
class InvoiceFacts:
    invoice_id: str
    tenant_id: str
    debtor: VatNumber
    debtor_name: str
    debtor_sector: str
    issue_date: date
    due_date: date
    amount: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class InvoiceRecorded:
    invoice: InvoiceFacts


@dataclass(frozen=True, slots=True)
class InvoicePaid:
    invoice: InvoiceFacts
    paid_date: date


Event = InvoiceRecorded | InvoicePaid
