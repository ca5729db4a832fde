"""Where debtors stand in their sector, through GraphQL, from scoring's events: the
figures of a division, positions for many debtors in one request, and the privacy floor."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from devstack.e2e import PAY, Platform, eventually
from devstack.e2e import submit_invoice as submit
from devstack.samples import belgian_vat

SECTOR = """
query($country: String!, $sector: String) {
  sectorBenchmark(country: $country, sector: $sector) {
    asked { name companyCount } withheld group { country sector name companyCount }
    measures { measure count median p10 p90 group { sector } withheld }
    levels { low medium high critical }
    trends { measure points { month median } }
    minGroupSize
  }
}"""
POSITIONS = """
query($a: String!, $b: String!, $c: String!) {
  a: company(vat: $a) { benchmark { ...Where } }
  b: company(vat: $b) { benchmark { ...Where } }
  c: company(vat: $c) { benchmark { ...Where } }
}
fragment Where on CompanyBenchmark {
  division section
  placements { scope withheld asked { sector }
               measures { measure known value betterThan sentence
                          group { median withheld group { sector companyCount } } } }
}"""


def test_a_division_shows_its_figures_and_positions_and_a_small_one_is_withheld(
    platform: Platform,
) -> None:
    member = platform.new_member("Sportmateriaal Claes", belgian_vat())
    # Six debtors in division 93 (sports), paid 5, 10, ... 30 days after issue.
    debtors = [belgian_vat() for _ in range(6)]
    for i, vat in enumerate(debtors):
        invoice = submit(
            member, vat, debtorSector="R93", issueDate="2026-09-01", dueDate="2026-10-01"
        )
        paid = (date(2026, 9, 1) + timedelta(days=5 * (i + 1))).isoformat()
        member.execute(PAY, {"input": {"invoiceId": invoice["id"], "paidDate": paid}})
    lonely = belgian_vat()  # the only debtor in division 92
    invoice = submit(member, lonely, debtorSector="R92")
    member.execute(PAY, {"input": {"invoiceId": invoice["id"], "paidDate": "2026-09-20"}})

    def division_ready() -> dict[str, Any] | None:
        found: dict[str, Any] = member.execute(SECTOR, {"country": "BE", "sector": "93"})[
            "sectorBenchmark"
        ]
        paid = {m["measure"]: m for m in found["measures"]}["DAYS_TO_PAY"]
        return found if paid["count"] >= 6 and not paid["withheld"] else None

    found = eventually(division_ready, timeout=30)
    assert not found["withheld"] and found["group"]["name"].startswith("sports and recreation")
    paid = {m["measure"]: m for m in found["measures"]}["DAYS_TO_PAY"]
    assert paid["count"] >= 6 and paid["p10"] <= 10 and paid["p90"] >= 25
    assert sum(found["levels"].values()) >= 6
    assert found["trends"] and found["minGroupSize"] == 5

    small = member.execute(SECTOR, {"country": "BE", "sector": "92"})["sectorBenchmark"]
    assert small["withheld"] and small["asked"]["companyCount"] is None
    assert small["group"]["sector"] in ("R", "")  # the section if it has 5, else Belgium

    got = eventually(
        lambda: (
            r
            if all(
                (r := member.execute(POSITIONS, {"a": debtors[0], "b": debtors[5], "c": lonely}))[
                    k
                ]["benchmark"]
                for k in "abc"
            )
            else None
        ),
        timeout=30,
    )
    fast, slow, alone = (got[k]["benchmark"] for k in "abc")
    assert (fast["division"], fast["section"]) == ("93", "R")
    fast_paid = {m["measure"]: m for m in fast["placements"][0]["measures"]}["DAYS_TO_PAY"]
    slow_paid = {m["measure"]: m for m in slow["placements"][0]["measures"]}["DAYS_TO_PAY"]
    assert fast_paid["value"] == 5.0 and slow_paid["value"] == 30.0
    assert fast_paid["betterThan"] > slow_paid["betterThan"]
    assert fast_paid["sentence"].startswith("pays faster than")
    assert alone["placements"][0]["withheld"]
    alone_score = alone["placements"][0]["measures"][0]
    assert alone_score["group"]["withheld"] and alone_score["group"]["group"]["sector"] != "92"
