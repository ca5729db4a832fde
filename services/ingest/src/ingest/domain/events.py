"""Domain events raised by the invoice aggregate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from benelux.vat import VatNumber


class Change(Enum):
    """What the member changed in an invoice's life (``invoice.updated``)."""

    CORRECTED = "corrected"
    CREDITED = "credited"
    DISPUTED = "disputed"
    DISPUTE_RESOLVED = "dispute_resolved"
    WRITTEN_OFF = "written_off"


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
    disputed: bool = False
    written_off_date: date | None = None


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


@dataclass(frozen=True, slots=True)
class InvoiceUpdated:
    """A correction, credit note, dispute, its resolution or a write-off."""

    invoice: InvoiceFacts
    change: Change
    reason: str = ""


@dataclass(frozen=True, slots=True)
class InvoiceDeleted:
    invoice: InvoiceFacts
    erased: bool  # with all of the member's contributions (GDPR), or one by mistake


Event = InvoiceRecorded | PaymentRecorded | InvoicePaid | InvoiceUpdated | InvoiceDeleted
