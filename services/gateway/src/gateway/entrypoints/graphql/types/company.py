from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.graphql.types.benchmark import CompanyBenchmark
from gateway.entrypoints.graphql.types.money import Money
from gateway.entrypoints.graphql.types.risk import (
    ActionPlan,
    CreditLimit,
    RiskProfile,
    ScorePoint,
    Trend,
)
from gateway.entrypoints.graphql.types.scalars import pb_date, to_date
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


@strawberry.type(description="When a member can expect one of its open invoices to be paid.")
class PredictedPayment:
    invoice_id: strawberry.ID
    due_date: date
    outstanding: Money
    expected: date = strawberry.field(description="the median pay date")
    early: date = strawberry.field(description="20th percentile")
    late: date = strawberry.field(description="80th percentile")
    experiences: float = strawberry.field(
        description="how much of the debtor's own payment history the prediction rests on"
    )

    @classmethod
    def from_proto(cls, msg: scoring_pb2.PredictedPayment) -> PredictedPayment:
        return cls(
            invoice_id=strawberry.ID(msg.invoice_id),
            due_date=to_date(msg.due_date),
            outstanding=Money.from_proto(msg.outstanding),
            expected=to_date(msg.expected),
            early=to_date(msg.early),
            late=to_date(msg.late),
            experiences=msg.experiences,
        )


MAX_PREDICTIONS = 1000


@strawberry.type(description="A company in the register, known by its VAT number.")
class Company:
    vat: str = strawberry.field(description="compact, validated, with country prefix")
    country: str

    @classmethod
    def from_proto(cls, msg: types_pb2.CompanyRef) -> Company:
        return cls(vat=msg.vat, country=msg.country)

    @strawberry.field(
        description="The name members reported (the latest report wins); null when no member "
        "has reported this company."
    )
    async def name(self, info: strawberry.Info[Context, None]) -> str | None:
        info.context.require("risk:read")
        found = await info.context.company_loader.load(self.vat)
        return found.name if found.found else None

    @strawberry.field(description='Its NACE Rev. 2 code ("F41.20"); null when unknown.')
    async def sector(self, info: strawberry.Info[Context, None]) -> str | None:
        info.context.require("risk:read")
        found = await info.context.company_loader.load(self.vat)
        return found.sector if found.found and found.sector else None

    @strawberry.field(description="How its payment behaviour moves; null until it has a score.")
    async def trend(self, info: strawberry.Info[Context, None]) -> Trend | None:
        profile = await self.risk_profile(info)
        return None if profile is None else profile.trend

    @strawberry.field(description="Credit-limit advice; null until it has a score.")
    async def credit_limit(self, info: strawberry.Info[Context, None]) -> CreditLimit | None:
        profile = await self.risk_profile(info)
        return None if profile is None else profile.credit_limit

    @strawberry.field(
        description="When your open invoices to this company are expected to be paid, "
        "earliest due first. Members only."
    )
    async def predicted_payments(
        self, info: strawberry.Info[Context, None]
    ) -> list[PredictedPayment]:
        ctx = info.context
        ctx.require("invoices:read", tenant=True)
        found = await ctx.call(
            ctx.backends.scoring.ListPredictedPayments,
            scoring_pb2.ListPredictedPaymentsRequest(
                company=types_pb2.CompanyRef(country=self.country, vat=self.vat),
                page_size=MAX_PREDICTIONS,
            ),
        )
        return [PredictedPayment.from_proto(p) for p in found.payments]

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
