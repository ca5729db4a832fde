"""The dashboard resolver against fake backends: what ingest is asked for, how its member
summary becomes the dashboard (ageing bounds, DSO only when there is one, the debtors cut
to the page asked), the risky debtors from one scoring call for all of them, and the sector
comparison read from benchmark for the member's own division."""

from __future__ import annotations

from typing import Any

from gateway.domain.model import Principal
from kmo.benchmark.v1 import benchmark_pb2
from kmo.ingest.v1 import ingest_pb2
from kmo.scoring.v1 import scoring_pb2
from kmo.types.v1 import types_pb2

READER = Principal(
    "k1", "tenant-1", frozenset({"invoices:read", "risk:read", "benchmark:read"}), "BE0123456749"
)
DEBTORS = ("BE0403170701", "BE0202239951", "BE0417497106")


def eur(amount: str) -> types_pb2.Money:
    return types_pb2.Money(amount=amount, currency="EUR")


class Ingest:
    def __init__(self, *, dso: bool = True) -> None:
        self.asked: list[Any] = []
        self.dso = dso

    async def GetMemberSummary(self, request: ingest_pb2.GetMemberSummaryRequest, **_: Any) -> Any:
        self.asked.append(request)
        msg = ingest_pb2.MemberSummary(
            as_of=types_pb2.Date(year=2026, month=12, day=3),
            open_invoices=7,
            outstanding=eur("12345.67"),
            overdue_invoices=3,
            overdue=eur("2000.00"),
            has_dso=self.dso,
            dso_days=41.5 if self.dso else 0.0,
            invoiced_90_days=eur("27000.00"),
            paid_invoices=20,
            avg_days_to_pay=35.0,
        )
        msg.ageing.add(label="not due", min_days=0, max_days=0, count=4, amount=eur("10345.67"))
        msg.ageing.add(label="1-30", min_days=1, max_days=30, count=2, amount=eur("1500.00"))
        msg.ageing.add(label="over 120", min_days=121, max_days=0, count=1, amount=eur("500.00"))
        for n, vat in enumerate(DEBTORS):
            msg.debtors.add(
                company=types_pb2.CompanyRef(country="BE", vat=vat),
                name=f"Debtor {n}",
                open_invoices=1,
                outstanding=eur(f"{3000 - n * 1000}.00"),
            )
        return msg

    async def BatchGetCompanies(
        self, request: ingest_pb2.BatchGetCompaniesRequest, **_: Any
    ) -> Any:
        self.asked.append(request)
        return ingest_pb2.BatchGetCompaniesResponse(
            companies=[
                ingest_pb2.CompanyRecord(company=c, found=True, sector="F41.20")
                for c in request.companies
            ]
        )


class Scoring:
    """Scores 45, 80 and 60 (medium, critical, high) for the three debtors."""

    def __init__(self) -> None:
        self.asked: list[scoring_pb2.BatchGetRiskProfilesRequest] = []

    async def BatchGetRiskProfiles(self, request: Any, **_: Any) -> Any:
        self.asked.append(request)
        scores = {DEBTORS[0]: 45, DEBTORS[1]: 80, DEBTORS[2]: 60}
        levels = {45: scoring_pb2.RISK_LEVEL_MEDIUM, 80: scoring_pb2.RISK_LEVEL_CRITICAL}
        return scoring_pb2.BatchGetRiskProfilesResponse(
            profiles=[
                scoring_pb2.RiskProfile(
                    company=c,
                    found=True,
                    score=scores[c.vat],
                    level=levels.get(scores[c.vat], scoring_pb2.RISK_LEVEL_HIGH),
                )
                for c in request.companies
            ]
        )


class Benchmark:
    def __init__(self) -> None:
        self.asked: list[benchmark_pb2.GetSectorBenchmarkRequest] = []

    async def GetSectorBenchmark(self, request: Any, **_: Any) -> Any:
        self.asked.append(request)
        reply = benchmark_pb2.SectorBenchmark()
        reply.asked.name = reply.group.name = "construction of buildings (41) in Belgium"
        m = reply.measures.add(measure=benchmark_pb2.MEASURE_DAYS_TO_PAY, count=40, median=30.0)
        m.group.name = "construction of buildings (41) in Belgium"
        return reply


QUERY = """{ dashboard(debtors: 2) {
  openInvoices outstanding { amount } overdueInvoices
  ageing { label fromDays toDays count amount { amount } }
  dso { days method }
  debtors { name }
  riskyDebtors { score level }
  sectorComparison { yourDaysToPay sectorMedianDaysToPay sentence } } }"""


async def test_the_dashboard_is_the_member_summary_with_risk_from_one_scoring_call(
    run: Any,
) -> None:
    ingest, scoring, benchmark = Ingest(), Scoring(), Benchmark()

    result = await run(
        QUERY,
        backends={"ingest": ingest, "scoring": scoring, "benchmark": benchmark},
        principal=READER,
    )

    assert not result.errors, result.errors
    board = result.data["dashboard"]
    summary = ingest.asked[0]
    assert isinstance(summary, ingest_pb2.GetMemberSummaryRequest)
    assert (summary.debtors, summary.activity) == (100, 10)  # risk looks past the page
    assert (board["openInvoices"], board["overdueInvoices"]) == (7, 3)
    assert board["outstanding"] == {"amount": "12345.67"}
    assert [(b["label"], b["fromDays"], b["toDays"]) for b in board["ageing"]] == [
        ("not due", None, None),
        ("1-30", 1, 30),
        ("over 120", 121, None),
    ]
    assert board["dso"]["days"] == 41.5 and board["dso"]["method"]
    assert [d["name"] for d in board["debtors"]] == ["Debtor 0", "Debtor 1"]
    # every exposure in one call, the medium one left out, the highest score first
    (asked,) = scoring.asked
    assert [c.vat for c in asked.companies] == list(DEBTORS)
    assert board["riskyDebtors"] == [
        {"score": 80, "level": "CRITICAL"},
        {"score": 60, "level": "HIGH"},
    ]
    # the member's own division (F41.20 -> 41) in its own country
    (bench,) = benchmark.asked
    assert (bench.country, bench.sector) == ("BE", "41")
    comparison = board["sectorComparison"]
    assert (comparison["yourDaysToPay"], comparison["sectorMedianDaysToPay"]) == (35.0, 30.0)
    assert "longer than the median 30 days" in comparison["sentence"]


async def test_no_dso_when_nothing_was_invoiced_and_no_sector_without_the_members_vat(
    run: Any,
) -> None:
    ingest, benchmark = Ingest(dso=False), Benchmark()
    anonymous = Principal("k2", "tenant-2", READER.scopes, None)

    result = await run(
        "{ dashboard { dso { days } sectorComparison { sectorMedianDaysToPay sentence } } }",
        backends={"ingest": ingest, "benchmark": benchmark},
        principal=anonymous,
    )

    assert not result.errors, result.errors
    board = result.data["dashboard"]
    assert board["dso"] is None
    assert board["sectorComparison"]["sectorMedianDaysToPay"] is None
    assert "not known" in board["sectorComparison"]["sentence"]
    assert benchmark.asked == []


async def test_a_page_out_of_range_and_a_key_without_risk_are_refused_with_their_codes(
    run: Any,
) -> None:
    ingest, scoring = Ingest(), Scoring()

    too_many = await run(
        "{ dashboard(debtors: 101) { openInvoices } }",
        backends={"ingest": ingest},
        principal=READER,
    )
    invoices_only = Principal("k3", "tenant-1", frozenset({"invoices:read"}), "BE0123456749")
    no_risk = await run(
        "{ dashboard { openInvoices riskyDebtors { score } } }",
        backends={"ingest": ingest, "scoring": scoring},
        principal=invoices_only,
    )

    assert too_many.errors and too_many.errors[0].extensions == {"code": "INVALID_ARGUMENT"}
    assert len(ingest.asked) == 1  # only the second query reached ingest
    assert no_risk.errors and no_risk.errors[0].extensions == {"code": "FORBIDDEN"}
    assert scoring.asked == []
