"""UBL 2.1 Invoice following Peppol BIS Billing 3.0 (EN 16931 CIUS), one file per invoice.

Element order follows the UBL 2.1 Invoice schema, which is a sequence: a reader that validates
against the XSD rejects out-of-order elements.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from typing import Final

from datagen.dataset import Dataset
from datagen.model import Company
from datagen.outputs.document import REVERSE_CHARGE_TEXT, InvoiceDocument, document

INVOICE_NS: Final = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CAC_NS: Final = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC_NS: Final = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CUSTOMIZATION_ID: Final = (
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
)
PROFILE_ID: Final = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
# Peppol electronic address schemes (EAS): 0208 Belgian enterprise number, 9944 Dutch VAT,
# 9938 Luxembourg VAT.
ENDPOINT_SCHEME: Final = {"BE": "0208", "NL": "9944", "LU": "9938"}
INVOICE_TYPE_COMMERCIAL: Final = "380"  # UNCL1001
PAYMENT_MEANS_CREDIT_TRANSFER: Final = "30"  # UNCL4461

ET.register_namespace("", INVOICE_NS)
ET.register_namespace("cac", CAC_NS)
ET.register_namespace("cbc", CBC_NS)


def _cbc(parent: ET.Element, tag: str, text: str, **attrib: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{CBC_NS}}}{tag}", attrib)
    el.text = text
    return el


def _cac(parent: ET.Element, tag: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{CAC_NS}}}{tag}")


def _money(parent: ET.Element, tag: str, amount: Decimal) -> None:
    _cbc(parent, tag, f"{amount:.2f}", currencyID="EUR")


def _endpoint_value(company: Company) -> str:
    return company.vat[2:] if company.country == "BE" else company.vat


def _party(parent: ET.Element, tag: str, company: Company) -> None:
    party = _cac(_cac(parent, tag), "Party")
    _cbc(party, "EndpointID", _endpoint_value(company), schemeID=ENDPOINT_SCHEME[company.country])
    _cbc(_cac(party, "PartyName"), "Name", company.name)
    address = _cac(party, "PostalAddress")
    _cbc(address, "StreetName", company.street)
    _cbc(address, "CityName", company.city)
    _cbc(address, "PostalZone", company.postcode)
    _cbc(_cac(address, "Country"), "IdentificationCode", company.country)
    tax = _cac(party, "PartyTaxScheme")
    _cbc(tax, "CompanyID", company.vat)
    _cbc(_cac(tax, "TaxScheme"), "ID", "VAT")
    legal = _cac(party, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", company.name)
    if company.country == "BE":
        _cbc(legal, "CompanyID", company.vat[2:], schemeID="0208")


def _tax_category(parent: ET.Element, tag: str, doc: InvoiceDocument, with_reason: bool) -> None:
    cat = _cac(parent, tag)
    # S = standard rated (also used for reduced rates in Peppol BIS), AE = reverse charge.
    _cbc(cat, "ID", "AE" if doc.reverse_charge else "S")
    _cbc(cat, "Percent", str(doc.row.vat_percent))
    if doc.reverse_charge and with_reason:
        _cbc(cat, "TaxExemptionReasonCode", "VATEX-EU-AE")
        _cbc(cat, "TaxExemptionReason", REVERSE_CHARGE_TEXT[doc.row.language])
    _cbc(_cac(cat, "TaxScheme"), "ID", "VAT")


def invoice_xml(doc: InvoiceDocument) -> bytes:
    row = doc.row
    root = ET.Element(f"{{{INVOICE_NS}}}Invoice")
    _cbc(root, "CustomizationID", CUSTOMIZATION_ID)
    _cbc(root, "ProfileID", PROFILE_ID)
    _cbc(root, "ID", row.invoice_number)
    _cbc(root, "IssueDate", row.issue_date.isoformat())
    _cbc(root, "DueDate", row.due_date.isoformat())
    _cbc(root, "InvoiceTypeCode", INVOICE_TYPE_COMMERCIAL)
    _cbc(root, "DocumentCurrencyCode", row.currency)
    # Peppol requires a buyer reference or an order reference (PEPPOL-EN16931-R003).
    _cbc(root, "BuyerReference", doc.customer_reference)
    _party(root, "AccountingSupplierParty", doc.seller)
    _party(root, "AccountingCustomerParty", doc.buyer)

    means = _cac(root, "PaymentMeans")
    _cbc(means, "PaymentMeansCode", PAYMENT_MEANS_CREDIT_TRANSFER)
    _cbc(means, "PaymentID", row.payment_reference or row.invoice_number)
    if doc.seller.iban:
        _cbc(_cac(means, "PayeeFinancialAccount"), "ID", doc.seller.iban)
    _cbc(_cac(root, "PaymentTerms"), "Note", doc.terms_text)

    tax_total = _cac(root, "TaxTotal")
    _money(tax_total, "TaxAmount", row.vat_amount)
    sub = _cac(tax_total, "TaxSubtotal")
    _money(sub, "TaxableAmount", row.net_amount)
    _money(sub, "TaxAmount", row.vat_amount)
    _tax_category(sub, "TaxCategory", doc, with_reason=True)

    totals = _cac(root, "LegalMonetaryTotal")
    _money(totals, "LineExtensionAmount", row.net_amount)
    _money(totals, "TaxExclusiveAmount", row.net_amount)
    _money(totals, "TaxInclusiveAmount", row.gross_amount)
    _money(totals, "PayableAmount", row.gross_amount)

    for line in doc.lines:
        el = _cac(root, "InvoiceLine")
        _cbc(el, "ID", str(line.line_id))
        _cbc(el, "InvoicedQuantity", str(line.quantity), unitCode=line.unit_code)
        _money(el, "LineExtensionAmount", line.net_amount)
        item = _cac(el, "Item")
        _cbc(item, "Name", line.description)
        _tax_category(item, "ClassifiedTaxCategory", doc, with_reason=False)
        _money(_cac(el, "Price"), "PriceAmount", line.unit_price)

    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return xml + b"\n"


def write_ubl(ds: Dataset, out_dir: Path, limit: int | None = None) -> int:
    """One file per invoice under out_dir/<member_id>/<invoice number>.xml; returns the count."""
    n = len(ds.invoices) if limit is None else min(limit, len(ds.invoices))
    for i in range(n):
        doc = document(ds, i)
        folder = out_dir / f"{doc.row.member_id:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{doc.row.invoice_number}.xml").write_bytes(invoice_xml(doc))
    return n
