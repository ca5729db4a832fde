"""Lists of companies through the real schema in front of fake backends: each list asks
each backend once, and benchmark for the placements' measures only when the query selects
them (a list that shows where 1,000 companies stand does not carry 12,000 comparisons)."""

from __future__ import annotations

from typing import Any

import pytest

from devstack.samples import belgian_vat
from gateway.domain.model import Principal
from kmo.benchmark.v1 import benchmark_pb2
from kmo.ingest.v1 import ingest_pb2

GROUP = benchmark_pb2.Group(country="BE", sector="F", name="construction (F) in Belgium")
SCOPES = (benchmark_pb2.SCOPE_DIVISION, benchmark_pb2.SCOPE_SECTION, benchmark_pb2.SCOPE_COUNTRY)


class Benchmark:
    def __init__(self) -> None:
        self.asked: list[benchmark_pb2.BatchGetCompanyPositionsRequest] = []

    async def BatchGetCompanyPositions(
        self, request: benchmark_pb2.BatchGetCompanyPositionsRequest, **call: Any
    ) -> benchmark_pb2.BatchGetCompanyPositionsResponse:
        self.asked.append(request)
        out = benchmark_pb2.BatchGetCompanyPositionsResponse(min_group_size=5)
        if not request.without_measures:
            out.distributions.add(measure=benchmark_pb2.MEASURE_SCORE, group=GROUP, count=9)
        for ref in request.companies:
            position = out.positions.add(company=ref, found=True, section="F", division="41")
            for scope in SCOPES:
                placement = position.placements.add(scope=scope, asked=GROUP)
                if not request.without_measures:
                    placement.measures.add(
                        measure=benchmark_pb2.MEASURE_SCORE, known=True, value=42.0,
                        better_than=60.0, worse_than=30.0, sentence="scores better", distribution=0,
                    )  # fmt: skip
        return out


class Ingest:
    async def BatchGetCompanies(
        self, request: ingest_pb2.BatchGetCompaniesRequest, **call: Any
    ) -> ingest_pb2.BatchGetCompaniesResponse:
        return ingest_pb2.BatchGetCompaniesResponse(
            companies=[
                ingest_pb2.CompanyRecord(company=c, found=True, name="Bouw NV")
                for c in request.companies
            ]
        )


@pytest.fixture
def benchmark() -> Benchmark:
    return Benchmark()


async def data(run: Any, benchmark: Benchmark, query: str, variables: dict[str, Any]) -> Any:
    result = await run(
        query,
        variables,
        backends={"benchmark": benchmark, "ingest": Ingest()},
        principal=Principal("k1", None, frozenset({"risk:read"})),
    )
    assert not result.errors, result.errors
    return result.data


LIST = """query($vats: [String!]!) { companies(vats: $vats) { vat name
  benchmark { section placements { scope %s } } } }"""


async def test_a_list_without_measures_asks_benchmark_for_placements_only(
    run: Any, benchmark: Benchmark
) -> None:
    vats = [belgian_vat() for _ in range(50)]

    got = await data(run, benchmark, LIST % "", {"vats": vats})

    assert [r.without_measures for r in benchmark.asked] == [True]
    assert len(benchmark.asked[0].companies) == 50
    first = got["companies"][0]["benchmark"]
    assert [p["scope"] for p in first["placements"]] == ["DIVISION", "SECTION", "COUNTRY"]


async def test_a_list_that_selects_measures_gets_them_in_the_same_one_call(
    run: Any, benchmark: Benchmark
) -> None:
    vats = [belgian_vat() for _ in range(20)]

    got = await data(
        run, benchmark, LIST % "measures { measure value group { count } }", {"vats": vats}
    )

    assert [r.without_measures for r in benchmark.asked] == [False]
    measures = got["companies"][-1]["benchmark"]["placements"][2]["measures"]
    assert measures == [{"measure": "SCORE", "value": 42.0, "group": {"count": 9}}]


async def test_measures_asked_through_a_fragment_are_seen(run: Any, benchmark: Benchmark) -> None:
    query = """query($vats: [String!]!) { companies(vats: $vats) { ...Where } }
      fragment Where on Company { benchmark { placements { ... on BenchmarkPlacement {
        measures { sentence } } } } }"""

    got = await data(run, benchmark, query, {"vats": [belgian_vat()]})

    assert [r.without_measures for r in benchmark.asked] == [False]
    placements = got["companies"][0]["benchmark"]["placements"]
    assert placements[0]["measures"] == [{"sentence": "scores better"}]


async def test_one_company_loads_its_measures_whenever_asked(
    run: Any, benchmark: Benchmark
) -> None:
    query = """query($vat: String!) { company(vat: $vat) {
      benchmark { placements { measures { value } } } } }"""

    got = await data(run, benchmark, query, {"vat": belgian_vat()})

    assert [r.without_measures for r in benchmark.asked] == [False]
    assert got["company"]["benchmark"]["placements"][1]["measures"] == [{"value": 42.0}]
