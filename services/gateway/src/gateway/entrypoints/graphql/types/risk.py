from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum

import strawberry

from gateway.entrypoints.graphql.types.money import Money
from gateway.entrypoints.graphql.types.scalars import to_date
from kmo.scoring.v1 import scoring_pb2


@strawberry.enum(description="low 0-30, medium 31-50, high 51-70, critical 71-100")
class RiskLevel(Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


@strawberry.enum(description="How payment behaviour moves (lateness regressed on time).")
class Trend(Enum):
    UNKNOWN = "unknown"
    IMPROVING = "improving"
    STABLE = "stable"
    DETERIORATING = "deteriorating"


@strawberry.enum(description="How much the register knows: insufficient below 3 experiences.")
class Confidence(Enum):
    INSUFFICIENT = "insufficient"
    LIMITED = "limited"
    GOOD = "good"


@strawberry.enum(
    description=(
        "How a count or amount is shown to you: EXACT (your own, or from at least 3 other "
        "members), BANDED (only its band), WITHHELD (fewer than 3 other members)."
    )
)
class Disclosure(Enum):
    EXACT = "exact"
    BANDED = "banded"
    WITHHELD = "withheld"


LEVELS = {
    scoring_pb2.RISK_LEVEL_LOW: RiskLevel.LOW,
    scoring_pb2.RISK_LEVEL_MEDIUM: RiskLevel.MEDIUM,
    scoring_pb2.RISK_LEVEL_HIGH: RiskLevel.HIGH,
    scoring_pb2.RISK_LEVEL_CRITICAL: RiskLevel.CRITICAL,
}
_TRENDS = {
    scoring_pb2.TREND_IMPROVING: Trend.IMPROVING,
    scoring_pb2.TREND_STABLE: Trend.STABLE,
    scoring_pb2.TREND_DETERIORATING: Trend.DETERIORATING,
}
_CONFIDENCE = {
    scoring_pb2.CONFIDENCE_LIMITED: Confidence.LIMITED,
    scoring_pb2.CONFIDENCE_GOOD: Confidence.GOOD,
}
_DISCLOSURE = {
    scoring_pb2.DISCLOSURE_EXACT: Disclosure.EXACT,
    scoring_pb2.DISCLOSURE_BANDED: Disclosure.BANDED,
}


@strawberry.type(description="One reason behind the score; the points of all factors add up to it.")
class RiskFactor:
    reason: str = strawberry.field(description="stable code, e.g. PAYMENT_TIMING, OLDEST_OVERDUE")
    points: int
    value: float = strawberry.field(description="the measured input, in the sentence's unit")
    sentence: str


@strawberry.type(description="A count shown as a range: upper is null when open-ended.")
class CountBand:
    lower: int
    upper: int | None


@strawberry.type(description="An amount shown as a range [lower, upper); upper null: open-ended.")
class AmountBand:
    lower: Money
    upper: Money | None

    @classmethod
    def from_proto(cls, msg: scoring_pb2.AmountBand) -> AmountBand:
        return cls(
            lower=Money.from_proto(msg.lower),
            upper=Money.from_proto(msg.upper) if msg.HasField("upper") else None,
        )


@strawberry.type(description="Credit-limit advice in euros; none for critical risk.")
class CreditLimit:
    advised: bool
    amount: Money | None
    sentence: str

    @classmethod
    def from_proto(cls, msg: scoring_pb2.CreditLimit) -> CreditLimit:
        return cls(
            advised=msg.advised,
            amount=Money.from_proto(msg.amount) if msg.HasField("amount") else None,
            sentence=msg.sentence,
        )


def trend_of(msg: scoring_pb2.RiskProfile) -> Trend:
    return _TRENDS.get(msg.trend, Trend.UNKNOWN)


@strawberry.type(description="A debtor's payment risk from all members' experiences, as of today.")
class RiskProfile:
    """The scalars are copied from scoring's message; the fields that build objects
    (factors, amounts, dates, the credit limit) read it when asked, so a list of 1,000
    profiles that wants their scores builds nothing else."""

    score: int = strawberry.field(description="0 (no risk) to 100 (worst)")
    level: RiskLevel
    trend: Trend
    trend_sentence: str
    confidence: Confidence
    model_version: str
    invoice_count: int | None = strawberry.field(description="null unless countDisclosure EXACT")
    paid_count: int | None
    count_disclosure: Disclosure
    supplier_count: int
    avg_days_to_pay: float
    avg_days_late: float
    days_beyond_terms: float = strawberry.field(
        description="amount- and recency-weighted days beyond terms (the score's main input)"
    )
    late_share: float = strawberry.field(description="share of invoices paid late, 0 to 1")
    oldest_overdue_days: int
    experiences: float = strawberry.field(description="effective payment experiences behind it")
    amount_disclosure: Disclosure
    _msg: strawberry.Private[scoring_pb2.RiskProfile]

    @strawberry.field(description="largest first")
    def factors(self) -> list[RiskFactor]:
        return [
            RiskFactor(reason=f.reason, points=f.points, value=f.value, sentence=f.sentence)
            for f in self._msg.factors
        ]

    @strawberry.field
    def as_of(self) -> date:
        return to_date(self._msg.as_of)

    @strawberry.field
    def invoice_count_band(self) -> CountBand:
        band = self._msg.invoice_count_band
        return CountBand(lower=band.lower, upper=band.upper or None)

    @strawberry.field(description="null unless amountDisclosure EXACT")
    def open_amount(self) -> Money | None:
        msg = self._msg
        return Money.from_proto(msg.open_amount) if msg.HasField("open_amount") else None

    @strawberry.field
    def overdue_amount(self) -> Money | None:
        msg = self._msg
        return Money.from_proto(msg.overdue_amount) if msg.HasField("overdue_amount") else None

    @strawberry.field
    def open_amount_band(self) -> AmountBand | None:
        msg = self._msg
        if not msg.HasField("open_amount_band"):
            return None
        return AmountBand.from_proto(msg.open_amount_band)

    @strawberry.field
    def overdue_amount_band(self) -> AmountBand | None:
        msg = self._msg
        if not msg.HasField("overdue_amount_band"):
            return None
        return AmountBand.from_proto(msg.overdue_amount_band)

    @strawberry.field
    def credit_limit(self) -> CreditLimit:
        return CreditLimit.from_proto(self._msg.credit_limit)

    @strawberry.field
    def updated_at(self) -> datetime:
        return self._msg.updated_at.ToDatetime(tzinfo=UTC)

    @classmethod
    def from_proto(cls, msg: scoring_pb2.RiskProfile) -> RiskProfile:
        counts = _DISCLOSURE.get(msg.count_disclosure, Disclosure.WITHHELD)
        exact = counts is Disclosure.EXACT
        return cls(
            score=msg.score,
            level=LEVELS[msg.level],
            trend=trend_of(msg),
            trend_sentence=msg.trend_sentence,
            confidence=_CONFIDENCE.get(msg.confidence, Confidence.INSUFFICIENT),
            model_version=msg.model_version,
            invoice_count=msg.invoice_count if exact else None,
            paid_count=msg.paid_count if exact else None,
            count_disclosure=counts,
            supplier_count=msg.supplier_count,
            avg_days_to_pay=msg.avg_days_to_pay,
            avg_days_late=msg.avg_days_late,
            days_beyond_terms=msg.days_beyond_terms,
            late_share=msg.late_share,
            oldest_overdue_days=msg.oldest_overdue_days,
            experiences=msg.experiences,
            amount_disclosure=_DISCLOSURE.get(msg.amount_disclosure, Disclosure.WITHHELD),
            _msg=msg,
        )


@strawberry.type(description="The score at the end of one period, with its range in the period.")
class ScorePoint:
    period_start: date
    score: int | None = strawberry.field(description="null before the debtor's first profile")
    level: RiskLevel | None
    min_score: int | None
    max_score: int | None

    @classmethod
    def from_proto(cls, msg: scoring_pb2.ScorePoint) -> ScorePoint:
        known = msg.known
        return cls(
            period_start=to_date(msg.period_start),
            score=msg.score if known else None,
            level=LEVELS[msg.level] if known else None,
            min_score=msg.min_score if known else None,
            max_score=msg.max_score if known else None,
        )


@strawberry.enum(description="The dunning ladder, in order.")
class DunningStep(Enum):
    NONE = "none"
    REMINDER = "reminder"
    FORMAL_NOTICE = "formal_notice"
    PHONE_CALL = "phone_call"
    LAST_NOTICE = "last_notice"
    COLLECTION = "collection"


_STEPS = {
    scoring_pb2.DUNNING_STEP_REMINDER: DunningStep.REMINDER,
    scoring_pb2.DUNNING_STEP_FORMAL_NOTICE: DunningStep.FORMAL_NOTICE,
    scoring_pb2.DUNNING_STEP_PHONE_CALL: DunningStep.PHONE_CALL,
    scoring_pb2.DUNNING_STEP_LAST_NOTICE: DunningStep.LAST_NOTICE,
    scoring_pb2.DUNNING_STEP_COLLECTION: DunningStep.COLLECTION,
}


def _step(value: int) -> DunningStep:
    return _STEPS.get(scoring_pb2.DunningStep.ValueType(value), DunningStep.NONE)


@strawberry.type(description="One step of the ladder: days after the due date (negative: before).")
class LadderStep:
    step: DunningStep
    day: int
    action: str


@strawberry.type(description="One of your open invoices to the debtor, with its entitlement.")
class InvoicePlan:
    invoice_id: strawberry.ID
    due_date: date
    outstanding: Money
    days_overdue: int
    step: DunningStep
    next_step: DunningStep | None
    next_step_date: date | None
    late_interest: Money = strawberry.field(description="statutory interest so far (entitlement)")
    compensation: Money = strawberry.field(description="fixed compensation (EUR 40), entitlement")
    interest_rate: float = strawberry.field(description="percent a year in force today")
    expected_payment: date
    expected_payment_late: date = strawberry.field(description="80th percentile")


@strawberry.type(description="All overdue invoices in one letter, at the highest step reached.")
class GroupedReminder:
    step: DunningStep
    invoice_ids: list[strawberry.ID]
    outstanding: Money
    late_interest: Money
    compensation: Money
    text: str


@strawberry.type(description="What to do about your open invoices to this debtor.")
class ActionPlan:
    level: RiskLevel
    score: int
    ladder: list[LadderStep]
    invoices: list[InvoicePlan]
    reminder: GroupedReminder | None
    advice: list[str]
    law: str
    as_of: date

    @classmethod
    def from_proto(cls, msg: scoring_pb2.ActionPlan) -> ActionPlan:
        r = msg.reminder
        return cls(
            level=LEVELS[msg.level],
            score=msg.score,
            ladder=[LadderStep(step=_step(s.step), day=s.day, action=s.action) for s in msg.ladder],
            invoices=[
                InvoicePlan(
                    invoice_id=strawberry.ID(i.invoice_id),
                    due_date=to_date(i.due_date),
                    outstanding=Money.from_proto(i.outstanding),
                    days_overdue=i.days_overdue,
                    step=_step(i.step),
                    next_step=_step(i.next_step) if i.next_step else None,
                    next_step_date=to_date(i.next_step_date)
                    if i.HasField("next_step_date")
                    else None,
                    late_interest=Money.from_proto(i.late_interest),
                    compensation=Money.from_proto(i.compensation),
                    interest_rate=i.interest_rate,
                    expected_payment=to_date(i.expected_payment),
                    expected_payment_late=to_date(i.expected_payment_late),
                )
                for i in msg.invoices
            ],
            reminder=(
                GroupedReminder(
                    step=_step(r.step),
                    invoice_ids=[strawberry.ID(x) for x in r.invoice_ids],
                    outstanding=Money.from_proto(r.outstanding),
                    late_interest=Money.from_proto(r.late_interest),
                    compensation=Money.from_proto(r.compensation),
                    text=r.text,
                )
                if msg.HasField("reminder")
                else None
            ),
            advice=list(msg.advice),
            law=msg.law,
            as_of=to_date(msg.as_of),
        )
