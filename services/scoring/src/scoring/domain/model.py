"""Payment experiences and the risk profile computed from them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

ZERO = Decimal("0.00")


class RiskLevel(Enum):
    LOW = "low"  # 0-30
    MEDIUM = "medium"  # 31-50
    HIGH = "high"  # 51-70
    CRITICAL = "critical"  # 71-100

    @classmethod
    def of(cls, score: int) -> RiskLevel:
        if score <= 30:
            return cls.LOW
        if score <= 50:
            return cls.MEDIUM
        if score <= 70:
            return cls.HIGH
        return cls.CRITICAL


@dataclass(frozen=True, slots=True)
class Experience:
    """One member's invoice to the debtor, and when (if) it was paid."""

    invoice_id: str
    supplier: str  # pseudonymous member id; never leaves this service
    issue_date: date
    due_date: date
    amount: Decimal
    paid_date: date | None

    def days_late(self, today: date) -> int:
        end = self.paid_date or today
        return max(0, (end - self.due_date).days)

    @property
    def days_to_pay(self) -> int | None:
        return None if self.paid_date is None else (self.paid_date - self.issue_date).days


@dataclass(frozen=True, slots=True)
class RiskProfile:
    vat: str
    country: str
    sector: str
    score: int
    level: RiskLevel
    invoice_count: int
    paid_count: int
    supplier_count: int
    avg_days_to_pay: float
    avg_days_late: float
    open_amount: Decimal
    overdue_amount: Decimal
    updated_at: datetime


# Placeholder until the scoring model lands: the amount-weighted days beyond
# terms (open overdue invoices count with their days overdue so far), mapped
# onto 0-100 so 15 days late is ~39 (medium), 30 days ~63 (high), 60+ critical.
SCALE_DAYS = 30.0


def score_from_days_late(weighted_days_late: float) -> int:
    return round(100 * (1 - math.exp(-weighted_days_late / SCALE_DAYS)))


def compute_profile(
    vat: str, country: str, sector: str, experiences: list[Experience], now: datetime
) -> RiskProfile:
    today = now.date()
    weight = sum((e.amount for e in experiences), ZERO)
    late = [
        (e.days_late(today), e.amount) for e in experiences if e.paid_date or e.due_date < today
    ]
    late_weight = sum((a for _, a in late), ZERO)
    weighted = (
        float(sum((Decimal(d) * a for d, a in late), ZERO) / late_weight) if late_weight else 0.0
    )
    paid = [e for e in experiences if e.paid_date is not None]
    open_ = [e for e in experiences if e.paid_date is None]
    score = score_from_days_late(weighted) if weight else 0
    return RiskProfile(
        vat=vat,
        country=country,
        sector=sector,
        score=score,
        level=RiskLevel.of(score),
        invoice_count=len(experiences),
        paid_count=len(paid),
        supplier_count=len({e.supplier for e in experiences}),
        avg_days_to_pay=_mean([e.days_to_pay for e in paid if e.days_to_pay is not None]),
        avg_days_late=_mean([e.days_late(today) for e in paid]),
        open_amount=sum((e.amount for e in open_), ZERO),
        overdue_amount=sum((e.amount for e in open_ if e.due_date < today), ZERO),
        updated_at=now,
    )


def _mean(values: list[int]) -> float:
    return round(sum(values) / len(values), 1) if values else 0.0


@dataclass(frozen=True, slots=True)
class ProfileChange:
    previous: RiskProfile | None
    current: RiskProfile

    @property
    def moved(self) -> bool:
        """Partners hear of a profile only when its score or level changed."""
        p = self.previous
        return p is None or (p.score, p.level) != (self.current.score, self.current.level)
