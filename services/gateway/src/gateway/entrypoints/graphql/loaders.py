"""DataLoaders over gRPC: one backend call per request for many companies."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import grpc.aio
from strawberry.dataloader import DataLoader

from gateway.adapters.clients import Backends
from gateway.entrypoints.graphql.errors import raise_public
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
