from __future__ import annotations

import grpc
import grpc.aio
import strawberry

from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.graphql.errors import raise_public
from gateway.entrypoints.graphql.types.benchmark import CompanyBenchmark
from gateway.entrypoints.graphql.types.risk import RiskProfile
from kmo.benchmark.v1 import benchmark_pb2
from kmo.types.v1 import types_pb2


@strawberry.type(description="A company in the register, known by its VAT number.")
class Company:
    vat: str = strawberry.field(description="compact, validated, with country prefix")
    country: str

    @classmethod
    def from_proto(cls, msg: types_pb2.CompanyRef) -> Company:
        return cls(vat=msg.vat, country=msg.country)

    @strawberry.field(description="null until a member reported an invoice to this company")
    async def risk_profile(self, info: strawberry.Info[Context, None]) -> RiskProfile | None:
        info.context.require("risk:read")
        profile = await info.context.risk_loader.load(self.vat)
        return RiskProfile.from_proto(profile) if profile.found else None

    @strawberry.field(description="the company's position in its sector; null without a score")
    async def benchmark(self, info: strawberry.Info[Context, None]) -> CompanyBenchmark | None:
        ctx = info.context
        ctx.require("risk:read")
        try:
            position = await ctx.backends.benchmark.GetCompanyPosition(
                benchmark_pb2.GetCompanyPositionRequest(
                    company=types_pb2.CompanyRef(country=self.country, vat=self.vat)
                ),
                metadata=ctx.metadata(),
                timeout=ctx.timeout,
            )
        except grpc.aio.AioRpcError as exc:
            if exc.code() == grpc.StatusCode.NOT_FOUND:
                return None
            raise_public(exc)
        return CompanyBenchmark.from_proto(position)
