"""Structured e-invoices into one shape: UBL 2.1 ``Invoice`` and ``CreditNote`` as Peppol
BIS Billing 3.0 and SI-UBL 2.0 profile them, and UN/CEFACT CII ``CrossIndustryInvoice``
(EN 16931) as Factur-X, ZUGFeRD 2.x and XRechnung carry it.

Parsed with defusedxml: no DTD, no entity (billion laughs, XXE) and no external
reference is ever expanded; size and depth are bounded before and after parsing.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from datetime import date

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from pypdf import PdfReader

from benelux.text import shown
from chassis.limits import rpc_limit
from ingest.domain.einvoice import EInvoice, Party
from ingest.domain.errors import InvalidEInvoice, NotAnEInvoice
from kmo.ingest.v1 import ingest_pb2
from kmo.types.v1 import types_pb2

# A Peppol message with its lines (attachments are not ours), as the contract declares it.
MAX_BYTES = rpc_limit(ingest_pb2, "IngestService.ImportEInvoice", types_pb2.max_bytes)
MAX_DEPTH = 48  # UBL nests about 8 deep; a deeper tree is an attack, not an invoice

UBL_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
UBL_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CII = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "rsm": CII,
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
# Peppol electronic-address and legal-identifier schemes that name a VAT number or a
# Belgian enterprise number (from which the VAT number follows).
VAT_SCHEMES = {"9925": "BE", "9944": "NL", "9938": "LU", "9930": "DE", "9957": "FR"}
ENTERPRISE_SCHEMES = {"0208"}  # Belgian enterprise number (KBO/BCE)
KVK_SCHEMES = {"0106"}  # Dutch chamber of commerce: no VAT number follows from it
CII_CREDIT_TYPES = {"381", "396", "532"}
_TERMS = re.compile(
    r"(\d{1,3})\s*(?:calendar\s+)?(?:days?|dagen|jours?|tage[n]?|dgn|d)\b", re.IGNORECASE
)


def parse(data: bytes) -> EInvoice:
    """The e-invoice in ``data``; NotAnEInvoice or InvalidEInvoice naming what is wrong."""
    if len(data) > MAX_BYTES:
        raise NotAnEInvoice(f"an e-invoice is at most {MAX_BYTES // (1024 * 1024)} MB")
    if not data.lstrip()[:1] == b"<":
        raise NotAnEInvoice("not XML: a UBL or CII e-invoice is an XML file")
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise NotAnEInvoice(
            "the XML declares a DTD or entities, which e-invoices never need"
        ) from exc
    except ET.ParseError as exc:
        raise NotAnEInvoice(f"not well-formed XML ({exc})") from exc
    _check_depth(root)
    if root.tag == f"{{{UBL_INVOICE}}}Invoice":
        return _ubl(root, credit_note=False)
    if root.tag == f"{{{UBL_CREDIT_NOTE}}}CreditNote":
        return _ubl(root, credit_note=True)
    if root.tag == f"{{{CII}}}CrossIndustryInvoice":
        return _cii(root)
    raise NotAnEInvoice(
        f"the root element {shown(root.tag)} is no UBL Invoice, CreditNote or CII invoice"
    )


def _check_depth(root: ET.Element) -> None:
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise NotAnEInvoice(f"the XML nests deeper than {MAX_DEPTH} levels")
        stack.extend((child, depth + 1) for child in node)


def _find(node: ET.Element | None, path: str) -> ET.Element | None:
    return node.find(path, NS) if node is not None else None


def _text(node: ET.Element | None, path: str) -> str:
    found = node.find(path, NS) if node is not None else None
    return (found.text or "").strip() if found is not None else ""


def _required(node: ET.Element, path: str, what: str) -> str:
    value = _text(node, path)
    if not value:
        raise InvalidEInvoice(f"the e-invoice has no {what}")
    return value


def _iso_date(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise InvalidEInvoice(f"{what} {shown(value)} is not a date") from exc


def _party(name: str, vat: str, identifiers: list[ET.Element | None]) -> Party:
    """A party from its VAT number, or else from a Peppol identifier that names one (a VAT
    scheme, or a Belgian enterprise number); a KvK number is kept to say why none is known."""
    kvk = ""
    for node in identifiers:
        if vat or node is None:
            continue
        scheme_id, value = node.get("schemeID", ""), (node.text or "").strip()
        if scheme_id in VAT_SCHEMES:
            vat = value if value[:2].isalpha() else VAT_SCHEMES[scheme_id] + value
        elif scheme_id in ENTERPRISE_SCHEMES:
            vat = "BE" + value
        elif scheme_id in KVK_SCHEMES:
            kvk = value
    return Party(name, vat, kvk)


def _terms_days(text: str) -> int | None:
    found = _TERMS.search(text)
    return int(found.group(1)) if found else None


# --- UBL 2.1 (Peppol BIS Billing 3.0, SI-UBL 2.0) -------------------------------------------


def _ubl_party(party: ET.Element | None) -> Party:
    if party is None:
        return Party("", "")
    name = _text(party, "cac:PartyLegalEntity/cbc:RegistrationName") or _text(
        party, "cac:PartyName/cbc:Name"
    )
    vat = ""
    for scheme in party.findall("cac:PartyTaxScheme", NS):
        if _text(scheme, "cac:TaxScheme/cbc:ID").upper() in ("VAT", ""):
            vat = _text(scheme, "cbc:CompanyID")
            if vat:
                break
    ids = [party.find("cbc:EndpointID", NS), party.find("cac:PartyLegalEntity/cbc:CompanyID", NS)]
    return _party(name, vat, ids)


def _ubl(root: ET.Element, *, credit_note: bool) -> EInvoice:
    number = _required(root, "cbc:ID", "invoice number (cbc:ID)")
    issue = _iso_date(_required(root, "cbc:IssueDate", "issue date"), "issue date")
    due_text = _text(root, "cbc:DueDate") or _text(root, "cac:PaymentMeans/cbc:PaymentDueDate")
    terms = " ".join((n.text or "") for n in root.findall("cac:PaymentTerms/cbc:Note", NS))
    payable = root.find("cac:LegalMonetaryTotal/cbc:PayableAmount", NS)
    if payable is None or not (payable.text or "").strip():
        raise InvalidEInvoice("the e-invoice has no payable amount (LegalMonetaryTotal)")
    currency = _text(root, "cbc:DocumentCurrencyCode") or payable.get("currencyID", "")
    return EInvoice(
        syntax="ubl",
        credit_note=credit_note,
        number=number,
        issue_date=issue,
        due_date=_iso_date(due_text, "due date") if due_text else None,
        terms_days=_terms_days(terms),
        payable=(payable.text or "").strip(),
        currency=currency.upper(),
        seller=_ubl_party(root.find("cac:AccountingSupplierParty/cac:Party", NS)),
        buyer=_ubl_party(root.find("cac:AccountingCustomerParty/cac:Party", NS)),
        credited_number=_text(root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"),
    )


# --- UN/CEFACT CII (Factur-X, ZUGFeRD 2.x, XRechnung CII) ------------------------------------


def _cii_date(node: ET.Element | None, path: str, what: str) -> date | None:
    found = node.find(path, NS) if node is not None else None
    if found is None or not (found.text or "").strip():
        return None
    value = (found.text or "").strip()
    if found.get("format", "102") == "102":  # YYYYMMDD
        try:
            return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
        except ValueError as exc:
            raise InvalidEInvoice(f"{what} {shown(value)} is not a date") from exc
    return _iso_date(value, what)


def _cii_party(party: ET.Element | None) -> Party:
    if party is None:
        return Party("", "")
    vat = ""
    for reg in party.findall("ram:SpecifiedTaxRegistration/ram:ID", NS):
        if reg.get("schemeID", "VA") == "VA" and (reg.text or "").strip():
            vat = (reg.text or "").strip()
            break
    ids = [
        party.find("ram:URIUniversalCommunication/ram:URIID", NS),
        party.find("ram:SpecifiedLegalOrganization/ram:ID", NS),
    ]
    return _party(_text(party, "ram:Name"), vat, ids)


def _cii(root: ET.Element) -> EInvoice:
    doc = root.find("rsm:ExchangedDocument", NS)
    trade = root.find("rsm:SupplyChainTradeTransaction", NS)
    if doc is None or trade is None:
        raise InvalidEInvoice("the CII invoice has no ExchangedDocument or trade transaction")
    number = _required(doc, "ram:ID", "invoice number (ExchangedDocument/ID)")
    issue = _cii_date(doc, "ram:IssueDateTime/udt:DateTimeString", "issue date")
    if issue is None:
        raise InvalidEInvoice("the e-invoice has no issue date")
    agreement = trade.find("ram:ApplicableHeaderTradeAgreement", NS)
    settlement = trade.find("ram:ApplicableHeaderTradeSettlement", NS)
    if settlement is None:
        raise InvalidEInvoice("the CII invoice has no ApplicableHeaderTradeSettlement")
    payable = _text(
        settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:DuePayableAmount"
    ) or _text(
        settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:GrandTotalAmount"
    )
    if not payable:
        raise InvalidEInvoice("the e-invoice has no payable amount (DuePayableAmount)")
    terms = settlement.find("ram:SpecifiedTradePaymentTerms", NS)
    return EInvoice(
        syntax="cii",
        credit_note=_text(doc, "ram:TypeCode") in CII_CREDIT_TYPES,
        number=number,
        issue_date=issue,
        due_date=_cii_date(terms, "ram:DueDateDateTime/udt:DateTimeString", "due date"),
        terms_days=_terms_days(_text(terms, "ram:Description")),
        payable=payable,
        currency=_text(settlement, "ram:InvoiceCurrencyCode").upper(),
        seller=_cii_party(_find(agreement, "ram:SellerTradeParty")),
        buyer=_cii_party(_find(agreement, "ram:BuyerTradeParty")),
        credited_number=_text(settlement, "ram:InvoiceReferencedDocument/ram:IssuerAssignedID"),
    )


# Attachment names Factur-X, ZUGFeRD, XRechnung and Peppol tools give the e-invoice, in the
# order tried; then any other XML attachment.
EMBEDDED_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "zugferd.xml")


def from_pdf(content: bytes) -> EInvoice | None:
    """The structured e-invoice a PDF carries as an attachment (PDF/A-3 Factur-X or ZUGFeRD,
    or a UBL file attached by a Peppol tool); None when it has none that parses, so the
    document goes to OCR as before. A PDF pypdf cannot read is OCR's to judge too."""
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            return None
        found = {name.lower(): data for name, data in reader.attachments.items()}
    except Exception:
        return None
    ordered = [n for n in EMBEDDED_NAMES if n in found]
    ordered += sorted(n for n in found if n.endswith(".xml") and n not in ordered)
    for name in ordered:
        for data in found[name]:
            if len(data) > MAX_BYTES:
                continue
            try:
                return parse(data)
            except (NotAnEInvoice, InvalidEInvoice):
                continue
    return None
