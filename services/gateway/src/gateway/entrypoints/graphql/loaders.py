"""DataLoaders over gRPC: one backend call per request for many companies."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import grpc.aio
from strawberry.dataloader import DataLoader

from gateway.adapters.clients import Backends
from gateway.entrypoints.graphql.errors import raise_public
from gateway.entrypoints.graphql.types.benchmark import CompanyBenchmark, MeasureDistribution
from kmo.benchmark.v1 import benchmark_pb2
from kmo.scoring.v1 import scoring_pb2
from kmo.types.v1 import types_pb2


def risk_loader(
    backends: Backends, metadata: Callable[[], tuple[tuple[str, str], ...]], timeout: float
) -> DataLoader[str, scoring_pb2.RiskProfile]:
    async def load(vats: list[str]) -> Sequence[scoring_pb2.RiskProfile]:
        request = scoring_pb2.BatchGetRiskProfilesRequest(
            companies=[types_pb2.CompanyRef(country=v[:2], vat=v) for v in vats]
        )
        try:
            reply = await backends.scoring.BatchGetRiskProfiles(
                request, metadata=metadata(), timeout=timeout
            )
        except grpc.aio.AioRpcError as exc:
            raise_public(exc)
        return list(reply.profiles)

    return DataLoader(load_fn=load, max_batch_size=1000)


def position_loader(
    backends: Backends, metadata: Callable[[], tuple[tuple[str, str], ...]], timeout: float
) -> DataLoader[str, CompanyBenchmark | None]:
    """Companies' benchmark positions, up to 1,000 in one call (each group's figures once)."""

    async def load(vats: list[str]) -> Sequence[CompanyBenchmark | None]:
        request = benchmark_pb2.BatchGetCompanyPositionsRequest(
            companies=[types_pb2.CompanyRef(country=v[:2], vat=v) for v in vats]
        )
        try:
            reply = await backends.benchmark.BatchGetCompanyPositions(
                request, metadata=metadata(), timeout=timeout
            )
        except grpc.aio.AioRpcError as exc:
            raise_public(exc)
        shared = [MeasureDistribution.from_proto(d) for d in reply.distributions]
        return [
            CompanyBenchmark.from_proto(p, shared) if p.found else None for p in reply.positions
        ]

    return DataLoader(load_fn=load, max_batch_size=1000)
