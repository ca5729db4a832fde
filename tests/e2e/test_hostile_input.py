"""Input that cannot poison the register, through GraphQL end to end: dates out of the
window, control characters, a member as its own debtor, sectors that are no NACE code,
and a write-only key that must not read invoices back."""

from __future__ import annotations

import json

import pytest

from devstack.e2e import PAY, Client, Platform, unique_ref
from devstack.e2e import submit_invoice as submit
from devstack.samples import belgian_vat

pytestmark = pytest.mark.e2e

SUBMIT_MANY = """
mutation($inputs: [SubmitInvoiceInput!]!) {
  submitInvoices(inputs: $inputs) {
    accepted rejected results { index invoice { id } error { code message } }
  }
}"""
SUBMIT = """
mutation($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { id status } }"""


def item(vat: str, **overrides: str) -> dict[str, str]:
    return {
        "debtorVat": vat, "debtorName": "Testbedrijf BV", "invoiceNumber": unique_ref("H"),
        "issueDate": "2026-09-01", "dueDate": "2026-10-01", "amount": "100.00",
        "debtorSector": "F43", **overrides,
    }  # fmt: skip


def test_each_hostile_item_is_refused_alone_and_the_good_ones_are_kept(platform: Platform) -> None:
    own = belgian_vat()
    member = platform.new_member("Bouwbedrijf Hostile", own)
    debtor = belgian_vat()
    inputs = [
        item(debtor),
        item(debtor, issueDate="0001-01-01", dueDate="0001-01-31"),
        item(debtor, debtorName="Nul\x00Byte BV"),
        item(debtor, invoiceNumber="F\x00-1"),
        item(debtor, debtorSector="ZZZZZZZZ"),
        item(own),
    ]
    got = member.execute(SUBMIT_MANY, {"inputs": inputs})["submitInvoices"]

    assert (got["accepted"], got["rejected"]) == (1, 5)
    codes = [r["error"]["code"] if r["error"] else None for r in got["results"]]
    assert codes == [None] + ["INVALID_INVOICE"] * 5
    messages = [r["error"]["message"] for r in got["results"][1:]]
    assert "earliest the register accepts" in messages[0]
    assert "control characters" in messages[1] and "control characters" in messages[2]
    assert "debtor sector" in messages[3] and "own debtor" in messages[4]


def test_an_error_does_not_echo_a_huge_input(platform: Platform) -> None:
    member = platform.new_member("Echo Test BV", belgian_vat())
    errors = member.errors(SUBMIT, {"input": item("BE" + "1" * 200_000)})
    assert errors[0]["extensions"]["code"] == "INVALID_VAT"
    assert len(json.dumps(errors)) < 1_000


def test_a_write_only_key_records_a_payment_but_cannot_read_the_invoice_back(
    platform: Platform,
) -> None:
    vat = belgian_vat()
    member = platform.new_member("Schrijver BV", vat)
    invoice = submit(member, belgian_vat(), amount="900.00")
    out = json.loads(
        platform.stack.admin("create-key", "--member-vat", vat, "--scope", "invoices:write").stdout
    )
    writer = Client(platform.stack.gateway_url, out["api_key"])
    pay = {"input": {"invoiceId": invoice["id"], "paidDate": "2026-09-20", "amount": "100.00"}}

    done = writer.execute(
        "mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id status } }",
        pay,
    )["recordPayment"]
    assert done == {"id": invoice["id"], "status": "PARTIALLY_PAID"}

    body = writer.post(PAY, pay).json()  # asks for paidAmount, paidDate
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "invoices:read" in body["errors"][0]["message"]
    assert "900" not in json.dumps(body) and body["data"] is None
    # Refused before it ran: the second payment was not recorded.
    back = member.execute(
        "query($id: ID!) { invoice(id: $id) { paidAmount { amount } } }", {"id": invoice["id"]}
    )["invoice"]
    assert back["paidAmount"]["amount"] == "100.00"


def test_aliases_do_not_multiply_the_bulk_limit(platform: Platform) -> None:
    member = platform.new_member("Alias BV", belgian_vat())
    debtor = belgian_vat()
    query = """mutation($a: [SubmitInvoiceInput!]!, $b: [SubmitInvoiceInput!]!) {
      a: submitInvoices(inputs: $a) { accepted }
      b: submitInvoices(inputs: $b) { accepted }
    }"""
    a = [item(debtor) for _ in range(300)]
    b = [item(debtor) for _ in range(300)]
    body = member.post(query, {"a": a, "b": b}).json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "BATCH_TOO_LARGE"
    assert "got 600" in body["errors"][0]["message"]
    # Refused before anything ran: none of the 600 was stored.
    listed = member.execute("{ invoices(first: 10) { nodes { id } } }")["invoices"]["nodes"]
    assert listed == []
