"""A member's dashboard: its receivables, its debtors' risk, and where it stands."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum

import strawberry

from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.graphql.types.benchmark import (
    BenchmarkMeasure,
    MeasureDistribution,
    SectorBenchmark,
)
from gateway.entrypoints.graphql.types.company import Company
from gateway.entrypoints.graphql.types.money import Money
from gateway.entrypoints.graphql.types.risk import LEVELS, RiskLevel
from gateway.entrypoints.graphql.types.scalars import to_date
from kmo.benchmark.v1 import benchmark_pb2
from kmo.ingest.v1 import ingest_pb2
from kmo.scoring.v1 import scoring_pb2

Info = strawberry.Info[Context, None]
DSO_METHOD = "standard: outstanding receivables / amount invoiced in the last 90 days x 90 days"
RISKY = (scoring_pb2.RISK_LEVEL_HIGH, scoring_pb2.RISK_LEVEL_CRITICAL)


@strawberry.type(description="Open invoices by days past their due date.")
class AgeingBucket:
    label: str = strawberry.field(description='"not due", "1-30", ..., "over 120"')
    from_days: int | None = strawberry.field(description="first day past due; null: not due")
    to_days: int | None = strawberry.field(description="last day past due; null: open-ended")
    count: int
    amount: Money


@strawberry.type(description="Days sales outstanding.")
class Dso:
    days: float
    method: str
    invoiced_90_days: Money


@strawberry.type(description="One debtor's share of your receivables.")
class DebtorExposure:
    company: Company
    name: str = strawberry.field(description="as on your invoices")
    open_invoices: int
    outstanding: Money
    overdue: Money
    oldest_overdue_days: int

    @classmethod
    def from_proto(cls, msg: ingest_pb2.DebtorExposure) -> DebtorExposure:
        return cls(
            company=Company.from_proto(msg.company),
            name=msg.name,
            open_invoices=msg.open_invoices,
            outstanding=Money.from_proto(msg.outstanding),
            overdue=Money.from_proto(msg.overdue),
            oldest_overdue_days=msg.oldest_overdue_days,
        )


@strawberry.type(description="A debtor of yours at high or critical risk.")
class RiskyDebtor:
    exposure: DebtorExposure
    score: int
    level: RiskLevel


@strawberry.enum
class ActivityKind(Enum):
    RECORDED = "recorded"
    PAID = "paid"


_KINDS = {
    ingest_pb2.ACTIVITY_KIND_RECORDED: ActivityKind.RECORDED,
    ingest_pb2.ACTIVITY_KIND_PAID: ActivityKind.PAID,
}


@strawberry.type(description="Something that happened to one of your invoices.")
class Activity:
    kind: ActivityKind
    invoice_id: strawberry.ID
    invoice_number: str
    debtor: Company
    debtor_name: str
    amount: Money = strawberry.field(description="the invoice's amount, or the payment's")
    at: datetime


@strawberry.type(description="How your customers paid the invoices settled in the last year.")
class PaymentBehaviour:
    paid_invoices: int
    avg_days_to_pay: float = strawberry.field(description="issue date to settlement")
    avg_days_late: float = strawberry.field(description="beyond the due date, 0 when on time")
    late_share: float = strawberry.field(description="settled after the due date, 0 to 1")


@strawberry.type(description="Your customers' days to pay beside the median of your sector.")
class SectorComparison:
    your_days_to_pay: float | None
    sector_median_days_to_pay: float | None
    distribution: MeasureDistribution | None = strawberry.field(
        description="days to pay in the group compared with (wider when yours is too small)"
    )
    sentence: str


@strawberry.type(description="Your receivables on a day, and how your debtors are doing.")
class Dashboard:
    as_of: date
    open_invoices: int
    outstanding: Money
    overdue_invoices: int = strawberry.field(description="past due and not disputed")
    overdue: Money
    disputed_invoices: int
    debtor_count: int = strawberry.field(description="debtors with open invoices")
    ageing: list[AgeingBucket]
    dso: Dso | None = strawberry.field(description="null when nothing was invoiced in 90 days")
    debtors: list[DebtorExposure] = strawberry.field(description="largest outstanding first")
    recent_activity: list[Activity] = strawberry.field(description="newest first")
    payment_behaviour: PaymentBehaviour
    _exposures: strawberry.Private[list[ingest_pb2.DebtorExposure]]
    _member_vat: strawberry.Private[str | None]

    @classmethod
    def from_proto(
        cls, msg: ingest_pb2.MemberSummary, debtors: int, member_vat: str | None
    ) -> Dashboard:
        return cls(
            as_of=to_date(msg.as_of),
            open_invoices=msg.open_invoices,
            outstanding=Money.from_proto(msg.outstanding),
            overdue_invoices=msg.overdue_invoices,
            overdue=Money.from_proto(msg.overdue),
            disputed_invoices=msg.disputed_invoices,
            debtor_count=msg.debtor_count,
            ageing=[
                AgeingBucket(
                    label=b.label,
                    from_days=b.min_days if b.min_days > 0 else None,
                    to_days=b.max_days or None,
                    count=b.count,
                    amount=Money.from_proto(b.amount),
                )
                for b in msg.ageing
            ],
            dso=(
                Dso(
                    days=msg.dso_days,
                    method=DSO_METHOD,
                    invoiced_90_days=Money.from_proto(msg.invoiced_90_days),
                )
                if msg.has_dso
                else None
            ),
            debtors=[DebtorExposure.from_proto(d) for d in msg.debtors[:debtors]],
            recent_activity=[
                Activity(
                    kind=_KINDS.get(a.kind, ActivityKind.RECORDED),
                    invoice_id=strawberry.ID(a.invoice_id),
                    invoice_number=a.invoice_number,
                    debtor=Company.from_proto(a.debtor),
                    debtor_name=a.debtor_name,
                    amount=Money.from_proto(a.amount),
                    at=a.at.ToDatetime(tzinfo=UTC),
                )
                for a in msg.activity
            ],
            payment_behaviour=PaymentBehaviour(
                paid_invoices=msg.paid_invoices,
                avg_days_to_pay=msg.avg_days_to_pay,
                avg_days_late=msg.avg_days_late,
                late_share=msg.late_share,
            ),
            _exposures=list(msg.debtors),
            _member_vat=member_vat,
        )

    @strawberry.field(
        description="Of your 100 largest debtors, those at high or critical risk, highest "
        "score first (one scoring call for all of them)."
    )
    async def risky_debtors(self, info: Info) -> list[RiskyDebtor]:
        ctx = info.context
        ctx.require("risk:read")
        profiles = await ctx.risk_loader.load_many([d.company.vat for d in self._exposures])
        risky = [
            RiskyDebtor(exposure=DebtorExposure.from_proto(d), score=p.score, level=LEVELS[p.level])
            for d, p in zip(self._exposures, profiles, strict=True)
            if p.found and p.level in RISKY
        ]
        return sorted(risky, key=lambda r: -r.score)

    @strawberry.field(
        description="You in the register: your own score and where you stand in your sector "
        "as a payer of your suppliers; null when your VAT number is not known to the gateway."
    )
    def me(self) -> Company | None:
        vat = self._member_vat
        return Company(vat=vat, country=vat[:2]) if vat else None

    @strawberry.field(
        description="Your customers' average days to pay beside the median days to pay in "
        "your NACE division in your country (the wider group when yours is too small)."
    )
    async def sector_comparison(self, info: Info) -> SectorComparison:
        ctx = info.context
        ctx.require("risk:read")
        yours = (
            self.payment_behaviour.avg_days_to_pay if self.payment_behaviour.paid_invoices else None
        )
        vat = self._member_vat
        if not vat:
            return SectorComparison(
                your_days_to_pay=yours,
                sector_median_days_to_pay=None,
                distribution=None,
                sentence="Your VAT number is not known, so your sector is not either.",
            )
        record = await ctx.company_loader.load(vat)
        division = record.sector[1:3] if record.found and len(record.sector) >= 3 else ""
        found = await ctx.call(
            ctx.backends.benchmark.GetSectorBenchmark,
            benchmark_pb2.GetSectorBenchmarkRequest(country=vat[:2], sector=division),
        )
        bench = SectorBenchmark.from_proto(found)
        days = next((m for m in bench.measures if m.measure is BenchmarkMeasure.DAYS_TO_PAY), None)
        median = days.median if days is not None else None
        group = days.group.name if days is not None and days.group is not None else "your sector"
        if yours is None or median is None:
            sentence = f"Not enough settled invoices yet to compare with {group}."
        elif yours <= median:
            sentence = (
                f"Your customers pay in {yours:.0f} days on average; companies in {group} "
                f"pay in a median {median:.0f} days."
            )
        else:
            sentence = (
                f"Your customers take {yours:.0f} days on average, longer than the median "
                f"{median:.0f} days of companies in {group}."
            )
        return SectorComparison(
            your_days_to_pay=yours,
            sector_median_days_to_pay=median,
            distribution=days,
            sentence=sentence,
        )
