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


class InvalidPageToken(IngestError):
    """A page token this register did not hand out (or one for another list)."""

    code = "invalid_page_token"


class InvalidPayment(IngestError):
    code = "invalid_payment"


class AlreadyPaid(IngestError):
    code = "already_paid"


class BatchTooLarge(IngestError):
    code = "batch_too_large"


class InvalidChange(IngestError):
    """A change the invoice's state does not allow (resolve what is not disputed, ...)."""

    code = "invalid_change"


class NotAnEInvoice(IngestError):
    """Not a UBL 2.1 Invoice or CreditNote nor a CII CrossIndustryInvoice (or unsafe XML)."""

    code = "not_an_einvoice"


class InvalidEInvoice(IngestError):
    """An e-invoice without a field the register needs (number, issue date, amount, ...)."""

    code = "invalid_einvoice"


class MissingBuyerVat(IngestError):
    code = "missing_buyer_vat"


class NotTheSeller(IngestError):
    """The file's seller is not the member: a purchase invoice uploaded by mistake."""

    code = "not_the_seller"


class CreditedInvoiceNotFound(IngestError):
    code = "credited_invoice_not_found"


class DuplicatePayment(IngestError):
    """An imported payment the invoice already has (same day, same amount): importing a
    payments file twice changes nothing."""

    code = "duplicate_payment"


class InvalidImport(IngestError):
    """The file as a whole is not an import the register can read (no header, no column
    for a required field, ...)."""

    code = "invalid_import"


class ImportTooLarge(IngestError):
    code = "import_too_large"


class ImportNotFound(IngestError):
    code = "import_not_found"
