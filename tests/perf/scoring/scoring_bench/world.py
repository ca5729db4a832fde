"""A generated world as scoring would know it at a cut-off date, with the hidden truth beside.

Knowledge at a cut-off T: invoices issued on or before T, payments received on or before T.
Nothing here imports the scoring service's adapters: it builds domain experiences directly
(for tuning) and event streams (for the served path).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from datagen import Dataset, GeneratorConfig, generate
from datagen.demo import demo_config
from scoring.domain.evidence import Experience

EPOCH = dt.date(1970, 1, 1)
# Seeds: tuning happened on TUNE_SEEDS only; HELD_BACK_SEEDS are what the bench reports.
TUNE_SEEDS = (101, 102)
HELD_BACK_SEEDS = (201, 202, 203)
AS_OF = dt.date(2026, 9, 30)


def world(seed: int, *, as_of: dt.date = AS_OF, n_invoices: int = 30_000) -> Dataset:
    """The demo world (what ``make demo`` loads) for a seed."""
    return generate(demo_config(as_of, n_invoices=n_invoices, seed=seed))


def world_config(seed: int, as_of: dt.date = AS_OF, n_invoices: int = 30_000) -> GeneratorConfig:
    return demo_config(as_of, n_invoices=n_invoices, seed=seed)


def _day(d: np.datetime64) -> int:
    return int(d.astype("datetime64[D]").astype(np.int64))


def _date(day: int) -> dt.date:
    return EPOCH + dt.timedelta(days=day)


@dataclass(frozen=True, slots=True)
class Known:
    """Experiences per debtor VAT at a cut-off, and each invoice's facts for labels."""

    cutoff: dt.date
    experiences: dict[str, list[Experience]]
    country: dict[str, str]
    sector: dict[str, str]


def known_at(ds: Dataset, cutoff: dt.date) -> Known:
    inv = ds.invoices
    pay = ds.payments
    t = (cutoff - EPOCH).days
    issue = inv.issue_date.astype(np.int64)
    due = inv.due_date.astype(np.int64)
    keep = issue <= t
    # Payments known at T, per invoice: total and last day.
    p_ok = pay.paid_on.astype(np.int64) <= t
    p_inv = pay.invoice_id[p_ok] - 1
    p_day = pay.paid_on.astype(np.int64)[p_ok]
    p_amt = pay.amount_cents[p_ok]
    paid = np.bincount(p_inv, weights=p_amt, minlength=len(inv)).astype(np.int64)
    last = np.full(len(inv), -1, dtype=np.int64)
    np.maximum.at(last, p_inv, p_day)
    n_members = len(ds.members)
    debtors = ds.debtors
    out: dict[str, list[Experience]] = defaultdict(list)
    for i in np.nonzero(keep)[0].tolist():
        d = debtors[int(inv.debtor_id[i]) - n_members - 1]
        gross = int(inv.gross_cents[i])
        settled = _date(int(last[i])) if paid[i] >= gross and last[i] >= 0 else None
        out[d.vat].append(
            Experience(
                invoice_id=str(int(inv.invoice_id[i])),
                supplier=str(int(inv.member_id[i])),
                vat=d.vat,
                issue_date=_date(int(issue[i])),
                due_date=_date(int(due[i])),
                amount=Decimal(gross).scaleb(-2),
                paid_amount=Decimal(int(paid[i])).scaleb(-2),
                settled_date=settled,
            )
        )
    return Known(
        cutoff=cutoff,
        experiences=dict(out),
        country={d.vat: d.country for d in debtors},
        sector={d.vat: d.nace for d in debtors},
    )


def naive_mean_days_late(exps: list[Experience]) -> float:
    """The baseline: unweighted mean days beyond terms over the invoices paid so far."""
    late = [max(0, (e.settled_date - e.due_date).days) for e in exps if e.settled_date is not None]
    return sum(late) / len(late) if late else 0.0


def next_invoice_labels(ds: Dataset, cutoff: dt.date) -> dict[str, int]:
    """Per debtor: 1 if its first invoice issued after T was paid > 30 days late or not at all
    by the as-of date, else 0. Debtors without an invoice after T are left out."""
    inv = ds.invoices
    t = (cutoff - EPOCH).days
    issue = inv.issue_date.astype(np.int64)
    due = inv.due_date.astype(np.int64)
    paid = inv.paid_date
    n_members = len(ds.members)
    seen: dict[str, int] = {}
    order = np.argsort(issue, kind="stable")
    for i in order.tolist():
        if issue[i] <= t:
            continue
        vat = ds.debtors[int(inv.debtor_id[i]) - n_members - 1].vat
        if vat in seen:
            continue
        if np.isnat(paid[i]):
            seen[vat] = 1
        else:
            seen[vat] = int(_day(paid[i]) - int(due[i]) > 30)
    return seen


# --- The oracle: the generator's hidden behaviour at a date ----------------------------------

_K = 0.85  # datagen.config.DAYS_LATE_GAMMA_SHAPE
_RUN_UP_DAYS = 270
_RUN_UP_LOGIT = 2.5
_RUN_UP_DAYS_LOG = 0.8
_DRIFT_DAYS_FACTOR = 0.5


def _gamma_sf(a: float, x: float) -> float:
    """P(G > x) for G ~ Gamma(a, 1): series for the lower regularised incomplete gamma."""
    if x <= 0:
        return 1.0
    if x > a + 40:
        # continued fraction (Lentz) for the upper tail
        b = x + 1 - a
        c = 1e300
        d = 1 / b
        h = d
        for i in range(1, 200):
            an = -i * (i - a)
            b += 2
            d = an * d + b
            d = 1 / d if abs(d) > 1e-300 else 1e300
            c = b + an / c
            delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-12:
                break
        return math.exp(-x + a * math.log(x) - math.lgamma(a)) * h
    term = 1 / a
    total = term
    n = a
    for _ in range(500):
        n += 1
        term *= x / n
        total += term
        if term < total * 1e-14:
            break
    lower = total * math.exp(-x + a * math.log(x) - math.lgamma(a))
    return max(0.0, 1.0 - lower)


def oracle_at(ds: Dataset, day: dt.date) -> dict[str, float]:
    """P(an invoice due around ``day`` is paid > 30 days late), from the hidden discipline
    (late log-odds with drift and pre-bankruptcy run-up, days-late scale). It knows the
    run-up but not the bankruptcy date itself."""
    start = ds.config.period_start
    years = (day - start).days / 365.25
    out = {}
    for t in ds.truth:
        b = t.bankrupt_date
        ramp0 = ramp = 0.0
        if b is not None:
            ramp0 = min(max(1 - (b - start).days / _RUN_UP_DAYS, 0.0), 1.0)
            ramp = min(max(1 - (b - day).days / _RUN_UP_DAYS, 0.0), 1.0)
        p0 = min(max(1 - t.on_time_probability_start, 1e-9), 1 - 1e-9)
        logit = (
            math.log(p0 / (1 - p0))
            + t.drift_logit_per_year * years
            + _RUN_UP_LOGIT * (ramp - ramp0)
        )
        p_late = 1 / (1 + math.exp(-logit))
        k_theta0 = max(t.mean_days_late_when_late_start - 1 - 3 / 7, 1e-6)
        k_theta = k_theta0 * math.exp(
            _DRIFT_DAYS_FACTOR * t.drift_logit_per_year * years + _RUN_UP_DAYS_LOG * (ramp - ramp0)
        )
        theta = k_theta / _K
        out[t.vat] = p_late * _gamma_sf(_K, 29.5 / theta)
    return out


def auc(scores: list[float], labels: list[int]) -> float:
    """Area under the ROC curve (ties count half)."""
    pairs = sorted(zip(scores, labels, strict=True))
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    rank_sum = 0.0
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # average 1-based rank of the tie group
        rank_sum += mid * sum(lab for _, lab in pairs[i:j])
        i = j
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
