"""When an open invoice will be paid: the debtor's own distribution of days beyond terms,
shrunk towards its country's when its history is thin, given that it is unpaid so far."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from scoring.domain.evidence import DAY_EDGES, N_BUCKETS

# Pseudo-observations of the country distribution added to the debtor's own.
PRIOR_OBSERVATIONS = 2.0

# Shares per bucket (DAY_EDGES) before the register has its own: 68% paid by the due
# date (Graydon, domain.md §2.1), spread over paying early; 32% late with a long tail
# (about 2% beyond 90 days) [inference for the shape].
DEFAULT_DISTRIBUTION: tuple[float, ...] = (
    *(0.02, 0.08, 0.12, 0.12, 0.14, 0.20),  # -90 .. 0: early or on the day
    *(0.035, 0.04, 0.04, 0.04, 0.04, 0.04),  # 1 .. 30 days late
    *(0.035, 0.02, 0.015, 0.015),  # 31 .. 120 days late and more
)


@dataclass(frozen=True, slots=True)
class Forecast:
    expected: date  # median
    early: date  # 20th percentile
    late: date  # 80th percentile
    experiences: float  # the debtor's own (effective) experiences behind it


def posterior(own: Sequence[float], prior: Sequence[float]) -> list[float]:
    """The debtor's histogram (effective counts as of today) plus the prior's shares
    weighted as PRIOR_OBSERVATIONS observations."""
    total = sum(prior) or 1.0
    return [o + PRIOR_OBSERVATIONS * p / total for o, p in zip(own, prior, strict=True)]


def _quantile(hist: Sequence[float], q: float, floor: int) -> float:
    """The q-quantile of days beyond terms given at least ``floor`` days; uniform within
    a bucket."""
    masses = []
    for i in range(N_BUCKETS):
        lo, hi = DAY_EDGES[i], DAY_EDGES[i + 1]
        if hi <= floor:
            masses.append((lo, hi, 0.0))
            continue
        part = (hi - max(lo, floor)) / (hi - lo)
        masses.append((max(lo, floor), hi, hist[i] * part))
    total = sum(m for _, _, m in masses)
    if total <= 0:
        return float(max(floor, 0))
    target = q * total
    run = 0.0
    for lo, hi, m in masses:
        if m <= 0:
            continue
        if run + m >= target:
            return lo + (target - run) / m * (hi - lo)
        run += m
    return float(masses[-1][1])


def forecast(
    hist: Sequence[float], experiences: float, due: date, issue: date, today: date
) -> Forecast:
    """Pay dates of an invoice still open today (``hist`` is already the posterior)."""
    # Unpaid so far: it will be paid today at the earliest.
    floor = max((today - due).days, DAY_EDGES[0])

    def day(q: float) -> date:
        days = round(_quantile(hist, q, floor))
        return max(due + timedelta(days=days), today, issue)

    return Forecast(expected=day(0.5), early=day(0.2), late=day(0.8), experiences=experiences)


def quantile_days(hist: Sequence[float], q: float) -> float:
    """Unconditional quantile of days beyond terms (for the dunning ladder)."""
    return _quantile(hist, q, DAY_EDGES[0])
