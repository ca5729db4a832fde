"""Structured e-invoices through GraphQL, end to end: a Peppol UBL invoice and its credit
note, a Factur-X CII invoice, and a purchase invoice uploaded by mistake."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from devstack.e2e import CONFIRM, Platform, eventually, pdf, risk_profile, upload
from devstack.samples import belgian_vat

pytestmark = pytest.mark.e2e

FILES = Path(__file__).resolve().parents[2] / "services" / "ingest" / "tests" / "einvoices"
IMPORT = """
mutation($file: Upload!) {
  importEInvoice(file: $file) {
    creditNote syntax notes
    invoice {
      id invoiceNumber amount { amount } creditedAmount { amount } dueDate debtor { vat }
    }
  }
}"""


def as_member(name: str, vat: str) -> bytes:
    """A file from the examples with its seller replaced by this member."""
    data = (FILES / name).read_bytes()
    return data.replace(b"BE0202239951", vat.encode()).replace(b"0202239951", vat[2:].encode())


def imported(member: Any, data: bytes, name: str = "factuur.xml") -> dict[str, Any]:
    body = upload(member, data, name, IMPORT).json()
    assert not body.get("errors"), body["errors"]
    result: dict[str, Any] = body["data"]["importEInvoice"]
    return result


def test_a_peppol_invoice_and_its_credit_note_reach_the_register(platform: Platform) -> None:
    vat = belgian_vat()
    member = platform.new_member("Dakwerken Claes BV", vat)

    first = imported(member, as_member("peppol-invoice.xml", vat))
    assert (first["syntax"], first["creditNote"], first["notes"]) == ("ubl", False, [])
    invoice = first["invoice"]
    assert (invoice["invoiceNumber"], invoice["amount"]["amount"]) == ("F-2026-0147", "2041.00")
    assert (invoice["debtor"]["vat"], invoice["dueDate"]) == ("BE0417497106", "2026-11-01")

    credit = imported(member, as_member("peppol-creditnote.xml", vat), "creditnota.xml")
    assert credit["creditNote"] and credit["invoice"]["id"] == invoice["id"]
    assert credit["invoice"]["creditedAmount"]["amount"] == "242.00"  # of 2041.00

    cii = imported(member, as_member("cii-factur-x-invoice.xml", vat))
    assert (cii["syntax"], cii["invoice"]["debtor"]["vat"]) == ("cii", "LU15027442")

    profile = eventually(lambda: risk_profile(member, "BE0417497106"), timeout=30)
    assert profile["invoiceCount"] >= 1


def test_a_purchase_invoice_or_hostile_xml_gets_its_own_code(platform: Platform) -> None:
    member = platform.new_member("Koper BV", belgian_vat())
    foreign = upload(member, (FILES / "peppol-invoice.xml").read_bytes(), "x.xml", IMPORT).json()
    assert foreign["errors"][0]["extensions"]["code"] == "NOT_THE_SELLER"
    laughs = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY l "lol">]><Invoice>&l;</Invoice>'
    hostile = upload(member, laughs, "x.xml", IMPORT).json()
    assert hostile["errors"][0]["extensions"]["code"] == "NOT_AN_EINVOICE"


def factur_x(xml: bytes) -> bytes:
    return pdf({"factur-x.xml": xml})


UPLOADED = """mutation($file: Upload!) { uploadInvoice(file: $file) {
  id status source
  draft { debtorVat { value confidence } invoiceNumber { value confidence }
          totalAmount { value } dueDate { value confidence } }
} }"""


def test_a_pdf_carrying_a_factur_x_invoice_is_ready_without_ocr(platform: Platform) -> None:
    vat = belgian_vat()
    member = platform.new_member("Dakwerken PDF BV", vat)
    pdf = factur_x(as_member("cii-factur-x-invoice.xml", vat))

    body = upload(member, pdf, "factuur.pdf", UPLOADED).json()
    assert not body.get("errors"), body
    doc = body["data"]["uploadInvoice"]
    assert (doc["status"], doc["source"]) == ("READY", "embedded_xml")  # at once: no OCR
    draft = doc["draft"]
    assert draft["invoiceNumber"] == {"value": "F-2026-0160", "confidence": 1.0}
    assert (
        draft["debtorVat"]["value"] == "LU15027442" and draft["totalAmount"]["value"] == "3200.00"
    )

    confirmed = member.execute(CONFIRM, {"id": doc["id"], "fix": None})["confirmInvoice"]
    assert confirmed["debtor"] == {"vat": "LU15027442"}


def test_a_pdf_without_an_einvoice_still_goes_to_ocr(platform: Platform) -> None:
    member = platform.new_member("Gewone PDF BV", belgian_vat())
    scan = pdf({"notes.xml": b"<notes>not an invoice</notes>"})
    doc = upload(member, scan, "scan.pdf", UPLOADED).json()["data"]["uploadInvoice"]
    assert (doc["status"], doc["source"]) == ("PROCESSING", "ocr")


def test_a_document_naming_the_member_as_its_own_debtor_is_not_confirmed(
    platform: Platform,
) -> None:
    vat = belgian_vat()
    member = platform.new_member("Zelfbediening BV", vat)
    xml = as_member("cii-factur-x-invoice.xml", vat).replace(b"LU15027442", vat.encode())
    doc = upload(member, factur_x(xml), "eigen.pdf", UPLOADED).json()["data"]["uploadInvoice"]
    errors = member.errors(CONFIRM, {"id": doc["id"], "fix": None})
    assert errors[0]["extensions"]["code"] == "INVALID_INVOICE"
    assert "own debtor" in errors[0]["message"]
