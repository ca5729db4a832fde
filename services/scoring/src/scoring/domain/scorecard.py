"""The risk score: a points scorecard in the PAYDEX tradition, explained factor by factor.

Every factor is a non-decreasing function of how late the debtor pays, so
paying later never lowers the score. The points of the factors add up to the
score. See ``services/scoring/README.md`` for the table of weights.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from scoring.domain import legal
from scoring.domain.evidence import (
    HALF_LIFE_DAYS,
    HIST,
    MAX_DAYS_LATE,
    SHORT_HALF_LIFE_DAYS,
    TREND_HALF_LIFE_DAYS,
    MemberEvidence,
    amount_weight,
    decay,
    decay_ordinal,
    fold_values,
    to_today,
    years_since_epoch,
)

MODEL_VERSION = "scorecard-2026.12"


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


class Trend(Enum):
    IMPROVING = "improving"
    STABLE = "stable"
    DETERIORATING = "deteriorating"
    UNKNOWN = "unknown"  # too little recent data to tell


class Confidence(Enum):
    INSUFFICIENT = (
        "insufficient"  # fewer than MIN_EXPERIENCES outcomes: the score leans on the prior
    )
    LIMITED = "limited"  # a few experiences, or a single member
    GOOD = "good"


@dataclass(frozen=True, slots=True)
class Curve:
    """A non-decreasing piecewise-linear map from a feature to points."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]

    def __call__(self, x: float) -> float:
        xs, ys = self.xs, self.ys
        if x <= xs[0]:
            return ys[0]
        for i in range(1, len(xs)):
            if x <= xs[i]:
                t = (x - xs[i - 1]) / (xs[i] - xs[i - 1])
                return ys[i - 1] + t * (ys[i] - ys[i - 1])
        return ys[-1]

    @property
    def max(self) -> float:
        return self.ys[-1]


@dataclass(frozen=True, slots=True)
class Prior:
    """What a debtor of a country looks like before anything is known of it; thin
    histories are pulled towards it (empirical Bayes, ``Params.prior_invoices``)."""

    dbt: float  # days beyond terms, late part only (on-time invoices count 0)
    late_share: float
    share_30: float
    share_60: float


# Published figures (domain.md §2): invoices paid by the due date BE 68% (Graydon),
# NL 76% (Altares 2023), LU ~70% [inference]; mean days beyond terms BE 9.6 (Altares Q1
# 2024), NL 5 (D&B), LU 9 [inference]. Shares beyond 30 / 60 days [inference: the
# Benelux register's own figures replace them once a country has enough debtors].
DEFAULT_PRIORS: dict[str, Prior] = {
    "BE": Prior(dbt=9.6, late_share=0.32, share_30=0.09, share_60=0.035),
    "NL": Prior(dbt=5.0, late_share=0.24, share_30=0.05, share_60=0.02),
    "LU": Prior(dbt=9.0, late_share=0.30, share_30=0.09, share_60=0.035),
}
FALLBACK_PRIOR = DEFAULT_PRIORS["BE"]


@dataclass(frozen=True, slots=True)
class Params:
    # Weights fitted on generated data (seeds 101 and 102 only, by coordinate ascent on
    # the AUCs of make bench-scoring) and rounded; see the README for the table.
    # Base points of a debtor that pays exactly on the due date.
    base: float = 12.0
    # Days beyond terms (amount- and recency-weighted, one-year half-life), on the
    # PAYDEX key: prompt 0, 15 days = PAYDEX 70, 30 = 50, 60 = 40, 90 = 30, 120 = 20.
    timing: Curve = Curve((0, 15, 22, 30, 60, 90, 120), (0, 10, 20, 30, 40, 50, 60))
    # The same over the last months (90-day half-life), so a debtor that starts paying
    # late is seen before its yearly average moves.
    recent: Curve = Curve((0, 15, 30, 60, 120), (0, 6, 12, 18, 24))
    late_share: Curve = Curve((0, 0.25, 0.5, 1.0), (0, 0.5, 1, 2))
    share_30: Curve = Curve((0, 0.1, 0.3, 0.6), (0, 0.5, 1.25, 2))
    share_60: Curve = Curve((0, 0.1, 0.3, 0.6), (0, 0.5, 1.25, 2))
    # Open, overdue amount relative to the (recency-weighted) volume invoiced.
    exposure: Curve = Curve((0, 0.05, 0.2, 0.5), (0, 2, 7, 11))
    # Days the oldest unpaid invoice is overdue.
    oldest: Curve = Curve((0, 30, 60, 90, 120), (0, 0, 6, 12, 18))
    # Paying before the due date earns points back (PAYDEX 90-100): average days early.
    early: Curve = Curve((0, 5, 10, 20), (0, -2, -4, -6))
    # Thin histories lean on the country prior as if it were this many typical invoices.
    prior_invoices: float = 1.0
    # A member weighs in fully once it reported this many invoices to the debtor.
    member_full_evidence: int = 5
    # With two or more others, no member weighs more than all of them together.
    member_cap: float = 1.0
    # A member's weight per invoice counts at most this multiple of the others'.
    member_amount_cap: float = 1.0
    min_experiences: int = 3  # fewer outcomes: INSUFFICIENT (PAYDEX needs three)
    good_experiences: int = 10


DEFAULT = Params()
# Amount weight of a typical invoice (about 2,000 EUR): the unit of the prior's weight.
TYPICAL_WEIGHT = 3.0


class Reason(Enum):
    """Stable reason codes; frontends key their texts on these."""

    PAYMENT_TIMING = "PAYMENT_TIMING"
    RECENT_DELAYS = "RECENT_DELAYS"
    LATE_SHARE = "LATE_SHARE"
    LATE_OVER_30_DAYS = "LATE_OVER_30_DAYS"
    LATE_OVER_60_DAYS = "LATE_OVER_60_DAYS"
    OVERDUE_EXPOSURE = "OVERDUE_EXPOSURE"
    OLDEST_OVERDUE = "OLDEST_OVERDUE"
    EARLY_PAYMENT = "EARLY_PAYMENT"
    # The company registry shows bankruptcy, judicial reorganisation or liquidation.
    LEGAL_SITUATION = "LEGAL_SITUATION"


@dataclass(frozen=True, slots=True)
class Factor:
    reason: Reason
    points: int
    value: float  # the measured input, in the unit the sentence uses
    sentence: str


@dataclass(frozen=True, slots=True)
class Features:
    """The inputs of the scorecard, combined over members and pulled towards the prior."""

    dbt: float = 0.0  # days beyond terms, weighted, late part only
    recent_dbt: float = 0.0
    late_share: float = 0.0
    share_30: float = 0.0
    share_60: float = 0.0
    early_days: float = 0.0  # average days paid before the due date (all invoices)
    exposure: float = 0.0
    oldest_overdue: float = 0.0
    evidence: float = 0.0  # effective experiences with an outcome, as of today
    trend_slope: float = 0.0  # change of lateness (months late, capped at 3) per year
    trend_se: float = math.inf
    trend_n: float = 0.0  # effective observations behind the trend
    has_outcome: bool = False


@dataclass(frozen=True, slots=True)
class Assessment:
    score: int
    level: RiskLevel
    factors: tuple[Factor, ...]
    features: Features
    trend: Trend
    confidence: Confidence
    model_version: str = MODEL_VERSION
    members: tuple[MemberState, ...] = ()  # in the order of the evidence given


@dataclass(slots=True)
class MemberState:
    """One member's evidence as of today: its closed sums with its open invoices folded in,
    and the open invoices' figures (the one pass over them, for the profile too)."""

    v: list[float]  # closed sums plus the open invoices as of today
    all_weight: float  # every invoice that counts, with or without an outcome yet
    volume: float
    overdue: float  # recency-weighted outstanding of overdue, undisputed invoices
    oldest: int
    invoices: int
    last_due: date | None
    open_count: int = 0
    open_amount: Decimal = Decimal("0.00")  # outstanding, all open invoices
    overdue_amount: Decimal = Decimal("0.00")  # outstanding, open invoices past due
    first_issue: date | None = None


def _member(m: MemberEvidence, today: date) -> MemberState:
    """A member's closed sums with its open invoices folded in as of today (hot path: an
    open invoice is either not due yet, and has no outcome, or overdue by x days)."""
    v = list(m.sums.values)
    all_w = v[1]
    volume = v[11]
    overdue = 0.0
    oldest = 0
    last_due = m.sums.last_due
    first_issue = m.sums.first_issue
    open_count = 0
    open_amount = overdue_amount = Decimal("0.00")
    today_ord = today.toordinal()
    for e in m.open:
        amount = e.amount
        if amount <= 0:
            continue
        due = e.due_date
        if last_due is None or due > last_due:
            last_due = due
        if first_issue is None or e.issue_date < first_issue:
            first_issue = e.issue_date
        open_count += 1
        left = amount - e.paid_amount
        if left > 0:
            open_amount += left
            if due < today:
                overdue_amount += left
        due_ord = due.toordinal()
        dl = decay_ordinal(due_ord, HALF_LIFE_DAYS)
        fa = float(amount)
        volume += fa * dl
        if e.disputed:
            continue
        a = amount_weight(amount)
        all_w += a * dl
        if due_ord >= today_ord:
            continue  # not due yet: no outcome
        x = min(today_ord - due_ord, MAX_DAYS_LATE)
        fold_values(
            v,
            dl,
            a * dl,
            decay_ordinal(due_ord, SHORT_HALF_LIFE_DAYS),
            a * decay_ordinal(due_ord, SHORT_HALF_LIFE_DAYS),
            decay_ordinal(due_ord, TREND_HALF_LIFE_DAYS),
            x,
            years_since_epoch(due),
        )
        outstanding = fa - float(e.paid_amount)
        if outstanding > 0:
            overdue += outstanding * dl
        if x > oldest:
            oldest = x
    return MemberState(
        v, all_w, volume, overdue, oldest, m.invoice_count, last_due,
        open_count, open_amount, overdue_amount, first_issue,
    )  # fmt: skip


def member_factors(members: Sequence[MemberState], p: Params = DEFAULT) -> list[float]:
    """Multipliers on each member's weights. They only share the evidence out; the total
    weight against the prior stays what was reported. When others report too:

    - a member that reported few invoices weighs less (``member_full_evidence``);
    - its weight per invoice counts at most ``member_amount_cap`` times the others'
      (a huge invoice, or a typo, cannot buy influence);
    - with two or more others, no member weighs more than ``member_cap`` times all of
      them together.
    """
    n = len(members)
    if n < 2:
        return [1.0 if m.all_weight > 0 else 0.0 for m in members]
    total_w = sum(m.all_weight for m in members)
    total_n = sum(m.invoices for m in members)
    say = []
    for m in members:
        w = m.all_weight
        others_n = total_n - m.invoices
        if others_n > 0 and m.invoices > 0:
            per_invoice = (total_w - m.all_weight) / others_n
            w = min(w, p.member_amount_cap * per_invoice * m.invoices)
        say.append(w * min(1.0, m.invoices / p.member_full_evidence))
    if n >= 3:
        total = sum(say)
        say = [min(s, p.member_cap * (total - s)) for s in say]
    kept = sum(say)
    if kept <= 0:
        return [0.0] * n
    scale = total_w / kept
    return [
        s * scale / m.all_weight if m.all_weight > 0 else 0.0
        for m, s in zip(members, say, strict=True)
    ]


def combine(
    members: Sequence[MemberEvidence],
    today: date,
    prior: Prior = FALLBACK_PRIOR,
    p: Params = DEFAULT,
) -> Features:
    return _combine([_member(m, today) for m in members], today, prior, p)


def _combine(ms: Sequence[MemberState], today: date, prior: Prior, p: Params) -> Features:
    fs = member_factors(ms, p)
    acc = [0.0] * HIST
    all_w = 0.0
    share_w = exposure = oldest = 0.0
    for m, f in zip(ms, fs, strict=True):
        if f <= 0:
            continue
        for i in range(HIST):
            acc[i] += f * m.v[i]
        all_w += f * m.all_weight
        share = f * m.all_weight
        share_w += share
        if m.volume > 0:
            exposure += share * m.overdue / m.volume
        oldest += share * m.oldest
    if acc[1] <= 0:
        return Features(
            dbt=prior.dbt,
            recent_dbt=prior.dbt,
            late_share=prior.late_share,
            share_30=prior.share_30,
            share_60=prior.share_60,
        )
    # The prior weighs as a few typical invoices due with the debtor's latest one: how
    # much the history is trusted depends on how much there is, not on how quiet the
    # debtor has been since (an unpaid invoice keeps counting as it ages).
    dues = [m.last_due for m in ms if m.last_due is not None]
    anchor = min(max(dues), today) if dues else today
    a_l = p.prior_invoices * TYPICAL_WEIGHT * decay(anchor, HALF_LIFE_DAYS)
    a_s = p.prior_invoices * TYPICAL_WEIGHT * decay(anchor, SHORT_HALF_LIFE_DAYS)
    den = acc[1] + a_l
    slope, se, n_trend = trend_regression(acc[15:22])
    return Features(
        dbt=(acc[2] + a_l * prior.dbt) / den,
        recent_dbt=(acc[10] + a_s * prior.dbt) / (acc[9] + a_s),
        late_share=(acc[3] + a_l * prior.late_share) / den,
        share_30=(acc[4] + a_l * prior.share_30) / den,
        share_60=(acc[5] + a_l * prior.share_60) / den,
        early_days=acc[7] / (all_w + a_l),
        exposure=exposure / share_w if share_w > 0 else 0.0,
        oldest_overdue=oldest / share_w if share_w > 0 else 0.0,
        evidence=acc[0] * to_today(today, HALF_LIFE_DAYS),
        trend_slope=slope,
        trend_se=se,
        trend_n=n_trend,
        has_outcome=True,
    )


def trend_regression(s: Sequence[float]) -> tuple[float, float, float]:
    """Slope of lateness (months late, capped at 3) per year, its standard error, and the
    effective number of observations, from the weighted sums (r, rt, rt2, ry, ry2, rty, r2)."""
    r, rt, rt2, ry, ry2, rty, r2 = s
    if r <= 0 or r2 <= 0:
        return 0.0, math.inf, 0.0
    n_eff = r * r / r2
    mt = rt / r
    var_t = rt2 / r - mt * mt
    if n_eff < 3 or var_t <= 1e-6:
        return 0.0, math.inf, n_eff
    my = ry / r
    slope = (rty / r - mt * my) / var_t
    resid = max(ry2 / r - my * my - slope * slope * var_t, 0.01)
    return slope, math.sqrt(resid / ((n_eff - 2 if n_eff > 3 else 1) * var_t)), n_eff


def evaluate(
    members: Sequence[MemberEvidence],
    today: date,
    prior: Prior = FALLBACK_PRIOR,
    p: Params = DEFAULT,
    distress: legal.Distress | None = None,
) -> Assessment:
    states = tuple(_member(m, today) for m in members)
    f = _combine(states, today, prior, p)
    parts = [
        (Reason.PAYMENT_TIMING, p.base + p.timing(f.dbt), f.dbt),
        (Reason.RECENT_DELAYS, p.recent(f.recent_dbt), f.recent_dbt),
        (Reason.LATE_SHARE, p.late_share(f.late_share), f.late_share),
        (Reason.LATE_OVER_30_DAYS, p.share_30(f.share_30), f.share_30),
        (Reason.LATE_OVER_60_DAYS, p.share_60(f.share_60), f.share_60),
        (Reason.OVERDUE_EXPOSURE, p.exposure(f.exposure), f.exposure),
        (Reason.OLDEST_OVERDUE, p.oldest(f.oldest_overdue), f.oldest_overdue),
        (Reason.EARLY_PAYMENT, p.early(f.early_days), f.early_days),
    ]
    raw = sum(pts for _, pts, _ in parts)
    if distress is not None:
        extra = legal.points(distress, raw)
        parts.append((Reason.LEGAL_SITUATION, extra, legal.CODE[distress]))
        raw += extra
    score = min(100, max(0, round(raw)))
    points = _apportion([pts for _, pts, _ in parts], score)
    factors = tuple(
        Factor(reason=r, points=pt, value=v, sentence="")
        for (r, _, v), pt in zip(parts, points, strict=True)
    )
    return Assessment(
        score=score,
        level=RiskLevel.of(score),
        factors=factors,
        features=f,
        trend=trend_of(f),
        confidence=confidence_of(f, members, p),
        members=states,
    )


# Trend rule: with at least TREND_MIN_OBSERVATIONS outcomes, a slope of lateness more than
# TREND_Z standard errors away from zero is a trend; otherwise stable.
TREND_MIN_OBSERVATIONS = 6.0
TREND_Z = 0.75


def trend_of(f: Features) -> Trend:
    if not f.has_outcome or f.trend_n < TREND_MIN_OBSERVATIONS or f.trend_se == math.inf:
        return Trend.UNKNOWN
    z = f.trend_slope / f.trend_se
    if z > TREND_Z:
        return Trend.DETERIORATING
    if z < -TREND_Z:
        return Trend.IMPROVING
    return Trend.STABLE


def confidence_of(f: Features, members: Sequence[MemberEvidence], p: Params) -> Confidence:
    outcomes = f.evidence
    if not f.has_outcome or outcomes < p.min_experiences * 0.5:
        return Confidence.INSUFFICIENT
    if outcomes < p.good_experiences * 0.5 or len(members) < 2:
        return Confidence.LIMITED
    return Confidence.GOOD


def _apportion(shares: Sequence[float], total: int) -> list[int]:
    """Integers that add up to ``total``, each as close to its share as can be (largest
    remainder), so the factors' points always add up to the score."""
    if not shares:
        return []
    s = sum(shares)
    if s <= 0:
        out = [0] * len(shares)
        out[-1] = total
        return out
    exact = [x * total / s for x in shares]
    floors = [math.floor(x) for x in exact]
    rest = total - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: exact[i] - floors[i], reverse=True)
    for i in order[:rest]:
        floors[i] += 1
    return floors
