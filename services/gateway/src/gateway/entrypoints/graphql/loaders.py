"""DataLoaders over gRPC: one backend call per request for many companies."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import grpc.aio
from strawberry.dataloader import DataLoader

from gateway.adapters.clients import Backends
from gateway.entrypoints.graphql.errors import raise_public
from gateway.entrypoints.graphql.types.benchmark import CompanyBenchmark, MeasureDistribution
from kmo.benchmark.v1 import benchmark_pb2
from kmo.scoring.v1 import scoring_pb2
from kmo.types.v1 import types_pb2

Metadata = Callable[[], tuple[tuple[str, str], ...]]
Reply = TypeVar("Reply")
T = TypeVar("T")

MAX_BATCH = 1000  # what the backends' batch RPCs take in one call


def _by_vat(
    call: Callable[..., Awaitable[Reply]],
    request: Callable[[list[types_pb2.CompanyRef]], Any],
    unpack: Callable[[Reply], Sequence[T]],
    metadata: Metadata,
    timeout: float,
) -> DataLoader[str, T]:
    """A loader that asks one batch RPC for every company a GraphQL request resolves."""

    async def load(vats: list[str]) -> Sequence[T]:
        refs = [types_pb2.CompanyRef(country=v[:2], vat=v) for v in vats]
        try:
            reply = await call(request(refs), metadata=metadata(), timeout=timeout)
        except grpc.aio.AioRpcError as exc:
            raise_public(exc)
        return unpack(reply)

    return DataLoader(load_fn=load, max_batch_size=MAX_BATCH)


def risk_loader(
    backends: Backends, metadata: Metadata, timeout: float
) -> DataLoader[str, scoring_pb2.RiskProfile]:
    return _by_vat(
        backends.scoring.BatchGetRiskProfiles,
        lambda refs: scoring_pb2.BatchGetRiskProfilesRequest(companies=refs),
        lambda reply: list(reply.profiles),
        metadata,
        timeout,
    )


def position_loader(
    backends: Backends, metadata: Metadata, timeout: float
) -> DataLoader[str, CompanyBenchmark | None]:
    """Companies' benchmark positions (each group's figures once per call)."""

    def unpack(
        reply: benchmark_pb2.BatchGetCompanyPositionsResponse,
    ) -> list[CompanyBenchmark | None]:
        shared = [MeasureDistribution.from_proto(d) for d in reply.distributions]
        return [
            CompanyBenchmark.from_proto(p, shared) if p.found else None for p in reply.positions
        ]

    return _by_vat(
        backends.benchmark.BatchGetCompanyPositions,
        lambda refs: benchmark_pb2.BatchGetCompanyPositionsRequest(companies=refs),
        unpack,
        metadata,
        timeout,
    )
