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
    # The invoice's life so far: consumers apply events in any order, the highest
    # revision (1 when recorded, +1 per change) winning.
    paid_amount: Decimal = Decimal("0.00")
    settled_date: date | None = None
    revision: int = 1


@dataclass(frozen=True, slots=True)
class InvoiceRecorded:
    invoice: InvoiceFacts


@dataclass(frozen=True, slots=True)
class PaymentRecorded:
    """Every payment, partial or not; ``invoice`` is the state after it."""

    invoice: InvoiceFacts
    paid_date: date
    amount: Decimal
    sequence: int  # 1 for the invoice's first payment


@dataclass(frozen=True, slots=True)
class InvoicePaid:
    invoice: InvoiceFacts
    paid_date: date


Event = InvoiceRecorded | PaymentRecorded | InvoicePaid
