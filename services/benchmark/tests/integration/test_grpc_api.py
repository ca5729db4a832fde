"""BenchmarkService over a real gRPC channel, fed by real ``score.updated`` events on
JetStream, the chassis running the whole service on a migrated database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import grpc
import grpc.aio
import pytest
from nats.js.client import JetStreamContext

from benchmark import bootstrap
from benchmark.settings import Settings
from chassis.events import HEADER_EVENT_TYPE, HEADER_MSG_ID, outgoing
from chassis.grpc_server import error_code
from chassis.messaging import Namespace, StreamSpec, ensure_stream
from chassis.run import started
from devstack.servers import caller_metadata
from devstack.testing import Databases
from kmo.benchmark.v1 import benchmark_pb2, benchmark_pb2_grpc
from kmo.scoring.v1 import events_pb2, scoring_pb2
from kmo.types.v1 import types_pb2

RISK = StreamSpec("RISK", ["risk.changed.>", "score.updated"], max_age_seconds=3600)


def reader() -> tuple[tuple[str, str], ...]:
    return caller_metadata("risk:read")


AT = datetime(2026, 9, 15, 12, tzinfo=UTC)


@dataclass
class Running:
    stub: benchmark_pb2_grpc.BenchmarkServiceAsyncStub
    js: JetStreamContext
    ns: Namespace
    sent: int = 0

    async def score(self, vat: str, score: int, sector: str = "F41", dtp: float = 40.0) -> None:
        self.sent += 1
        msg = events_pb2.ScoreUpdated(
            company=types_pb2.CompanyRef(country=vat[:2], vat=vat), sector=sector, score=score,
            level=scoring_pb2.RISK_LEVEL_LOW if score <= 30 else scoring_pb2.RISK_LEVEL_HIGH,
            paid_count=2, avg_days_to_pay=dtp, days_beyond_terms=5.0, late_share=0.25,
            as_of=types_pb2.Date(year=2026, month=9, day=15),
        )  # fmt: skip
        msg.updated_at.FromDatetime(AT + timedelta(seconds=self.sent))
        event = outgoing(msg)
        await self.js.publish(
            self.ns.subject(event.subject),
            event.payload,
            headers={HEADER_MSG_ID: event.event_id, HEADER_EVENT_TYPE: event.event_type},
        )


@pytest.fixture(scope="module")
async def service(
    databases: Databases, nats_url: str, nats_namespace: str
) -> AsyncIterator[Running]:
    settings = Settings(
        database_url=databases.fresh("benchmark_grpc"),
        nats_url=nats_url,
        nats_namespace=f"{nats_namespace}benchmark",
        grpc_host="127.0.0.1",
        grpc_port=0,
        shutdown_grace_seconds=1.0,
        refresh_seconds=0,
    )
    async with started(bootstrap.build(), settings) as running:
        res = running.resources
        await ensure_stream(res.js, res.namespace, RISK)  # scoring's, in production
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{running.grpc_port}")
        yield Running(benchmark_pb2_grpc.BenchmarkServiceStub(channel), res.js, res.namespace)
        await channel.close()
        await res.js.delete_stream(res.namespace.stream(RISK.name))


async def sector_when(
    svc: Running, country: str, sector: str, n: int
) -> benchmark_pb2.SectorBenchmark:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 20
    while True:
        got = await svc.stub.GetSectorBenchmark(
            benchmark_pb2.GetSectorBenchmarkRequest(country=country, sector=sector),
            metadata=reader(),
        )
        if got.group.company_count >= n:
            return got
        if loop.time() > deadline:
            raise AssertionError(f"{country}/{sector} never reached {n} companies")
        await asyncio.sleep(0.1)


async def test_events_become_sector_figures_and_positions_with_a_floor(service: Running) -> None:
    builders = [f"BE{400000000 + i:010d}" for i in range(8)]
    for i, vat in enumerate(builders):
        await service.score(vat, 10 + 10 * i, dtp=20 + 5 * i)
    small = [f"BE{500000000 + i:010d}" for i in range(2)]
    for vat in small:
        await service.score(vat, 60, sector="C10")
    f41 = await sector_when(service, "BE", "41", 8)

    assert not f41.withheld and f41.group.name == "construction of buildings (41) in Belgium"
    score = {d.measure: d for d in f41.measures}[benchmark_pb2.MEASURE_SCORE]
    assert (score.count, score.p10, score.median, score.p90) == (8, 10, 40, 80)
    assert (f41.levels.low, f41.levels.high) == (3, 5)
    assert [p.median for p in f41.trends[0].months] == [40]

    c10 = await service.stub.GetSectorBenchmark(
        benchmark_pb2.GetSectorBenchmarkRequest(country="BE", sector="10"), metadata=reader()
    )
    assert c10.withheld and c10.asked.company_count == 0 and c10.group.sector == ""

    asked = (builders[1], small[0], "BE0999999999")
    got = await service.stub.BatchGetCompanyPositions(
        benchmark_pb2.BatchGetCompanyPositionsRequest(
            companies=[types_pb2.CompanyRef(country="BE", vat=v) for v in asked]
        ),
        metadata=reader(),
    )
    mine, little, unknown = got.positions
    assert mine.found and not unknown.found
    division = mine.placements[0]
    assert division.scope == benchmark_pb2.SCOPE_DIVISION and not division.withheld
    dtp = {m.measure: m for m in division.measures}[benchmark_pb2.MEASURE_DAYS_TO_PAY]
    assert (dtp.value, dtp.better_than) == (25.0, round(100 * 6 / 7, 1))
    assert dtp.sentence.startswith("pays faster than 85.7% of companies in construction of")
    assert got.distributions[dtp.distribution].group.sector == "41"
    assert little.placements[0].withheld  # 2 companies in C10: compared with Belgium
    fallback = little.placements[0].measures[0]
    assert got.distributions[fallback.distribution].group.sector == ""

    light = await service.stub.BatchGetCompanyPositions(
        benchmark_pb2.BatchGetCompanyPositionsRequest(
            companies=[types_pb2.CompanyRef(country="BE", vat=v) for v in asked],
            without_measures=True,
        ),
        metadata=reader(),
    )
    assert [len(p.placements) for p in light.positions] == [
        len(p.placements) for p in got.positions
    ]
    assert [(p.scope, p.asked, p.withheld) for p in light.positions[0].placements] == [
        (p.scope, p.asked, p.withheld) for p in mine.placements
    ]
    assert not any(p.measures for c in light.positions for p in c.placements)
    assert not light.distributions

    listed = await service.stub.ListSectors(
        benchmark_pb2.ListSectorsRequest(country="BE"), metadata=reader()
    )
    sizes = {s.group.sector: (s.group.company_count, s.withheld) for s in listed.sectors}
    assert sizes["41"] == (8, False) and sizes["10"] == (0, True) and sizes[""] == (10, False)


@pytest.mark.parametrize(
    ("request_", "code"),
    [
        (benchmark_pb2.GetSectorBenchmarkRequest(country="XYZ"), "invalid_group"),
        (benchmark_pb2.GetSectorBenchmarkRequest(country="BE", sector="Z9"), "invalid_group"),
    ],
)
async def test_a_group_that_does_not_exist_is_a_typed_error(
    service: Running, request_: benchmark_pb2.GetSectorBenchmarkRequest, code: str
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await service.stub.GetSectorBenchmark(request_, metadata=reader())
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT and error_code(err.value) == code


async def test_more_than_a_thousand_positions_or_no_scope_are_refused(service: Running) -> None:
    many = benchmark_pb2.BatchGetCompanyPositionsRequest(
        companies=[types_pb2.CompanyRef(country="BE", vat="BE0123456749")] * 1001
    )
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await service.stub.BatchGetCompanyPositions(many, metadata=reader())
    assert error_code(err.value) == "batch_too_large"
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await service.stub.ListSectors(
            benchmark_pb2.ListSectorsRequest(), metadata=caller_metadata("")
        )
    assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_a_call_the_gateway_did_not_sign_is_refused(service: Running) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await service.stub.ListSectors(
            benchmark_pb2.ListSectorsRequest(), metadata=(("kmo-scopes", "admin"),)
        )
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert error_code(refused.value) == "unsigned_call"
