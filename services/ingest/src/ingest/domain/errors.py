"""Typed, user-facing errors with a stable machine code each."""

from __future__ import annotations


class IngestError(Exception):
    code = "invalid_request"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidVat(IngestError):
    code = "invalid_vat"


class InvalidInvoice(IngestError):
    code = "invalid_invoice"


class DuplicateInvoice(IngestError):
    code = "duplicate_invoice"


class InvoiceNotFound(IngestError):
    code = "invoice_not_found"


class InvalidPayment(IngestError):
    code = "invalid_payment"


class AlreadyPaid(IngestError):
    code = "already_paid"


class BatchTooLarge(IngestError):
    code = "batch_too_large"


class InvalidChange(IngestError):
    """A change the invoice's state does not allow (resolve what is not disputed, ...)."""

    code = "invalid_change"
