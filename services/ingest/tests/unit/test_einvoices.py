"""E-invoices (UBL as Peppol BIS 3.0 and SI-UBL 2.0 profile it, CII as Factur-X carries it)
read from files written by hand after the specifications, and hostile XML refused."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ingest.adapters.einvoice import MAX_BYTES, parse
from ingest.domain import commands
from ingest.domain.errors import (
    CreditedInvoiceNotFound,
    InvalidEInvoice,
    InvalidVat,
    MissingBuyerVat,
    NotAnEInvoice,
    NotTheSeller,
)
from ingest.service_layer.handlers import import_einvoice

FILES = Path(__file__).resolve().parents[1] / "einvoices"


def today() -> datetime:
    return datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # after the files' October dates


SELLER = "BE0202239951"  # the member in these files


def read(name: str) -> bytes:
    return (FILES / name).read_bytes()


@pytest.mark.parametrize(
    ("name", "syntax", "number", "buyer", "payable", "due"),
    [
        ("peppol-invoice.xml", "ubl", "F-2026-0147", "BE 0417.497.106", "2041.00",
         date(2026, 11, 1)),
        ("peppol-invoice-endpoint-terms.xml", "ubl", "F-2026-0152", "BE0403170701", "726.00",
         None),
        ("si-ubl-invoice-nl.xml", "ubl", "2026-NL-0031", "NL123456782B01", "1512.50",
         date(2026, 11, 11)),
        ("cii-factur-x-invoice.xml", "cii", "F-2026-0160", "LU15027442", "3200.00",
         date(2026, 11, 13)),
    ],
)  # fmt: skip
def test_the_register_reads_the_fields_it_needs_from_each_syntax(
    name: str, syntax: str, number: str, buyer: str, payable: str, due: date | None
) -> None:
    doc = parse(read(name))
    assert (doc.syntax, doc.credit_note, doc.number) == (syntax, False, number)
    assert (doc.buyer.vat, doc.payable, doc.currency, doc.due_date) == (buyer, payable, "EUR", due)
    assert doc.buyer.name and doc.seller.vat


def test_the_payable_amount_is_the_amount_due_after_prepayment() -> None:
    assert parse(read("peppol-invoice.xml")).payable == "2041.00"  # 2541.00 less 500 prepaid


def test_a_credit_note_names_the_invoice_it_credits_in_either_syntax() -> None:
    ubl, cii = parse(read("peppol-creditnote.xml")), parse(read("cii-creditnote.xml"))
    assert (ubl.credit_note, ubl.credited_number, ubl.payable) == (True, "F-2026-0147", "242.00")
    assert (cii.credit_note, cii.credited_number, cii.payable) == (True, "F-2026-0160", "400.00")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol3;</Invoice>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&xxe;</Invoice>"""
DEEP = (
    b"<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'>"
    + (b"<a>" * 5000)
    + (b"</a>" * 5000)
    + b"</Invoice>"
)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (BILLION_LAUGHS, "DTD or entities"),
        (XXE, "DTD or entities"),
        (DEEP, "nests deeper"),
        (b"%PDF-1.7 not xml", "not XML"),
        (b"<html><body>hello</body></html>", "no UBL Invoice"),
        (b"<Invoice><unclosed>", "not well-formed"),
        (b"<" + b"x" * (MAX_BYTES + 1), "at most 5 MB"),
    ],
)
def test_hostile_or_foreign_xml_is_not_an_einvoice(data: bytes, why: str) -> None:
    with pytest.raises(NotAnEInvoice, match=why):
        parse(data)


def test_an_einvoice_without_a_payable_amount_says_what_is_missing() -> None:
    data = read("peppol-invoice.xml").replace(b"PayableAmount", b"Other")
    with pytest.raises(InvalidEInvoice, match="payable amount"):
        parse(data)


def cmd(name: str, member: str = SELLER, data: bytes | None = None) -> commands.ImportEInvoice:
    return commands.ImportEInvoice("member-a", parse(data or read(name)), member)


async def test_an_imported_invoice_is_recorded_with_its_due_date(uow: Any) -> None:
    done = await import_einvoice(cmd("peppol-invoice.xml"), uow, today)
    inv = done.invoice
    assert (inv.debtor.number, inv.invoice_number, inv.amount) == (
        "BE0417497106", "F-2026-0147", Decimal("2041.00"),
    )  # fmt: skip
    assert (inv.issue_date, inv.due_date, done.notes) == (date(2026, 10, 2), date(2026, 11, 1), ())


async def test_without_a_due_date_the_terms_or_the_statutory_30_days_set_it(uow: Any) -> None:
    terms = await import_einvoice(cmd("peppol-invoice-endpoint-terms.xml"), uow, today)
    assert terms.invoice.due_date == date(2026, 11, 19)  # 45 days after 5 October
    assert "45 days" in terms.notes[0]
    plain = read("peppol-invoice-endpoint-terms.xml").replace(b"45 dagen", b"op factuur")
    plain = plain.replace(b"F-2026-0152", b"F-2026-0153")
    default = await import_einvoice(cmd("", data=plain), uow, today)
    assert default.invoice.due_date == date(2026, 11, 4)
    assert "statutory default of 30 days" in default.notes[0]


async def test_a_credit_note_credits_the_invoice_it_names(uow: Any) -> None:
    await import_einvoice(cmd("peppol-invoice.xml"), uow, today)
    done = await import_einvoice(cmd("peppol-creditnote.xml"), uow, today)
    assert done.credit_note and done.invoice.invoice_number == "F-2026-0147"
    assert done.invoice.payable == Decimal("1799.00")  # 2041.00 less 242.00


async def test_a_credit_note_for_an_unknown_invoice_is_refused(uow: Any) -> None:
    with pytest.raises(CreditedInvoiceNotFound):
        await import_einvoice(cmd("cii-creditnote.xml"), uow, today)


async def test_a_purchase_invoice_uploaded_by_mistake_is_refused(uow: Any) -> None:
    with pytest.raises(NotTheSeller, match="not you"):
        await import_einvoice(cmd("peppol-invoice.xml", member="BE0417497106"), uow, today)
    assert uow.commits == 0


async def test_a_buyer_known_only_by_its_kvk_number_has_no_vat_number(uow: Any) -> None:
    data = read("si-ubl-invoice-nl.xml").replace(b"NL123456782B01", b"")
    with pytest.raises(MissingBuyerVat, match="KvK number"):
        await import_einvoice(cmd("", member="NL004495445B01", data=data), uow, today)


async def test_a_buyer_outside_the_benelux_is_refused_like_on_every_route(uow: Any) -> None:
    data = read("cii-factur-x-invoice.xml").replace(b"LU15027442", b"DE136695976")
    with pytest.raises(InvalidVat):
        await import_einvoice(cmd("", data=data), uow, today)
