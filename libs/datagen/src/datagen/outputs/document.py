"""One invoice as a document: the facts both the UBL writer and the OCR records need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from datagen.dataset import Dataset, InvoiceRow
from datagen.lines import InvoiceLine, invoice_lines
from datagen.model import Company

TERMS_TEXT: Final = {"nl": "{} dagen", "fr": "{} jours", "en": "net {}"}
REVERSE_CHARGE_TEXT: Final = {
    "nl": "Btw verlegd - verlegging van heffing (art. 196 Richtlijn 2006/112/EG)",
    "fr": "Autoliquidation - TVA due par le preneur (art. 196 Directive 2006/112/CE)",
    "en": "Reverse charge - VAT due by the customer (art. 196 Directive 2006/112/EC)",
}
DOCUMENT_TITLE: Final = {"nl": "Factuur", "fr": "Facture", "en": "Invoice"}


@dataclass(frozen=True, slots=True)
class InvoiceDocument:
    row: InvoiceRow
    seller: Company
    buyer: Company
    lines: list[InvoiceLine]
    terms_text: str
    reverse_charge: bool
    customer_reference: str


def document(ds: Dataset, index: int) -> InvoiceDocument:
    row = ds.invoice_row(index)
    seller = ds.company(row.member_id)
    buyer = ds.company(row.debtor_id)
    lines = invoice_lines(
        ds.config.seed,
        row.invoice_id,
        int(ds.invoices.net_cents[index]),
        seller.nace_section,
        row.language,
    )
    return InvoiceDocument(
        row=row,
        seller=seller,
        buyer=buyer,
        lines=lines,
        terms_text=TERMS_TEXT[row.language].format(row.term_days),
        reverse_charge=seller.country != buyer.country,
        customer_reference=f"K{buyer.company_id:06d}",
    )
