from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum

import strawberry

from gateway.entrypoints.graphql.types.money import Money
from kmo.scoring.v1 import scoring_pb2


@strawberry.enum(description="low 0-30, medium 31-50, high 51-70, critical 71-100")
class RiskLevel(Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


_LEVELS = {
    scoring_pb2.RISK_LEVEL_LOW: RiskLevel.LOW,
    scoring_pb2.RISK_LEVEL_MEDIUM: RiskLevel.MEDIUM,
    scoring_pb2.RISK_LEVEL_HIGH: RiskLevel.HIGH,
    scoring_pb2.RISK_LEVEL_CRITICAL: RiskLevel.CRITICAL,
}


@strawberry.type(description="A debtor's payment risk from all members' experiences.")
class RiskProfile:
    score: int = strawberry.field(description="0 (no risk) to 100 (worst)")
    level: RiskLevel
    invoice_count: int
    paid_count: int
    supplier_count: int
    avg_days_to_pay: float
    avg_days_late: float
    open_amount: Money
    overdue_amount: Money
    updated_at: datetime

    @classmethod
    def from_proto(cls, msg: scoring_pb2.RiskProfile) -> RiskProfile:
        return cls(
            score=msg.score,
            level=_LEVELS[msg.level],
            invoice_count=msg.invoice_count,
            paid_count=msg.paid_count,
            supplier_count=msg.supplier_count,
            avg_days_to_pay=msg.avg_days_to_pay,
            avg_days_late=msg.avg_days_late,
            open_amount=Money.from_proto(msg.open_amount),
            overdue_amount=Money.from_proto(msg.overdue_amount),
            updated_at=msg.updated_at.ToDatetime(tzinfo=UTC),
        )
