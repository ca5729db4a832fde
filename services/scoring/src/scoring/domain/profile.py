"""A debtor's risk profile: the scorecard's judgement with the figures around it, and the
rules for announcing a change."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import ROUND_DOWN, Decimal
from enum import Enum

from scoring.domain import legal
from scoring.domain.evidence import (
    HALF_LIFE_DAYS,
    HIST,
    N_BUCKETS,
    ZERO,
    MemberEvidence,
    to_today,
)
from scoring.domain.prediction import posterior
from scoring.domain.priors import CountryPrior
from scoring.domain.priors import default as default_prior
from scoring.domain.scorecard import DEFAULT as DEFAULT_PARAMS
from scoring.domain.scorecard import (
    MODEL_VERSION,
    Assessment,
    Confidence,
    Factor,
    Params,
    Reason,
    RiskLevel,
    Trend,
    evaluate,
)

# risk.changed when the level changes or the score moved this much since the last one.
ANNOUNCE_POINTS = 5

# Credit-limit advice: months of a typical member's purchases, by level; none for
# critical (D&B-style "maximum credit" from volume and payment speed).
CREDIT_FACTOR = {RiskLevel.LOW: 1.0, RiskLevel.MEDIUM: 0.6, RiskLevel.HIGH: 0.3}
CREDIT_GRID = (1, 2, 5)  # limits are rounded down to 1, 2 or 5 x a power of ten
MIN_CREDIT = Decimal(500)


class Cause(Enum):
    NEW_FACTS = "new_facts"
    AGEING = "ageing"
    RESCORE = "rescore"
    MODEL_CHANGE = "model_change"


@dataclass(frozen=True, slots=True)
class CreditAdvice:
    advised: bool
    amount: Decimal
    sentence: str


@dataclass(frozen=True, slots=True)
class RiskProfile:
    vat: str
    country: str
    sector: str
    score: int
    level: RiskLevel
    factors: tuple[Factor, ...]
    trend: Trend
    trend_slope: float
    confidence: Confidence
    model_version: str
    invoice_count: int
    paid_count: int
    open_count: int
    supplier_count: int
    contributors: frozenset[str]  # member ids; never leave this service
    avg_days_to_pay: float
    avg_days_late: float
    days_beyond_terms: float
    late_share: float
    oldest_overdue_days: int
    experiences: float
    open_amount: Decimal
    overdue_amount: Decimal
    monthly_volume: Decimal  # a typical member's monthly invoicing to this debtor
    credit: CreditAdvice
    histogram: tuple[float, ...]  # posterior days beyond terms, for predicted payments
    as_of: date
    updated_at: datetime
    announced_score: int | None = None  # the score of the last risk.changed
    announced_level: RiskLevel | None = None
    # Digests of published() and shown(), set by build(): cheap change detection.
    published_digest: str = ""
    shown_digest: str = ""

    def summary(self) -> Summary:
        return Summary(
            vat=self.vat,
            country=self.country,
            sector=self.sector,
            score=self.score,
            level=self.level,
            announced_score=self.announced_score,
            announced_level=self.announced_level,
            published_digest=self.published_digest or _digest(self.published()),
            shown_digest=self.shown_digest or _digest(self.shown()),
        )

    def shown(self) -> str:
        """Everything but the evaluation day and time, at display precision, as one key."""
        factors = ";".join(f"{f.reason.value}:{f.points}:{f.value}" for f in self.factors)
        credit = self.credit
        return (
            f"{self.published()}|{self.paid_count}|{self.avg_days_to_pay:.1f}|"
            f"{self.avg_days_late:.1f}|{self.days_beyond_terms:.1f}|{self.late_share:.3f}|"
            f"{factors}|{self.trend.value}|{self.trend_slope:.3f}|{self.confidence.value}|"
            f"{self.invoice_count}|{self.open_count}|{self.supplier_count}|"
            f"{','.join(sorted(self.contributors))}|{self.oldest_overdue_days}|"
            f"{self.experiences:.1f}|{self.open_amount}|{self.overdue_amount}|"
            f"{self.monthly_volume}|{credit.advised}|{credit.amount}"
        )

    def published(self) -> str:
        """What score.updated carries, at the precision its readers use (whole days, whole
        percent), as one key: a recomputation that leaves it equal sends nothing."""
        return (
            f"{self.score}|{self.level.value}|{self.sector}|{self.country}|"
            f"{round(self.avg_days_to_pay)}|{round(self.avg_days_late)}|"
            f"{round(self.days_beyond_terms)}|{round(self.late_share, 2)}|{self.model_version}"
        )


def _digest(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=12).hexdigest()


@dataclass(frozen=True, slots=True)
class Summary:
    """What a recomputation needs of the stored profile: what was announced, and digests
    to tell whether anything published or shown changed (without reading it all)."""

    vat: str
    country: str
    sector: str
    score: int
    level: RiskLevel
    announced_score: int | None
    announced_level: RiskLevel | None
    published_digest: str
    shown_digest: str


def sentence(f: Factor, country: str, confidence: Confidence) -> str:
    """The factor in one sentence a bookkeeper understands (English)."""
    v = f.value
    match f.reason:
        case Reason.PAYMENT_TIMING:
            text = (
                f"Pays on average {v:.0f} days after the due date (recent and larger invoices "
                "count more)."
                if v >= 1
                else "Pays by the due date."
            )
            if confidence is Confidence.INSUFFICIENT:
                text += f" Based on very few invoices, so it leans on the {country} average."
            return text
        case Reason.RECENT_DELAYS:
            return f"Over the last three months it paid {v:.0f} days late on average."
        case Reason.LATE_SHARE:
            return f"{v:.0%} of its invoices were paid late."
        case Reason.LATE_OVER_30_DAYS:
            return f"{v:.0%} of its invoices were paid more than 30 days late."
        case Reason.LATE_OVER_60_DAYS:
            return f"{v:.0%} of its invoices were paid more than 60 days late."
        case Reason.OVERDUE_EXPOSURE:
            return f"{v:.0%} of what it was invoiced is overdue and unpaid."
        case Reason.OLDEST_OVERDUE:
            if v < 1:
                return "No invoice is overdue and unpaid."
            return f"Its oldest unpaid invoice is {v:.0f} days overdue."
        case Reason.EARLY_PAYMENT:
            return f"It often pays early ({v:.0f} days before the due date on average)."
        case Reason.LEGAL_SITUATION:
            return {
                legal.Distress.BANKRUPTCY: "The company registry shows it in bankruptcy.",
                legal.Distress.JUDICIAL_REORGANISATION: (
                    "The company registry shows it in judicial reorganisation."
                ),
                legal.Distress.LIQUIDATION: (
                    "The company registry shows it in liquidation (dissolved)."
                ),
            }[legal.BY_CODE.get(v, legal.Distress.BANKRUPTCY)]


def _round_limit(amount: Decimal) -> Decimal:
    if amount < MIN_CREDIT:
        return ZERO
    exponent = len(str(int(amount))) - 1
    power = Decimal(10) ** exponent
    best = Decimal(0)
    for step in CREDIT_GRID:
        for p in (power / 10, power):
            cand = Decimal(step) * p
            if cand <= amount and cand > best:
                best = cand
    return best.quantize(Decimal(1), rounding=ROUND_DOWN)


def credit_advice(
    level: RiskLevel, confidence: Confidence, monthly: Decimal, days_to_pay: float
) -> CreditAdvice:
    if level is RiskLevel.CRITICAL:
        return CreditAdvice(False, ZERO, "No credit: the risk is critical; ask prepayment.")
    if confidence is Confidence.INSUFFICIENT or monthly <= 0:
        return CreditAdvice(False, ZERO, "No advice yet: too few payment experiences.")
    months = max(1.0, days_to_pay / 30.0)
    factor = CREDIT_FACTOR[level]
    limit = _round_limit(monthly * Decimal(str(round(months * factor, 2))))
    if limit <= 0:
        return CreditAdvice(False, ZERO, "No advice: the volume invoiced is too small.")
    reduced = "" if factor == 1.0 else f", reduced to {factor:.0%} for {level.value} risk"
    return CreditAdvice(
        True,
        limit,
        f"Up to EUR {limit:,.0f}: about {months:.1f} months of what a typical supplier "
        f"invoices it, as it pays in {days_to_pay:.0f} days on average{reduced}.",
    )


def build(
    *,
    vat: str,
    country: str,
    sector: str,
    members: Sequence[MemberEvidence],
    today: date,
    now: datetime,
    prior: CountryPrior | None = None,
    params: Params = DEFAULT_PARAMS,
    previous: RiskProfile | Summary | None = None,
    distress: legal.Distress | None = None,
) -> RiskProfile:
    """The profile of a debtor as of ``today`` from all members' evidence; ``prior`` is
    the register's figures for its country (the published ones when None); ``distress``
    the company registry's juridical situation, when it is one of distress."""
    prior = prior or default_prior(country)
    a: Assessment = evaluate(members, today, prior.prior, params, distress)
    scale = to_today(today, HALF_LIFE_DAYS)
    hist = [0.0] * N_BUCKETS
    invoice_count = paid_count = open_count = 0
    npaid = dtp = nx = n_closed = 0.0
    open_amount = overdue_amount = ZERO
    volume = 0.0
    contributors = set()
    first_issue: date | None = None
    for m, st in zip(members, a.members, strict=True):
        s = m.sums
        if s.count == 0 and not m.open:
            continue
        contributors.add(m.supplier)
        v = s.values
        for i in range(N_BUCKETS):
            hist[i] += v[HIST + i] * scale
        invoice_count += m.invoice_count
        paid_count += s.count
        npaid += v[12]
        dtp += v[13]
        nx += v[14]
        n_closed += v[0]
        volume += st.volume  # closed and open, recency-weighted
        open_count += st.open_count
        open_amount += st.open_amount
        overdue_amount += st.overdue_amount
        if st.first_issue and (first_issue is None or st.first_issue < first_issue):
            first_issue = st.first_issue
    monthly = _monthly_volume(volume * scale, first_issue, today, len(contributors))
    factors = tuple(
        sorted(
            (
                Factor(f.reason, f.points, round(f.value, 3), sentence(f, country, a.confidence))
                for f in a.factors
            ),
            key=lambda f: -abs(f.points),
        )
    )
    avg_dtp = dtp / npaid if npaid > 0 else 0.0
    profile = RiskProfile(
        vat=vat,
        country=country,
        sector=sector,
        score=a.score,
        level=a.level,
        factors=factors,
        trend=a.trend,
        trend_slope=a.features.trend_slope,
        confidence=a.confidence,
        model_version=MODEL_VERSION,
        invoice_count=invoice_count,
        paid_count=paid_count,
        open_count=open_count,
        supplier_count=len(contributors),
        contributors=frozenset(contributors),
        avg_days_to_pay=round(avg_dtp, 1),
        avg_days_late=round(nx / n_closed, 1) if n_closed > 0 else 0.0,
        days_beyond_terms=round(a.features.dbt, 2),
        late_share=round(a.features.late_share, 4),
        oldest_overdue_days=round(a.features.oldest_overdue),
        experiences=round(a.features.evidence, 2),
        open_amount=open_amount,
        overdue_amount=overdue_amount,
        monthly_volume=monthly,
        credit=credit_advice(a.level, a.confidence, monthly, avg_dtp or 30.0),
        histogram=tuple(posterior(hist, prior.histogram)),
        as_of=today,
        updated_at=now,
        announced_score=previous.announced_score if previous else None,
        announced_level=previous.announced_level if previous else None,
    )
    # Set on the new, not yet shared instance (a frozen dataclass; copying it costs more).
    object.__setattr__(profile, "published_digest", _digest(profile.published()))
    object.__setattr__(profile, "shown_digest", _digest(profile.shown()))
    return profile


def _monthly_volume(
    volume_today: float, first_issue: date | None, today: date, members: int
) -> Decimal:
    """A typical member's invoicing per month: the recency-weighted volume turned into a
    rate (the weights of a steady stream since ``first_issue`` integrate to
    H / ln 2 x (1 - 2^(-age / H)) days), divided among the members."""
    if first_issue is None or members == 0 or volume_today <= 0:
        return ZERO
    age = max((today - first_issue).days, 30)
    span = HALF_LIFE_DAYS / math.log(2) * (1 - 2 ** (-age / HALF_LIFE_DAYS))
    per_day = volume_today / span
    return Decimal(str(round(per_day * 30.4 / members, 2)))


@dataclass(frozen=True, slots=True)
class ProfileChange:
    previous: Summary | None
    current: RiskProfile
    cause: Cause = Cause.NEW_FACTS
    announce_points: int = ANNOUNCE_POINTS

    @property
    def updated(self) -> bool:
        """score.updated: something a reader sees has changed, the figures benchmarks use
        or only what a profile shows beside them (the gateway's profile cache drops the
        company on it; for benchmark an event with the figures it holds changes nothing)."""
        p = self.previous
        summary = self.current.summary()
        return (
            p is None
            or p.published_digest != summary.published_digest
            or p.shown_digest != summary.shown_digest
        )

    @property
    def worth_storing(self) -> bool:
        """Anything a reader sees changed (not just the day it was evaluated for)."""
        p = self.previous
        return p is None or p.shown_digest != self.current.summary().shown_digest

    @property
    def history(self) -> bool:
        """A history row: only when the score or the level changed."""
        p = self.previous
        return p is None or (p.score, p.level) != (self.current.score, self.current.level)

    @property
    def announced(self) -> bool:
        """risk.changed: the level changed, or the score moved at least N points, since
        the last announcement."""
        cur = self.current
        last_score = self.previous.announced_score if self.previous else None
        last_level = self.previous.announced_level if self.previous else None
        if last_score is None or last_level is None:
            return True
        return cur.level is not last_level or abs(cur.score - last_score) >= self.announce_points

    def settled(self) -> RiskProfile:
        """The profile to store: it remembers what was last announced."""
        if self.announced:
            return replace(
                self.current, announced_score=self.current.score, announced_level=self.current.level
            )
        return self.current
