"""DataLoaders over gRPC: one backend call per request for many companies."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from chassis.limits import rpc_limit
from gateway.adapters.clients import Backends
from gateway.adapters.profiles import ProfileCache
from gateway.entrypoints.graphql.types.benchmark import CompanyBenchmark, MeasureDistribution
from kmo.benchmark.v1 import benchmark_pb2
from kmo.ingest.v1 import ingest_pb2
from kmo.scoring.v1 import scoring_pb2
from kmo.types.v1 import types_pb2

Call = Callable[..., Awaitable[Any]]  # Context.call: identity, deadline and error mapping
Reply = TypeVar("Reply")
T = TypeVar("T")

# What each backend's batch RPC takes in one call, as the contracts declare it.
MAX_BATCH = min(
    rpc_limit(ingest_pb2, "IngestService.BatchGetCompanies", types_pb2.max_items),
    rpc_limit(scoring_pb2, "ScoringService.BatchGetRiskProfiles", types_pb2.max_items),
    rpc_limit(benchmark_pb2, "BenchmarkService.BatchGetCompanyPositions", types_pb2.max_items),
)


def _by_vat(
    call: Call,
    method: Callable[..., Awaitable[Reply]],
    request: Callable[[list[types_pb2.CompanyRef]], Any],
    unpack: Callable[[Reply], Sequence[T]],
) -> DataLoader[str, T]:
    """A loader that asks one batch RPC for every company a GraphQL request resolves."""

    async def load(vats: list[str]) -> Sequence[T]:
        refs = [types_pb2.CompanyRef(country=v[:2], vat=v) for v in vats]
        return unpack(await call(method, request(refs)))

    return DataLoader(load_fn=load, max_batch_size=MAX_BATCH)


def risk_loader(
    backends: Backends, call: Call, cache: ProfileCache | None = None, tenant: str = ""
) -> DataLoader[str, scoring_pb2.RiskProfile]:
    """Profiles from the cache where it has them, the rest in one scoring call."""

    async def load(vats: list[str]) -> Sequence[scoring_pb2.RiskProfile]:
        found = {v: p for v in vats if cache and (p := cache.get(v, tenant)) is not None}
        missing = [v for v in vats if v not in found]
        if missing:
            asked_at = ProfileCache.now()
            reply = await call(
                backends.scoring.BatchGetRiskProfiles,
                scoring_pb2.BatchGetRiskProfilesRequest(
                    companies=[types_pb2.CompanyRef(country=v[:2], vat=v) for v in missing]
                ),
            )
            for vat, profile in zip(missing, reply.profiles, strict=True):
                found[vat] = profile
                if cache is not None:
                    cache.put(vat, tenant, profile, asked_at)
        return [found[v] for v in vats]

    return DataLoader(load_fn=load, max_batch_size=MAX_BATCH)


def company_loader(backends: Backends, call: Call) -> DataLoader[str, ingest_pb2.CompanyRecord]:
    """Names and sectors from ingest's register."""
    return _by_vat(
        call,
        backends.ingest.BatchGetCompanies,
        lambda refs: ingest_pb2.BatchGetCompaniesRequest(companies=refs),
        lambda reply: list(reply.companies),
    )


def position_loader(
    backends: Backends, call: Call, measures: bool = True
) -> DataLoader[str, CompanyBenchmark | None]:
    """Companies' benchmark positions (each group's figures once per call); without
    ``measures``, their placements' groups only."""

    def unpack(
        reply: benchmark_pb2.BatchGetCompanyPositionsResponse,
    ) -> list[CompanyBenchmark | None]:
        shared = [MeasureDistribution.from_proto(d) for d in reply.distributions]
        return [
            CompanyBenchmark.from_proto(p, shared, measures) if p.found else None
            for p in reply.positions
        ]

    return _by_vat(
        call,
        backends.benchmark.BatchGetCompanyPositions,
        lambda refs: benchmark_pb2.BatchGetCompanyPositionsRequest(
            companies=refs, without_measures=not measures
        ),
        unpack,
    )
