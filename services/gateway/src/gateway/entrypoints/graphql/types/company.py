from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.graphql.types.benchmark import CompanyBenchmark
from gateway.entrypoints.graphql.types.risk import ActionPlan, RiskProfile, ScorePoint
from gateway.entrypoints.graphql.types.scalars import pb_date
from kmo.scoring.v1 import scoring_pb2
from kmo.types.v1 import types_pb2


@strawberry.enum(description="Chart resolution of a score history.")
class Period(Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


_PERIODS = {
    Period.DAY: scoring_pb2.PERIOD_DAY,
    Period.WEEK: scoring_pb2.PERIOD_WEEK,
    Period.MONTH: scoring_pb2.PERIOD_MONTH,
}


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

    @strawberry.field(
        description="Where it stands in its NACE division, section and country on score, days "
        "to pay, days beyond terms and late share; null until it has a score."
    )
    async def benchmark(self, info: strawberry.Info[Context, None]) -> CompanyBenchmark | None:
        info.context.require("risk:read")
        return await info.context.position_loader.load(self.vat)

    @strawberry.field(description="The score by period (default: monthly over the last year).")
    async def score_history(
        self,
        info: strawberry.Info[Context, None],
        period: Period = Period.MONTH,
        from_date: date | None = None,
        to_date: date | None = None,
    ) -> list[ScorePoint]:
        ctx = info.context
        ctx.require("risk:read")
        request = scoring_pb2.GetScoreHistoryRequest(
            company=types_pb2.CompanyRef(country=self.country, vat=self.vat),
            period=_PERIODS[period],
        )
        if from_date is not None:
            request.from_date.CopyFrom(pb_date(from_date))
        if to_date is not None:
            request.to_date.CopyFrom(pb_date(to_date))
        found = await ctx.call(ctx.backends.scoring.GetScoreHistory, request)
        return [ScorePoint.from_proto(p) for p in found.points]

    @strawberry.field(
        description="For your open invoices to this company: the dunning ladder, one grouped "
        "reminder and the statutory interest you are entitled to. Members only."
    )
    async def action_plan(self, info: strawberry.Info[Context, None]) -> ActionPlan | None:
        ctx = info.context
        principal = ctx.require("invoices:read", tenant=True)
        country = principal.member_vat[:2] if principal.member_vat else "BE"
        found = await ctx.find(
            ctx.backends.scoring.GetActionPlan,
            scoring_pb2.GetActionPlanRequest(
                company=types_pb2.CompanyRef(country=self.country, vat=self.vat),
                creditor_country=country if country in ("BE", "NL", "LU") else "BE",
            ),
        )
        return None if found is None else ActionPlan.from_proto(found)
