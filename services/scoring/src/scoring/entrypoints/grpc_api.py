"""``kmo.scoring.v1.ScoringService``: requests to the read side, answers to protobuf.

What a caller sees of counts and amounts follows ``scoring.domain.disclosure``.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from decimal import Decimal
from typing import Any

import grpc
import grpc.aio

from callers import Caller, require
from chassis.grpc_server import abort
from chassis.limits import rpc_limit
from kmo.scoring.v1 import scoring_pb2, scoring_pb2_grpc
from kmo.types.v1 import types_pb2
from scoring.adapters.event_codec import PB_LEVEL, PB_TREND, factor_pb, pb_date
from scoring.domain import action_plan, disclosure, history, prediction
from scoring.domain.late_interest import RateTable
from scoring.domain.profile import RiskProfile
from scoring.domain.scorecard import Confidence
from scoring.service_layer.unit_of_work import ReadModel

Context = grpc.aio.ServicerContext[Any, Any]
MAX_BATCH = rpc_limit(scoring_pb2, "ScoringService.BatchGetRiskProfiles", types_pb2.max_items)
MAX_PAGE = rpc_limit(scoring_pb2, "ScoringService.ListHighestRisk", types_pb2.max_page_size)
MAX_PREDICTIONS_PAGE = rpc_limit(
    scoring_pb2, "ScoringService.ListPredictedPayments", types_pb2.max_page_size
)

PB_CONFIDENCE = {
    Confidence.INSUFFICIENT: scoring_pb2.CONFIDENCE_INSUFFICIENT,
    Confidence.LIMITED: scoring_pb2.CONFIDENCE_LIMITED,
    Confidence.GOOD: scoring_pb2.CONFIDENCE_GOOD,
}
PB_DISCLOSURE = {
    disclosure.Disclosure.EXACT: scoring_pb2.DISCLOSURE_EXACT,
    disclosure.Disclosure.BANDED: scoring_pb2.DISCLOSURE_BANDED,
    disclosure.Disclosure.WITHHELD: scoring_pb2.DISCLOSURE_WITHHELD,
}
LEVEL_OF_PB = {v: k for k, v in PB_LEVEL.items()}
PB_PERIOD = {
    scoring_pb2.PERIOD_UNSPECIFIED: history.Period.MONTH,
    scoring_pb2.PERIOD_DAY: history.Period.DAY,
    scoring_pb2.PERIOD_WEEK: history.Period.WEEK,
    scoring_pb2.PERIOD_MONTH: history.Period.MONTH,
}
PB_STEP = {
    action_plan.Step.NONE: scoring_pb2.DUNNING_STEP_NONE,
    action_plan.Step.REMINDER: scoring_pb2.DUNNING_STEP_REMINDER,
    action_plan.Step.FORMAL_NOTICE: scoring_pb2.DUNNING_STEP_FORMAL_NOTICE,
    action_plan.Step.PHONE_CALL: scoring_pb2.DUNNING_STEP_PHONE_CALL,
    action_plan.Step.LAST_NOTICE: scoring_pb2.DUNNING_STEP_LAST_NOTICE,
    action_plan.Step.COLLECTION: scoring_pb2.DUNNING_STEP_COLLECTION,
}
CREDITOR_COUNTRIES = ("BE", "NL", "LU")
# A debtor without a profile yet: the published distribution alone.
NO_HISTORY = tuple(
    prediction.posterior(
        [0.0] * len(prediction.DEFAULT_DISTRIBUTION), prediction.DEFAULT_DISTRIBUTION
    )
)


def money(amount: Decimal) -> types_pb2.Money:
    return types_pb2.Money(amount=str(amount.quantize(Decimal("0.01"))), currency="EUR")


def _band_pb(band: disclosure.AmountBand | None) -> scoring_pb2.AmountBand | None:
    if band is None:
        return None
    msg = scoring_pb2.AmountBand(lower=money(band.lower))
    if band.upper is not None:
        msg.upper.CopyFrom(money(band.upper))
    return msg


def credit_pb(p: RiskProfile) -> scoring_pb2.CreditLimit:
    msg = scoring_pb2.CreditLimit(advised=p.credit.advised, sentence=p.credit.sentence)
    if p.credit.advised:
        msg.amount.CopyFrom(money(p.credit.amount))
    return msg


def _trend_sentence(p: RiskProfile) -> str:
    match p.trend.value:
        case "deteriorating":
            return "Pays later than it used to."
        case "improving":
            return "Pays sooner than it used to."
        case "stable":
            return "Pays as it used to."
    return "Too few payments to tell a trend."


def profile_pb(
    ref: types_pb2.CompanyRef, p: RiskProfile | None, caller: Caller
) -> scoring_pb2.RiskProfile:
    if p is None:
        return scoring_pb2.RiskProfile(company=ref, found=False)
    view = disclosure.view(p, caller.tenant_id, operator="admin" in caller.scopes)
    msg = scoring_pb2.RiskProfile(
        company=types_pb2.CompanyRef(country=p.country, vat=p.vat),
        found=True,
        score=p.score,
        level=PB_LEVEL[p.level],
        invoice_count=view.invoice_count or 0,
        paid_count=view.paid_count or 0,
        supplier_count=p.supplier_count,
        avg_days_to_pay=p.avg_days_to_pay,
        avg_days_late=p.avg_days_late,
        sector=p.sector,
        factors=[factor_pb(f) for f in p.factors],
        trend=PB_TREND[p.trend],
        confidence=PB_CONFIDENCE[p.confidence],
        model_version=p.model_version,
        as_of=pb_date(p.as_of),
        count_disclosure=PB_DISCLOSURE[view.count_disclosure],
        invoice_count_band=scoring_pb2.CountBand(
            lower=view.invoice_count_band[0], upper=view.invoice_count_band[1]
        ),
        amount_disclosure=PB_DISCLOSURE[view.amount_disclosure],
        days_beyond_terms=p.days_beyond_terms,
        late_share=p.late_share,
        oldest_overdue_days=p.oldest_overdue_days,
        experiences=p.experiences,
        credit_limit=credit_pb(p),
        trend_slope=round(p.trend_slope, 3),
        trend_sentence=_trend_sentence(p),
    )
    if view.open_amount is not None and view.overdue_amount is not None:
        msg.open_amount.CopyFrom(money(view.open_amount))
        msg.overdue_amount.CopyFrom(money(view.overdue_amount))
    if (band := _band_pb(view.open_band)) is not None:
        msg.open_amount_band.CopyFrom(band)
    if (band := _band_pb(view.overdue_band)) is not None:
        msg.overdue_amount_band.CopyFrom(band)
    msg.updated_at.FromDatetime(p.updated_at)
    return msg


def _date(value: types_pb2.Date) -> date:
    return date(value.year, value.month, value.day)


def _token(after: tuple[int, str] | None) -> str:
    if after is None:
        return ""
    return base64.urlsafe_b64encode(f"{after[0]}:{after[1]}".encode()).decode()


def _untoken(token: str) -> tuple[int, str] | None:
    if not token:
        return None
    try:
        score, vat = base64.urlsafe_b64decode(token.encode()).decode().split(":", 1)
        return int(score), vat
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise ValueError("invalid page token") from exc


class ScoringApi(scoring_pb2_grpc.ScoringServiceServicer):
    def __init__(self, reader: ReadModel, rates: RateTable) -> None:
        self._reader = reader
        self._rates = rates

    async def GetRiskProfile(
        self, request: scoring_pb2.GetRiskProfileRequest, context: Context
    ) -> scoring_pb2.RiskProfile:
        caller = await require(context, "risk:read", tenant=False)
        found = await self._reader.many([request.company.vat])
        profile = found.get(request.company.vat)
        if profile is None:
            await abort(
                context, grpc.StatusCode.NOT_FOUND, "no_profile", "no payment experiences yet"
            )
        return profile_pb(request.company, profile, caller)

    async def BatchGetRiskProfiles(
        self, request: scoring_pb2.BatchGetRiskProfilesRequest, context: Context
    ) -> scoring_pb2.BatchGetRiskProfilesResponse:
        caller = await require(context, "risk:read", tenant=False)
        if len(request.companies) > MAX_BATCH:
            await abort(
                context,
                grpc.StatusCode.INVALID_ARGUMENT,
                "batch_too_large",
                f"at most {MAX_BATCH} companies per call",
            )
        found = await self._reader.many(list({c.vat for c in request.companies}))
        return scoring_pb2.BatchGetRiskProfilesResponse(
            profiles=[profile_pb(c, found.get(c.vat), caller) for c in request.companies]
        )

    async def GetScoreHistory(
        self, request: scoring_pb2.GetScoreHistoryRequest, context: Context
    ) -> scoring_pb2.ScoreHistory:
        await require(context, "risk:read", tenant=False)
        period = PB_PERIOD.get(request.period, history.Period.MONTH)
        try:
            end = _date(request.to_date) if request.HasField("to_date") else self._reader.today()
            start = (
                _date(request.from_date)
                if request.HasField("from_date")
                else self._reader.default_history_start()
            )
        except ValueError:
            await abort(context, grpc.StatusCode.INVALID_ARGUMENT, "invalid_date", "invalid date")
        if start > end:
            await abort(
                context, grpc.StatusCode.INVALID_ARGUMENT, "invalid_range", "from is after to"
            )
        if history.count_periods(start, end, period) > history.MAX_POINTS:
            await abort(
                context,
                grpc.StatusCode.INVALID_ARGUMENT,
                "range_too_long",
                f"at most {history.MAX_POINTS} periods per call",
            )
        rows = await self._reader.history(request.company.vat, start, end)
        points = history.by_period(rows, start, end, period)
        return scoring_pb2.ScoreHistory(
            company=request.company,
            period=request.period or scoring_pb2.PERIOD_MONTH,
            points=[
                scoring_pb2.ScorePoint(
                    period_start=pb_date(p.start),
                    score=p.score,
                    level=PB_LEVEL[p.level] if p.level else scoring_pb2.RISK_LEVEL_UNSPECIFIED,
                    min_score=p.min_score,
                    max_score=p.max_score,
                    known=p.level is not None,
                )
                for p in points
            ],
        )

    async def ListHighestRisk(
        self, request: scoring_pb2.ListHighestRiskRequest, context: Context
    ) -> scoring_pb2.ListHighestRiskResponse:
        caller = await require(context, "risk:read", tenant=False)
        size = request.page_size or 50
        if not 0 < size <= MAX_PAGE:
            await abort(
                context,
                grpc.StatusCode.INVALID_ARGUMENT,
                "invalid_page_size",
                f"page_size must be 1 to {MAX_PAGE}",
            )
        try:
            after = _untoken(request.page_token)
        except ValueError:
            await abort(
                context, grpc.StatusCode.INVALID_ARGUMENT, "invalid_page_token", "bad page token"
            )
        found, next_after = await self._reader.highest(
            country=request.country.upper()[:2],
            sector=request.sector.upper()[:8],
            min_level=LEVEL_OF_PB.get(request.min_level),
            limit=size,
            after=after,
        )
        return scoring_pb2.ListHighestRiskResponse(
            profiles=[
                profile_pb(types_pb2.CompanyRef(country=p.country, vat=p.vat), p, caller)
                for p in found
            ],
            next_page_token=_token(next_after),
        )

    async def GetActionPlan(
        self, request: scoring_pb2.GetActionPlanRequest, context: Context
    ) -> scoring_pb2.ActionPlan:
        caller = await require(context, "invoices:read", tenant=True)
        country = request.creditor_country.upper()
        if country not in CREDITOR_COUNTRIES:
            await abort(
                context,
                grpc.StatusCode.INVALID_ARGUMENT,
                "invalid_country",
                f"creditor_country must be one of {', '.join(CREDITOR_COUNTRIES)}",
            )
        vat = request.company.vat
        assert caller.tenant_id is not None
        mine = await self._reader.open_invoices(caller.tenant_id, vat, limit=MAX_BATCH)
        found = (await self._reader.many([vat])).get(vat)
        if found is None:
            await abort(
                context, grpc.StatusCode.NOT_FOUND, "no_profile", "no payment experiences yet"
            )
        p = action_plan.plan(
            level=found.level,
            score=found.score,
            open_invoices=mine.get(vat, []),
            histogram=found.histogram,
            experiences=found.experiences,
            creditor_country=country,
            rates=self._rates,
            today=self._reader.today(),
        )
        msg = scoring_pb2.ActionPlan(
            company=types_pb2.CompanyRef(country=found.country, vat=vat),
            level=PB_LEVEL[p.level],
            score=p.score,
            ladder=[
                scoring_pb2.LadderStep(step=PB_STEP[s.step], day=s.day, action=s.action)
                for s in p.ladder
            ],
            invoices=[self._invoice_pb(i) for i in p.invoices],
            advice=list(p.advice),
            law=p.law,
            as_of=pb_date(p.as_of),
        )
        if p.reminder is not None:
            r = p.reminder
            msg.reminder.CopyFrom(
                scoring_pb2.GroupedReminder(
                    step=PB_STEP[r.step],
                    invoice_ids=list(r.invoice_ids),
                    outstanding=money(r.outstanding),
                    late_interest=money(r.late_interest),
                    compensation=money(r.compensation),
                    text=r.text,
                )
            )
        return msg

    @staticmethod
    def _invoice_pb(i: action_plan.InvoicePlan) -> scoring_pb2.InvoicePlan:
        msg = scoring_pb2.InvoicePlan(
            invoice_id=i.invoice_id,
            due_date=pb_date(i.due_date),
            outstanding=money(i.outstanding),
            days_overdue=i.days_overdue,
            step=PB_STEP[i.step],
            late_interest=money(i.late_interest),
            compensation=money(i.compensation),
            interest_rate=float(i.interest_rate) if i.interest_rate is not None else 0.0,
            expected_payment=pb_date(i.forecast.expected),
            expected_payment_late=pb_date(i.forecast.late),
        )
        if i.next_step is not None and i.next_step_date is not None:
            msg.next_step = PB_STEP[i.next_step]
            msg.next_step_date.CopyFrom(pb_date(i.next_step_date))
        return msg

    async def ListPredictedPayments(
        self, request: scoring_pb2.ListPredictedPaymentsRequest, context: Context
    ) -> scoring_pb2.ListPredictedPaymentsResponse:
        caller = await require(context, "invoices:read", tenant=True)
        assert caller.tenant_id is not None
        size = request.page_size or 100
        if not 0 < size <= MAX_PREDICTIONS_PAGE:
            await abort(
                context,
                grpc.StatusCode.INVALID_ARGUMENT,
                "invalid_page_size",
                f"page_size must be 1 to {MAX_PREDICTIONS_PAGE}",
            )
        vat = request.company.vat or None
        mine = await self._reader.open_invoices(
            caller.tenant_id, vat, limit=size, after="" if vat else request.page_token
        )
        found = await self._reader.many(sorted(mine))
        today = self._reader.today()
        out = []
        last = ""
        for debtor, invoices in mine.items():
            p = found.get(debtor)
            for e in invoices:
                last = max(last, e.invoice_id)
                hist = p.histogram if p else NO_HISTORY
                f = prediction.forecast(
                    hist, p.experiences if p else 0.0, e.due_date, e.issue_date, today
                )
                out.append(
                    scoring_pb2.PredictedPayment(
                        invoice_id=e.invoice_id,
                        debtor=types_pb2.CompanyRef(
                            country=p.country if p else debtor[:2], vat=debtor
                        ),
                        due_date=pb_date(e.due_date),
                        outstanding=money(e.outstanding),
                        expected=pb_date(f.expected),
                        early=pb_date(f.early),
                        late=pb_date(f.late),
                        experiences=f.experiences,
                    )
                )
        out.sort(key=lambda m: m.invoice_id)
        full = sum(len(v) for v in mine.values()) >= size
        return scoring_pb2.ListPredictedPaymentsResponse(
            payments=out, next_page_token=last if full and not vat else ""
        )

    async def GetCreditLimit(
        self, request: scoring_pb2.GetCreditLimitRequest, context: Context
    ) -> scoring_pb2.CreditLimit:
        await require(context, "risk:read", tenant=False)
        found = (await self._reader.many([request.company.vat])).get(request.company.vat)
        if found is None:
            await abort(
                context, grpc.StatusCode.NOT_FOUND, "no_profile", "no payment experiences yet"
            )
        return credit_pb(found)
