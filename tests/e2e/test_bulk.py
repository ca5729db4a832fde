"""Bulk invoices and payments through GraphQL, and the demo loader on a small world."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest

from datagen import Dataset, generate
from datagen.demo import (
    Showcase,
    debtor_summaries,
    demo_config,
    load,
    pick_showcase,
    wait_for_profiles,
)
from devstack.e2e import Client, Platform, eventually, risk_profile, unique_ref
from devstack.samples import belgian_vat

pytestmark = pytest.mark.e2e

SUBMIT_MANY = """
mutation($inputs: [SubmitInvoiceInput!]!) {
  submitInvoices(inputs: $inputs) {
    accepted rejected
    results { index invoice { id invoiceNumber status debtor { vat } } error { code message } }
  }
}"""
PAY_MANY = """
mutation($inputs: [RecordPaymentInput!]!) {
  recordPayments(inputs: $inputs) {
    accepted rejected
    results { index invoice { id status paidAmount { amount } paidDate } error { code } }
  }
}"""


def invoice(vat: str, **overrides: Any) -> dict[str, Any]:
    return {
        "debtorVat": vat,
        "debtorName": "Bulkbedrijf BV",
        "invoiceNumber": unique_ref("BULK"),
        "issueDate": "2026-09-01",
        "dueDate": "2026-10-01",
        "amount": "1500.00",
        "debtorSector": "F43",
        **overrides,
    }


def submit_many(client: Client, inputs: list[dict[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = client.execute(SUBMIT_MANY, {"inputs": inputs})["submitInvoices"]
    return result


def pay_many(client: Client, inputs: list[dict[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = client.execute(PAY_MANY, {"inputs": inputs})["recordPayments"]
    return result


def codes(result: dict[str, Any]) -> list[str | None]:
    return [r["error"] and r["error"]["code"] for r in result["results"]]


@pytest.fixture(scope="module")
def member(platform: Platform) -> Client:
    return platform.new_member("Bulk Leverancier NV", belgian_vat())


def test_a_batch_stores_the_good_invoices_and_gives_each_bad_one_a_typed_error(
    member: Client,
) -> None:
    debtor = belgian_vat()
    good = invoice(debtor)
    spaced = f"BE {debtor[2:6]}.{debtor[6:9]}.{debtor[9:]}"
    inputs = [
        good,
        invoice("BE0123456780"),  # wrong check digits
        invoice(debtor, issueDate="2026-10-02", dueDate="2026-10-01"),
        invoice(debtor, invoiceNumber=good["invoiceNumber"]),  # twice in one batch
        invoice(spaced, amount="99.95"),
    ]

    result = submit_many(member, inputs)

    assert (result["accepted"], result["rejected"]) == (2, 3)
    assert [r["index"] for r in result["results"]] == [0, 1, 2, 3, 4]
    assert codes(result) == [None, "INVALID_VAT", "INVALID_INVOICE", "DUPLICATE_INVOICE", None]
    stored = [r["invoice"] for r in result["results"] if r["invoice"]]
    assert [i["invoiceNumber"] for i in stored] == [
        good["invoiceNumber"],
        inputs[4]["invoiceNumber"],
    ]
    assert {i["debtor"]["vat"] for i in stored} == {debtor}
    assert all(i["status"] == "OPEN" for i in stored)
    assert all(r["invoice"] is None for r in result["results"] if r["error"])


def test_a_number_stored_by_an_earlier_batch_is_a_duplicate_in_the_next(member: Client) -> None:
    first = invoice(belgian_vat())
    submit_many(member, [first])

    result = submit_many(member, [invoice(belgian_vat(), invoiceNumber=first["invoiceNumber"])])

    assert codes(result) == ["DUPLICATE_INVOICE"]


def test_bulk_invoices_and_payments_reach_the_debtors_risk_profile(member: Client) -> None:
    debtor = belgian_vat()
    result = submit_many(member, [invoice(debtor), invoice(debtor, amount="300.00")])
    ids = [r["invoice"]["id"] for r in result["results"]]

    eventually(lambda: (p := risk_profile(member, debtor)) and p["invoiceCount"] == 2)

    paid = pay_many(
        member,
        [
            {"invoiceId": ids[0], "paidDate": "2026-10-31"},  # 30 days late
            {"invoiceId": ids[1], "paidDate": "2026-09-20"},
        ],
    )
    assert paid["accepted"] == 2
    assert [r["invoice"]["status"] for r in paid["results"]] == ["PAID", "PAID"]
    profile = eventually(lambda: (p := risk_profile(member, debtor)) and p["paidCount"] == 2 and p)
    assert profile["invoiceCount"] == 2
    assert profile["avgDaysLate"] == 15.0


def test_payments_in_one_batch_apply_in_order_and_settle_the_invoice_at_the_last(
    member: Client,
) -> None:
    created = submit_many(member, [invoice(belgian_vat(), amount="1000.00")])
    invoice_id = created["results"][0]["invoice"]["id"]

    result = pay_many(
        member,
        [
            {"invoiceId": invoice_id, "paidDate": "2026-10-05", "amount": "400.00"},
            {"invoiceId": invoice_id, "paidDate": "2026-10-12", "amount": "600.00"},
            {"invoiceId": invoice_id, "paidDate": "2026-10-13", "amount": "1.00"},
        ],
    )

    first, second, third = result["results"]
    assert first["invoice"]["status"] == "PARTIALLY_PAID"
    assert first["invoice"]["paidAmount"]["amount"] == "400.00"
    assert second["invoice"]["status"] == "PAID"
    assert second["invoice"]["paidDate"] == "2026-10-12"
    assert third["error"]["code"] == "ALREADY_PAID"


def test_another_member_cannot_pay_someone_elses_invoices_in_bulk(
    platform: Platform, member: Client
) -> None:
    created = submit_many(member, [invoice(belgian_vat()), invoice(belgian_vat())])
    ids = [r["invoice"]["id"] for r in created["results"]]
    intruder = platform.new_member("Nieuwsgierig BV", belgian_vat())

    result = pay_many(intruder, [{"invoiceId": i, "paidDate": "2026-10-01"} for i in ids])

    assert (result["accepted"], result["rejected"]) == (0, 2)
    assert codes(result) == ["INVOICE_NOT_FOUND", "INVOICE_NOT_FOUND"]
    still = pay_many(member, [{"invoiceId": ids[0], "paidDate": "2026-10-01"}])
    assert still["results"][0]["invoice"]["status"] == "PAID"


def test_more_than_500_items_in_one_call_are_refused(member: Client) -> None:
    vat = belgian_vat()
    too_many = [invoice(vat) for _ in range(501)]

    [error] = member.errors(SUBMIT_MANY, {"inputs": too_many})
    assert error["extensions"]["code"] == "BATCH_TOO_LARGE"
    [error] = member.errors(
        PAY_MANY,
        {"inputs": [{"invoiceId": "x", "paidDate": "2026-10-01"} for _ in range(501)]},
    )
    assert error["extensions"]["code"] == "BATCH_TOO_LARGE"


def test_a_key_without_a_member_cannot_submit_in_bulk(platform: Platform) -> None:
    partner = platform.partner("risk:read")

    [error] = partner.errors(SUBMIT_MANY, {"inputs": [invoice(belgian_vat())]})

    assert error["extensions"]["code"] == "FORBIDDEN"


def a_small_world() -> tuple[Dataset, list[Showcase]]:
    """The first seed whose few hundred invoices have good, slow and bad payers in all three
    countries (the platform's databases are fresh per run, so its members are new)."""
    for seed in range(1, 100):
        ds = generate(demo_config(dt.date.today(), n_invoices=300, seed=seed))
        showcase = pick_showcase(ds)
        if len({s.country for s in showcase}) == len({s.kind for s in showcase}) == 3:
            return ds, showcase
    raise AssertionError("no seed gives a full showcase")


def test_the_demo_loader_fills_a_platform_and_every_debtor_it_touches_gets_a_profile(
    platform: Platform,
) -> None:
    ds, showcase = a_small_world()
    keys = {m.vat: platform.new_member(m.name, m.vat).key or "" for m in ds.members}

    report = asyncio.run(
        load(ds, platform.stack.gateway_url, keys, first=[s.vat for s in showcase])
    )

    assert report.invoices_accepted == len(ds.invoices)
    assert report.payments_accepted == len(ds.payments)
    assert not report.errors
    assert {s.country for s in showcase} == {"BE", "NL", "LU"}
    assert {s.kind for s in showcase} == {"good payer", "slow payer", "bad payer"}
    everyone = debtor_summaries(ds)
    found = asyncio.run(
        # The operator's key sees exact counts; a member's only with 3 other reporters.
        wait_for_profiles(
            platform.stack.gateway_url, platform.partner("admin").key or "", everyone, 90
        )
    )
    for s in everyone:
        profile = found[s.vat]
        assert profile is not None, s
        assert (profile["invoiceCount"], profile["paidCount"]) == (s.invoices, s.settled)
    levels = {profile["level"] for s in showcase if (profile := found[s.vat])}
    assert len(levels) >= 2, "good and bad payers should not look alike"
