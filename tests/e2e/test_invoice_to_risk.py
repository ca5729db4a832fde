"""submitInvoice -> invoice.recorded -> scoring; recordPayment -> invoice.paid -> risk profile."""

from __future__ import annotations

import httpx

from devstack.e2e import PAY, RISK, SUBMIT, Client, Platform, eventually
from devstack.e2e import risk_profile as profile
from devstack.e2e import submit_invoice as submit
from devstack.samples import belgian_vat, dutch_vat, luxembourg_vat


def test_a_late_payment_raises_the_debtors_risk_profile(platform: Platform) -> None:
    member = platform.new_member("Drukkerij Janssens", belgian_vat())
    debtor = belgian_vat()
    written = f"BTW {debtor[:2]} {debtor[2:6]}.{debtor[6:9]}.{debtor[9:]}"

    invoice = submit(member, written, amount="1234.56")
    assert invoice["debtor"] == {"vat": debtor, "country": "BE"}
    assert invoice["amount"] == {"amount": "1234.56", "currency": "EUR"}
    assert invoice["status"] == "OPEN"

    recorded = eventually(lambda: profile(member, debtor))
    assert recorded["invoiceCount"] == 1 and recorded["paidCount"] == 0

    paid = member.execute(PAY, {"input": {"invoiceId": invoice["id"], "paidDate": "2026-11-15"}})
    assert paid["recordPayment"]["status"] == "PAID"
    assert paid["recordPayment"]["paidAmount"] == {"amount": "1234.56"}

    settled = eventually(lambda: (p := profile(member, debtor)) and p["paidCount"] == 1 and p)
    assert settled["avgDaysLate"] == 45.0  # due 1 Oct, paid 15 Nov
    assert settled["avgDaysToPay"] == 75.0
    assert settled["level"] in {"MEDIUM", "HIGH", "CRITICAL"}
    assert settled["score"] > 50


def test_a_debtor_paying_on_time_stays_low_risk(platform: Platform) -> None:
    member = platform.new_member("Schrijnwerkerij Peeters", belgian_vat())
    debtor = dutch_vat()
    invoice = submit(member, debtor)
    member.execute(PAY, {"input": {"invoiceId": invoice["id"], "paidDate": "2026-09-25"}})
    settled = eventually(lambda: (p := profile(member, debtor)) and p["paidCount"] == 1 and p)
    assert settled == {**settled, "level": "LOW", "avgDaysLate": 0.0}
    assert settled["score"] <= 30


def test_a_partial_payment_leaves_the_invoice_open_until_settled(platform: Platform) -> None:
    member = platform.new_member("Bakkerij Claes", belgian_vat())
    invoice = submit(member, luxembourg_vat(), amount="1000.00")
    part = member.execute(
        PAY, {"input": {"invoiceId": invoice["id"], "paidDate": "2026-09-20", "amount": "400.00"}}
    )["recordPayment"]
    assert part["status"] == "PARTIALLY_PAID" and part["paidDate"] is None
    rest = member.execute(PAY, {"input": {"invoiceId": invoice["id"], "paidDate": "2026-10-05"}})
    assert rest["recordPayment"]["status"] == "PAID"
    assert rest["recordPayment"]["paidDate"] == "2026-10-05"


def test_an_invalid_vat_number_gets_a_typed_error_and_records_nothing(platform: Platform) -> None:
    member = platform.new_member("Garage Wouters", belgian_vat())
    errors = member.errors(
        SUBMIT,
        {
            "input": {
                "debtorVat": "BE0123456780",
                "invoiceNumber": "X-1",
                "issueDate": "2026-09-01",
                "dueDate": "2026-10-01",
                "amount": "10.00",
            }
        },
    )
    assert errors[0]["extensions"]["code"] == "INVALID_VAT"
    assert "check digit" in errors[0]["message"]
    assert member.execute("{ invoices { nodes { id } } }")["invoices"]["nodes"] == []
    assert member.errors(RISK, {"vat": "DE136695976"})[0]["extensions"]["code"] == "INVALID_VAT"


def test_bad_invoices_and_payments_get_typed_errors(platform: Platform) -> None:
    member = platform.new_member("Brouwerij Maes", belgian_vat())
    debtor = belgian_vat()
    bad_dates = member.errors(
        SUBMIT,
        {
            "input": {
                "debtorVat": debtor,
                "invoiceNumber": "B-1",
                "issueDate": "2026-10-01",
                "dueDate": "2026-09-01",
                "amount": "10.00",
            }
        },
    )
    assert bad_dates[0]["extensions"]["code"] == "INVALID_INVOICE"
    bad_amount = member.errors(
        SUBMIT,
        {
            "input": {
                "debtorVat": debtor,
                "invoiceNumber": "B-2",
                "issueDate": "2026-09-01",
                "dueDate": "2026-10-01",
                "amount": "10.001",
            }
        },
    )
    assert bad_amount[0]["extensions"]["code"] == "INVALID_INVOICE"
    invoice = submit(member, debtor, invoiceNumber="B-3")
    duplicate = member.errors(
        SUBMIT,
        {
            "input": {
                "debtorVat": debtor,
                "invoiceNumber": "B-3",
                "issueDate": "2026-09-01",
                "dueDate": "2026-10-01",
                "amount": "10.00",
            }
        },
    )
    assert duplicate[0]["extensions"]["code"] == "DUPLICATE_INVOICE"
    too_much = member.errors(
        PAY, {"input": {"invoiceId": invoice["id"], "paidDate": "2026-09-10", "amount": "9999.00"}}
    )
    assert too_much[0]["extensions"]["code"] == "INVALID_PAYMENT"
    not_a_date = member.errors(
        PAY, {"input": {"invoiceId": invoice["id"], "paidDate": "31/02/2026"}}
    )
    assert "Date" in not_a_date[0]["message"]


def test_a_member_never_sees_or_pays_another_members_invoice(platform: Platform) -> None:
    alice = platform.new_member("Alice Logistics NV", belgian_vat())
    bob = platform.new_member("Bob Transport BV", belgian_vat())
    invoice = submit(alice, belgian_vat())
    assert bob.execute("query($id: ID!){ invoice(id: $id) { id } }", {"id": invoice["id"]}) == {
        "invoice": None
    }
    assert all(
        i["id"] != invoice["id"]
        for i in bob.execute("{ invoices { nodes { id } } }")["invoices"]["nodes"]
    )
    stolen = bob.errors(PAY, {"input": {"invoiceId": invoice["id"], "paidDate": "2026-09-10"}})
    assert stolen[0]["extensions"]["code"] == "INVOICE_NOT_FOUND"
    mine = alice.execute("query($id: ID!){ invoice(id: $id) { id status } }", {"id": invoice["id"]})
    assert mine["invoice"] == {"id": invoice["id"], "status": "OPEN"}


def test_keys_are_required_and_scoped(platform: Platform) -> None:
    anonymous = platform.anonymous()
    assert (
        anonymous.errors(RISK, {"vat": belgian_vat()})[0]["extensions"]["code"] == "UNAUTHENTICATED"
    )
    forged = Client(platform.stack.gateway_url, "kmo_0123456789ab_not-a-real-key")
    assert forged.post("{ __typename }").status_code == 401
    insurer = platform.partner("risk:read")
    assert insurer.execute(RISK, {"vat": belgian_vat()})["company"]["riskProfile"] is None
    denied = insurer.errors(
        SUBMIT,
        {
            "input": {
                "debtorVat": belgian_vat(),
                "invoiceNumber": "P-1",
                "issueDate": "2026-09-01",
                "dueDate": "2026-10-01",
                "amount": "10.00",
            }
        },
    )
    assert denied[0]["extensions"]["code"] == "FORBIDDEN"


def test_oversized_requests_are_refused_before_parsing(platform: Platform) -> None:
    member = platform.new_member("Zware Vrachten BV", belgian_vat())
    response = httpx.post(
        platform.stack.gateway_url,
        content=b"x" * (11 * 1024 * 1024),
        headers={"Authorization": f"Bearer {member.key}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


def test_query_limits_answer_with_a_readable_error(platform: Platform) -> None:
    member = platform.new_member("Maskers CV", belgian_vat())
    aliases = "{ " + " ".join(f"a{i}: __typename" for i in range(40)) + " }"
    error = member.errors(aliases)[0]
    assert "aliases" in error["message"]  # not masked as "Unexpected error."
    deep = '{ company(vat: "BE0123456749") ' + "{ vat " * 12 + "}" * 13
    assert "exceeds maximum operation depth" in member.errors(deep)[0]["message"]
