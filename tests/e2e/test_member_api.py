"""What a frontend needs in one request each: companies in bulk and by name, the riskiest
debtors, filtered invoice pages, predicted pay dates and the member's dashboard."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx

from devstack.e2e import PAY, Platform, eventually
from devstack.e2e import submit_invoice as submit
from devstack.samples import belgian_vat

TODAY = date.today()
COMPANIES = """
query($vats: [String!]!) {
  companies(vats: $vats) { vat name sector trend riskProfile { score level } }
}"""
DASHBOARD = """
{ dashboard {
    asOf openInvoices outstanding { amount } overdueInvoices overdue { amount }
    disputedInvoices debtorCount
    ageing { label fromDays toDays count amount { amount } }
    dso { days method invoiced90Days { amount } }
    debtors { company { vat name } name openInvoices outstanding { amount } oldestOverdueDays }
    riskyDebtors { score level exposure { company { vat } } }
    recentActivity { kind invoiceNumber debtor { vat } amount { amount } }
    paymentBehaviour { paidInvoices avgDaysToPay avgDaysLate lateShare }
    sectorComparison { yourDaysToPay sentence }
    me { vat }
} }"""


HIGHEST = """
query($after: String) {
  highestRisk(first: 200, after: $after) {
    nodes { vat riskProfile { score } } pageInfo { hasNextPage endCursor }
  }
}"""


def days(n: int) -> str:
    return (TODAY + timedelta(days=n)).isoformat()


def test_a_member_reads_companies_in_bulk_by_name_and_its_dashboard(platform: Platform) -> None:
    member_vat = belgian_vat()
    member = platform.new_member("Drukkerij Maes", member_vat)
    tag = uuid.uuid4().hex[:6]
    slow, fine = belgian_vat(), belgian_vat()
    late = submit(member, slow, debtorName=f"Bouwbedrijf Élan {tag}", debtorSector="41.20",
                  amount="800.00", issueDate=days(-100), dueDate=days(-70))  # fmt: skip
    submit(member, fine, debtorName=f"Bakkerij Fijn {tag}", amount="200.00",
           issueDate=days(-5), dueDate=days(25))  # fmt: skip
    paid = submit(member, fine, debtorName=f"Bakkerij Fijn {tag}", amount="100.00",
                  issueDate=days(-40), dueDate=days(-10))  # fmt: skip
    member.execute(PAY, {"input": {"invoiceId": paid["id"], "paidDate": days(-2)}})

    # companies(vats): in the order asked, any spelling, unknown ones without a name
    unknown = belgian_vat()
    listed = member.execute(COMPANIES, {"vats": [fine, f"{slow[:2]} {slow[2:]}", unknown]})
    assert [(c["vat"], c["name"]) for c in listed["companies"]] == [
        (fine, f"Bakkerij Fijn {tag}"),
        (slow, f"Bouwbedrijf Élan {tag}"),
        (unknown, None),
    ]
    assert listed["companies"][1]["sector"] == "F41.20"
    bad = member.errors(COMPANIES, {"vats": [fine, "BE0000000000"]})
    assert bad[0]["extensions"]["code"] == "INVALID_VAT" and bad[0]["message"].startswith("vats[1]")
    too_many = member.errors(COMPANIES, {"vats": [fine] * 1001})
    assert too_many[0]["extensions"]["code"] == "BATCH_TOO_LARGE"

    # searchCompanies: accents and case ignored, words in any order
    found = member.execute(
        "query($q: String!) { searchCompanies(query: $q) { vat name } }", {"q": f"{tag} elan"}
    )
    assert [c["vat"] for c in found["searchCompanies"]] == [slow]

    # invoices: a relay connection with filters
    page = member.execute(
        "query($d: String!) { invoices(first: 10, filter: { overdue: true, debtorVat: $d }) {"
        " edges { cursor node { id } } nodes { id } pageInfo { hasNextPage endCursor } } }",
        {"d": slow},
    )["invoices"]
    assert (
        [e["node"]["id"] for e in page["edges"]] == [late["id"]] == [n["id"] for n in page["nodes"]]
    )
    assert page["pageInfo"] == {"hasNextPage": False, "endCursor": None}

    # the dashboard: the member's own receivables
    board = member.execute(DASHBOARD)["dashboard"]
    assert (board["openInvoices"], board["outstanding"]["amount"]) == (2, "1000.00")
    assert (board["overdueInvoices"], board["overdue"]["amount"]) == (1, "800.00")
    buckets = {b["label"]: (b["count"], b["amount"]["amount"]) for b in board["ageing"]}
    assert buckets["not due"] == (1, "200.00") and buckets["61-90"] == (1, "800.00")
    assert board["ageing"][0]["fromDays"] is None and board["ageing"][-1]["toDays"] is None
    assert board["dso"]["method"].startswith("standard")
    assert [d["company"]["vat"] for d in board["debtors"]] == [slow, fine]
    assert board["debtors"][0]["company"]["name"] == f"Bouwbedrijf Élan {tag}"
    assert board["recentActivity"][0]["kind"] == "PAID"
    assert board["paymentBehaviour"] == {
        "paidInvoices": 1, "avgDaysToPay": 38.0, "avgDaysLate": 8.0, "lateShare": 1.0,
    }  # fmt: skip
    assert board["me"] == {"vat": member_vat} and board["sectorComparison"]["sentence"]

    # once scored, the slow debtor's risk shows in bulk, in highestRisk and among the risky
    def both_scored() -> list[dict[str, Any]] | None:
        got: list[dict[str, Any]] = member.execute(COMPANIES, {"vats": [slow, fine]})["companies"]
        return got if all(c["riskProfile"] for c in got) else None

    levels = {c["vat"]: c["riskProfile"]["level"] for c in eventually(both_scored)}
    board = member.execute(DASHBOARD)["dashboard"]
    risky = [r["exposure"]["company"]["vat"] for r in board["riskyDebtors"]]
    assert risky == [v for v in (slow, fine) if levels[v] in ("HIGH", "CRITICAL")]
    seen: list[str] = []
    scores: list[int] = []
    after = None
    while slow not in seen:  # page through highestRisk until the debtor shows
        page = member.execute(HIGHEST, {"after": after})["highestRisk"]
        seen += [n["vat"] for n in page["nodes"]]
        scores += [n["riskProfile"]["score"] for n in page["nodes"]]
        assert page["pageInfo"]["hasNextPage"] or slow in seen
        after = page["pageInfo"]["endCursor"]
    assert scores == sorted(scores, reverse=True)

    # predicted pay dates of the member's open invoices to a debtor
    predicted = eventually(
        lambda: member.execute(
            "query($v: String!) { company(vat: $v) { predictedPayments { invoiceId expected } } }",
            {"v": slow},
        )["company"]["predictedPayments"]
    )
    assert [p["invoiceId"] for p in predicted] == [late["id"]]

    # another member sees none of it
    other = platform.new_member("Schrijnwerkerij Claes", belgian_vat())
    theirs = other.execute(DASHBOARD)["dashboard"]
    assert (theirs["openInvoices"], theirs["debtors"], theirs["recentActivity"]) == (0, [], [])
    assert (
        other.execute(
            "query($d: String!) { invoices(filter: { debtorVat: $d }) { nodes { id } } }",
            {"d": slow},
        )["invoices"]["nodes"]
        == []
    )


def test_the_dashboard_and_predictions_are_for_members_only(platform: Platform) -> None:
    partner = platform.partner("risk:read")
    refused = partner.errors("{ dashboard { openInvoices } }")
    assert refused[0]["extensions"]["code"] == "FORBIDDEN"
    assert partner.execute('{ searchCompanies(query: "zz") { vat } }') == {"searchCompanies": []}
    short = partner.errors('{ searchCompanies(query: "z") { vat } }')
    assert short[0]["extensions"]["code"] == "INVALID_ARGUMENT"


def calls(platform: Platform, service: str, method: str) -> float:
    """How often ``service`` has served ``method`` (from its Prometheus counter)."""
    text = httpx.get(
        f"http://127.0.0.1:{platform.stack.metrics_ports[service]}/metrics", timeout=5
    ).text
    total = 0.0
    for line in text.splitlines():
        if line.startswith("kmo_grpc_server_requests_total{") and f'/{method}"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def test_a_thousand_companies_take_one_backend_call_per_field(platform: Platform) -> None:
    partner = platform.partner("risk:read")
    vats = list(dict.fromkeys(belgian_vat() for _ in range(1000)))
    asked = [
        ("ingest", "BatchGetCompanies"),
        ("scoring", "BatchGetRiskProfiles"),
        ("benchmark", "BatchGetCompanyPositions"),
    ]
    before = [calls(platform, s, m) for s, m in asked]

    got = partner.execute(
        "query($vats: [String!]!) { companies(vats: $vats) {"
        " vat name sector trend riskProfile { score } creditLimit { advised }"
        " benchmark { section } } }",
        {"vats": vats},
    )["companies"]

    assert [c["vat"] for c in got] == vats
    assert [calls(platform, s, m) for s, m in asked] == [b + 1 for b in before]
