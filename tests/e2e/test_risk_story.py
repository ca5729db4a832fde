"""The register's judgement through GraphQL: every payment counts, the score explains
itself, has a history and an action plan, and one member never sees another's figures."""

from __future__ import annotations

from typing import Any

from devstack.e2e import PAY, Client, Platform, eventually
from devstack.e2e import submit_invoice as submit
from devstack.samples import belgian_vat

STORY = """
query($vat: String!) {
  company(vat: $vat) {
    riskProfile {
      score level trend confidence asOf experiences
      factors { reason points sentence }
      invoiceCount countDisclosure invoiceCountBand { lower upper }
      openAmount { amount } overdueAmount { amount } amountDisclosure
      openAmountBand { lower { amount } upper { amount } }
      creditLimit { advised sentence }
    }
    scoreHistory(period: MONTH) { periodStart score level }
  }
}"""
PLAN = """
query($vat: String!) {
  company(vat: $vat) {
    actionPlan {
      level ladder { step day } law
      reminder { step invoiceIds outstanding { amount } compensation { amount } text }
      invoices { invoiceId daysOverdue step lateInterest { amount } expectedPayment }
    }
  }
}"""


def story(client: Client, vat: str) -> dict[str, Any]:
    found: dict[str, Any] = client.execute(STORY, {"vat": vat})["company"]
    return found


def test_a_partial_payment_counts_and_the_profile_explains_itself(platform: Platform) -> None:
    member = platform.new_member("Houthandel Peeters", belgian_vat())
    debtor = belgian_vat()
    invoice = submit(member, debtor, amount="1000.00", issueDate="2026-09-01", dueDate="2026-10-01")
    member.execute(
        PAY, {"input": {"invoiceId": invoice["id"], "paidDate": "2026-10-20", "amount": "400.00"}}
    )

    found = eventually(
        lambda: (
            (c := story(member, debtor))["riskProfile"]
            and c["riskProfile"]["openAmount"]
            and c["riskProfile"]["openAmount"]["amount"] == "600.00"
            and c
        )
    )

    profile = found["riskProfile"]
    assert profile["amountDisclosure"] == "EXACT"  # the member's own figures
    assert profile["overdueAmount"]["amount"] == "600.00"
    assert sum(f["points"] for f in profile["factors"]) == profile["score"]
    assert all(f["sentence"] for f in profile["factors"])
    assert profile["confidence"] == "INSUFFICIENT"
    assert found["scoreHistory"][-1]["score"] == profile["score"]
    plan = member.execute(PLAN, {"vat": debtor})["company"]["actionPlan"]
    assert plan["reminder"]["invoiceIds"] == [invoice["id"]]
    assert plan["reminder"]["outstanding"]["amount"] == "600.00"
    assert plan["reminder"]["compensation"]["amount"] == "40.00"
    assert float(plan["invoices"][0]["lateInterest"]["amount"]) > 0
    assert "2 August 2002" in plan["law"]


def test_a_member_sees_only_bands_of_what_others_report(platform: Platform) -> None:
    debtor = belgian_vat()
    members = [platform.new_member(f"Leverancier {i}", belgian_vat()) for i in range(2)]
    for i, m in enumerate(members):
        submit(m, debtor, amount=f"{1000 + 777 * i}.00")

    seen = eventually(
        lambda: (
            (c := story(members[0], debtor))["riskProfile"]
            and c["riskProfile"]["countDisclosure"] == "BANDED"
            and c
        )
    )["riskProfile"]

    assert seen["amountDisclosure"] == "WITHHELD"
    assert seen["openAmount"] is None and seen["openAmountBand"] is None
    assert seen["invoiceCount"] is None and seen["invoiceCountBand"] == {"lower": 1, "upper": 4}


DISPUTE = (
    "mutation($id: ID!, $r: String!) { disputeInvoice(invoiceId: $id, reason: $r) { disputed } }"
)
RESOLVE = "mutation($id: ID!) { resolveDispute(invoiceId: $id) { disputed } }"
DELETE = "mutation($id: ID!) { deleteInvoice(invoiceId: $id) { id } }"
CREDIT = """mutation($id: ID!) {
  creditInvoice(invoiceId: $id, amount: "1500.00", creditNoteNumber: "CN-1") { status }
}"""


def test_a_disputed_invoice_stops_counting_as_late_and_a_deleted_one_is_forgotten(
    platform: Platform,
) -> None:
    member = platform.new_member("Metaalwerken Jacobs", belgian_vat())
    debtor = belgian_vat()
    ok = submit(member, debtor, issueDate="2026-08-01", dueDate="2026-08-31")
    member.execute(PAY, {"input": {"invoiceId": ok["id"], "paidDate": "2026-08-30"}})
    late = submit(member, debtor, issueDate="2026-07-01", dueDate="2026-07-31")
    before = eventually(
        lambda: (
            (c := story(member, debtor))["riskProfile"]
            and c["riskProfile"]["invoiceCount"] == 2
            and c["riskProfile"]["score"]
        )
    )

    assert member.execute(DISPUTE, {"id": late["id"], "r": "wrong quantity"})["disputeInvoice"]
    disputed = eventually(
        lambda: (s := story(member, debtor)["riskProfile"]["score"]) < before and s
    )
    member.execute(RESOLVE, {"id": late["id"]})
    eventually(lambda: story(member, debtor)["riskProfile"]["score"] > disputed)

    assert member.execute(CREDIT, {"id": late["id"]})["creditInvoice"]["status"] == "PAID"
    member.execute(DELETE, {"id": late["id"]})
    member.execute(DELETE, {"id": ok["id"]})
    eventually(lambda: story(member, debtor)["riskProfile"] is None)
