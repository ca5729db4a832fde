from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

import strawberry
from graphql import GraphQLObjectType, GraphQLSchema
from strawberry.dataloader import DataLoader
from strawberry.types.nodes import SelectedField

from chassis.limits import rpc_limit
from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.graphql.types.benchmark import CompanyBenchmark
from gateway.entrypoints.graphql.types.money import Money
from gateway.entrypoints.graphql.types.registry import CompanyRegistration
from gateway.entrypoints.graphql.types.risk import (
    ActionPlan,
    CreditLimit,
    RiskProfile,
    ScorePoint,
    Trend,
    trend_of,
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


MAX_PREDICTIONS = rpc_limit(
    scoring_pb2, "ScoringService.ListPredictedPayments", types_pb2.max_page_size
)


_UNSET: Any = object()  # not prefetched: the field loads it through its DataLoader


def _name(r: Any) -> str | None:
    return r.name if r.found else None


def _sector(r: Any) -> str | None:
    return r.sector if r.found and r.sector else None


def _registration(r: Any) -> CompanyRegistration | None:
    return CompanyRegistration.from_proto(r.registry) if r.HasField("registry") else None


def _trend(p: Any) -> Trend | None:
    return trend_of(p) if p.found else None


def _credit_limit(p: Any) -> CreditLimit | None:
    return CreditLimit.from_proto(p.credit_limit) if p.found else None


def _risk_profile(p: Any) -> RiskProfile | None:
    return RiskProfile.from_proto(p) if p.found else None


def _as_loaded(value: Any) -> Any:
    return value


def _then(value: Any, finish: Callable[[Any], Any]) -> Any:
    """``finish(value)``, after awaiting ``value`` if it must be awaited."""
    if inspect.isawaitable(value):

        async def later() -> Any:
            return finish(await value)

        return later()
    return finish(value)


@strawberry.type(description="A company in the register, known by its VAT number.")
class Company:
    """Its fields load through the request's DataLoaders (one backend call per field for
    all the companies of a request). A list of companies is prefetched instead
    (:func:`prefetch`): its fields then resolve synchronously, without a coroutine and a
    loader future per company and field."""

    vat: str = strawberry.field(description="compact, validated, with country prefix")
    country: str
    _record: strawberry.Private[Any] = _UNSET
    _profile: strawberry.Private[Any] = _UNSET
    _position: strawberry.Private[Any] = _UNSET

    @classmethod
    def from_proto(cls, msg: types_pb2.CompanyRef) -> Company:
        return cls(vat=msg.vat, country=msg.country)

    # A prefetched value was loaded for a caller holding risk:read (see prefetch): only a
    # field that still has to load checks the scope, once per company and field.
    def _record_of(self, info: strawberry.Info[Context, None]) -> Any:
        if self._record is not _UNSET:
            return self._record
        info.context.require("risk:read")
        return info.context.company_loader.load(self.vat)

    def _profile_of(self, info: strawberry.Info[Context, None]) -> Any:
        if self._profile is not _UNSET:
            return self._profile
        info.context.require("risk:read")
        return info.context.risk_loader.load(self.vat)

    @strawberry.field(
        graphql_type=str | None,
        description="The company registry's name (Belgium) when it knows the company, else "
        "the name members reported (the latest report wins); null when neither knows it.",
    )
    def name(self, info: strawberry.Info[Context, None]) -> Any:
        return _then(self._record_of(info), _name)

    @strawberry.field(
        graphql_type=str | None,
        description='Its NACE Rev. 2 code ("F41.20"): the registry\'s main activity, else '
        "what members reported; null when unknown.",
    )
    def sector(self, info: strawberry.Info[Context, None]) -> Any:
        return _then(self._record_of(info), _sector)

    @strawberry.field(
        graphql_type=CompanyRegistration | None,
        description="Legal form, status, juridical situation and its date, start date, main "
        "activity and every name, from the company registry (Belgium's KBO open data); null "
        "when the registry does not know the company (NL, LU, foreign).",
    )
    def registration(self, info: strawberry.Info[Context, None]) -> Any:
        return _then(self._record_of(info), _registration)

    @strawberry.field(
        graphql_type=Trend | None,
        description="How its payment behaviour moves; null until it has a score.",
    )
    def trend(self, info: strawberry.Info[Context, None]) -> Any:
        return _then(self._profile_of(info), _trend)

    @strawberry.field(
        graphql_type=CreditLimit | None,
        description="Credit-limit advice; null until it has a score.",
    )
    def credit_limit(self, info: strawberry.Info[Context, None]) -> Any:
        return _then(self._profile_of(info), _credit_limit)

    @strawberry.field(
        graphql_type=RiskProfile | None,
        description="null until a member reported an invoice to this company",
    )
    def risk_profile(self, info: strawberry.Info[Context, None]) -> Any:
        return _then(self._profile_of(info), _risk_profile)

    @strawberry.field(
        graphql_type=CompanyBenchmark | None,
        description="Where it stands in its NACE division, section and country on score, days "
        "to pay, days beyond terms and late share; null until it has a score.",
    )
    def benchmark(self, info: strawberry.Info[Context, None]) -> Any:
        if self._position is not _UNSET:
            return self._position
        info.context.require("risk:read")
        return info.context.position_loader.load(self.vat)

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


# Which prefetched part a selected field needs, and how the field reads it.
_PREFETCHED: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "name": ("_record", _name),
    "sector": ("_record", _sector),
    "registration": ("_record", _registration),
    "riskProfile": ("_profile", _risk_profile),
    "trend": ("_profile", _trend),
    "creditLimit": ("_profile", _credit_limit),
    "benchmark": ("_position", _as_loaded),
}
_NEEDS = {name: part for name, (part, _) in _PREFETCHED.items()}


def read_prefetched_directly(schema: GraphQLSchema) -> None:
    """A prefetched company's fields answer straight from what was loaded, without
    Strawberry's resolver wrapper (about 15 µs a value: most of a 1,000-company list's
    time); a company that was not prefetched goes through its resolver as before."""
    company = schema.type_map["Company"]
    assert isinstance(company, GraphQLObjectType)
    for name, (part, read) in _PREFETCHED.items():
        field = company.fields[name]
        wrapped = field.resolve
        assert wrapped is not None

        def resolve(
            source: Any, info: Any, _part: str = part, _read: Any = read, _wrapped: Any = wrapped,
            **kwargs: Any,
        ) -> Any:  # fmt: skip
            value = getattr(source, _part, _UNSET)
            return _wrapped(source, info, **kwargs) if value is _UNSET else _read(value)

        field.resolve = resolve


def _names(selections: Any, path: tuple[str, ...]) -> set[str]:
    """The field names selected at ``path`` below the current field, through fragments."""
    out: set[str] = set()
    for sel in selections:
        if isinstance(sel, SelectedField):
            if not path:
                out.add(sel.name)
            elif sel.name == path[0]:
                out |= _names(sel.selections, path[1:])
        else:  # a fragment spread or an inline fragment
            out |= _names(sel.selections, path)
    return out


async def prefetch(
    info: strawberry.Info[Context, None],
    companies: list[Company],
    paths: tuple[tuple[str, ...], ...] = ((),),
) -> list[Company]:
    """Load, for all ``companies`` at once, what the query selects of them (at ``paths``
    below the current field: ``()`` for a list, ``("nodes",)`` and ``("edges", "node")``
    for a connection), so their fields need no loader each."""
    ctx = info.context
    if not companies or ctx.principal is None or not ctx.principal.has("risk:read"):
        return companies  # the fields themselves say what is refused
    selected: set[str] = set()
    measured = False  # benchmark { placements { measures } } somewhere
    for field in info.selected_fields:
        for path in paths:
            selected |= _names(field.selections, path)
            measured |= "measures" in _names(field.selections, (*path, "benchmark", "placements"))
    parts = {_NEEDS[name] for name in selected if name in _NEEDS}
    loaders: dict[str, DataLoader[str, Any]] = {
        "_record": ctx.company_loader,
        "_profile": ctx.risk_loader,
        "_position": ctx.position_loader if measured else ctx.placement_loader,
    }
    vats = [c.vat for c in companies]
    wanted = sorted(parts)
    found = await asyncio.gather(*(loaders[part].load_many(vats) for part in wanted))
    for part, values in zip(wanted, found, strict=True):
        for company, value in zip(companies, values, strict=True):
            setattr(company, part, value)
    return companies
