"""What callers ask ingest to do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ingest.domain.einvoice import EInvoice

# Items per bulk call: large enough to load a ledger quickly, small enough that
# one transaction and one gRPC message (well under 4 MB) stay short.


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
    member_vat: str = ""  # the submitting member's own VAT number, when the caller knows it


@dataclass(frozen=True, slots=True)
class RecordPayment:
    tenant_id: str
    invoice_id: str
    paid_date: date
    amount: str | None  # None: the whole outstanding amount


@dataclass(frozen=True, slots=True)
class SubmitInvoices:
    """Many invoices of one member; each item is judged on its own."""

    tenant_id: str
    invoices: tuple[SubmitInvoice, ...]
    member_vat: str = ""  # the submitting member's own VAT number, when the caller knows it


@dataclass(frozen=True, slots=True)
class RecordPayments:
    """Many payments of one member, applied in order."""

    tenant_id: str
    payments: tuple[RecordPayment, ...]


@dataclass(frozen=True, slots=True)
class ChangeInvoice:
    """One change of one invoice's life; exactly one of the change fields is set."""

    tenant_id: str
    invoice_id: str
    correct_amount: str | None = None
    correct_due_date: date | None = None
    credit_amount: str | None = None
    credit_note_number: str = ""
    dispute_reason: str | None = None
    resolve_dispute: bool = False
    write_off_date: date | None = None


@dataclass(frozen=True, slots=True)
class DeleteInvoice:
    tenant_id: str
    invoice_id: str


@dataclass(frozen=True, slots=True)
class ImportEInvoice:
    """A structured e-invoice (UBL or CII) one member sent."""

    tenant_id: str
    document: EInvoice
    member_vat: str = ""  # the member's own VAT number: the file's seller must be it
