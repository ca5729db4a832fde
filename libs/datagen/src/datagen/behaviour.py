"""Hidden payment discipline per debtor, and the payments it produces.

Model (all vectorised):
- each debtor has a latent discipline z ~ N(0, 1) (higher = worse), a drift class with a drift
  in late log-odds per year, a days-late scale, maybe a partial-payment habit and maybe a
  bankruptcy date (more likely for poor discipline, preceded by a run-up of worse payment);
- invoice j of debtor i is late with probability sigmoid(c_country + sector + size + s*z_i +
  drift_i * t_j + run-up); if late, days late = 1 + Gamma(k, theta_country * scale_ij);
- c_country and theta_country are solved on the drawn invoices so that going concerns hit the
  published share on time and mean days beyond terms (config.ON_TIME_SHARE,
  config.MEAN_DAYS_BEYOND_TERMS) whatever the sector, size and drift mix turns out to be.
  The figures hold for invoices due at least CALIBRATION_OBSERVATION_DAYS before the as-of
  date (complete payment experiences); `observed_invoices` is that selection.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from datagen import config as cfg
from datagen.companies import CompanyColumns
from datagen.config import Country

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
Bool = npt.NDArray[np.bool_]

NO_BANKRUPTCY = np.iinfo(np.int64).max // 4
DRIFT_CLASSES: tuple[str, ...] = tuple(cfg.DRIFT_SHARE)
# Run-up before a bankruptcy: extra late log-odds and longer delays at the bankruptcy date.
_RUN_UP_LOGIT = 2.5
_RUN_UP_DAYS_LOG = 0.8
# Weekend credit dates move to Monday when late: +2 days for Saturday, +1 for Sunday, i.e. 3/7
# of a day on average, taken off the target so the published mean still holds.
_WEEKEND_SHIFT_MEAN = 3.0 / 7.0
# numpy datetime64[D] day 0 (1970-01-01) is a Thursday.
_EPOCH_WEEKDAY = 3


def weekday(days: I64) -> I64:
    """Monday = 0 ... Sunday = 6 for days since 1970-01-01."""
    return (days + _EPOCH_WEEKDAY) % 7


@dataclass(frozen=True, slots=True)
class DebtorTraits:
    z: F64
    drift_class: npt.NDArray[np.int8]  # index into DRIFT_CLASSES
    drift: F64  # late log-odds per year
    days_scale: F64  # debtor's days-late multiplier (sector x size x personal)
    static_logit: F64  # sector + size + discipline, before the country constant
    partial_payer: Bool
    bankrupt_day: I64  # days since epoch, NO_BANKRUPTCY if none


def draw_traits(
    rng: np.random.Generator, cols: CompanyColumns, start_day: int, as_of_day: int
) -> DebtorTraits:
    n = cols.country.size
    z = rng.standard_normal(n)
    drift_class = rng.choice(
        len(DRIFT_CLASSES), size=n, p=[cfg.DRIFT_SHARE[c] for c in DRIFT_CLASSES]
    ).astype(np.int8)
    lo = np.array([cfg.DRIFT_LOGIT_PER_YEAR[c][0] for c in DRIFT_CLASSES])[drift_class]
    hi = np.array([cfg.DRIFT_LOGIT_PER_YEAR[c][1] for c in DRIFT_CLASSES])[drift_class]
    drift = lo + (hi - lo) * rng.random(n)

    sector_logit = np.zeros(n)
    size_logit = np.zeros(n)
    sector_days = np.ones(n)
    for ci, country in enumerate(cfg.COUNTRIES):
        in_c = cols.country == ci
        for section, offset in cfg.SECTION_LATE_LOGIT.get(country, {}).items():
            sector_logit[in_c & (cols.section == section)] = offset
        for si, size in enumerate(cfg.SIZES):
            size_logit[in_c & (cols.size == si)] = cfg.SIZE_LATE_LOGIT[country][size]
        # Division figures (e.g. restaurants) override their section's.
        mults = cfg.SECTOR_DAYS_LATE_MULTIPLIER.get(country, {})
        for key, mult in sorted(mults.items(), key=lambda kv: len(kv[0])):
            field = cols.section if len(key) == 1 else cols.division
            sector_days[in_c & (field == key)] = mult
    size_days = np.array([cfg.SIZE_DAYS_LATE_MULTIPLIER[s] for s in cfg.SIZES])[cols.size]
    rho = cfg.DAYS_LATE_DISCIPLINE_CORRELATION
    sigma = cfg.DAYS_LATE_SIGMA
    personal = rho * z + np.sqrt(1.0 - rho**2) * rng.standard_normal(n)
    days_scale = sector_days * size_days * np.exp(sigma * personal - sigma**2 / 2)

    partial = rng.random(n) < cfg.PARTIAL_PAYER_SHARE

    years = (as_of_day - start_day) / 365.25
    loading = cfg.BANKRUPTCY_DISCIPLINE_LOADING
    hazard = cfg.BANKRUPTCY_ANNUAL_HAZARD * np.exp(loading * z - loading**2 / 2)
    bankrupt = rng.random(n) < 1.0 - np.exp(-hazard * years)
    # Not in the first two months, so every bankrupt debtor has some payment history.
    b_day = rng.integers(start_day + 60, as_of_day + 1, size=n)
    bankrupt_day = np.where(bankrupt, b_day, NO_BANKRUPTCY).astype(np.int64)
    worsening = DRIFT_CLASSES.index("worsening")
    drift_class = np.where(bankrupt, worsening, drift_class).astype(np.int8)
    drift = np.where(bankrupt, np.maximum(drift, cfg.DRIFT_LOGIT_PER_YEAR["worsening"][0]), drift)

    return DebtorTraits(
        z=z,
        drift_class=drift_class,
        drift=drift,
        days_scale=days_scale,
        static_logit=sector_logit + size_logit + cfg.DISCIPLINE_SIGMA * z,
        partial_payer=partial,
        bankrupt_day=bankrupt_day,
    )


def _sigmoid(x: F64) -> F64:
    out: F64 = 1.0 / (1.0 + np.exp(-x))
    return out


def solve_logit_constant(a: F64, target: float) -> float:
    """c such that mean(sigmoid(c + a)) == target (Newton; the function is monotone)."""
    if a.size == 0:
        return 0.0
    c = float(np.log(target / (1 - target)) - a.mean())
    for _ in range(50):
        p = _sigmoid(c + a)
        f = float(p.mean()) - target
        slope = float((p * (1 - p)).mean())
        step = f / max(slope, 1e-12)
        c -= float(np.clip(step, -4.0, 4.0))
        if abs(f) < 1e-10:
            break
    return c


@dataclass(frozen=True, slots=True)
class Calibration:
    """Per-country constants solved on the drawn invoices (index = cfg.COUNTRIES)."""

    late_logit_constant: F64
    days_late_theta: F64


@dataclass(frozen=True, slots=True)
class Payments:
    invoice: I64  # index of the invoice
    day: I64
    cents: I64


@dataclass(frozen=True, slots=True)
class Settlement:
    planned_day: I64  # when the debtor would settle in full, bankruptcy and as-of aside
    late: Bool
    paid_cents: I64  # paid by the as-of date
    paid_day: I64  # day the last cent arrived, or -1 when not fully paid by the as-of date
    payments: Payments
    calibration: Calibration


def time_effects(traits: DebtorTraits, debtor: I64, day: I64, start_day: int) -> tuple[F64, F64]:
    """(late log-odds without the country constant, days-late scale) of debtor at day."""
    years = (day - start_day) / 365.25
    drift = traits.drift[debtor]
    b_day = traits.bankrupt_day[debtor]
    ramp = np.clip(1.0 - (b_day - day) / cfg.BANKRUPTCY_RUN_UP_DAYS, 0.0, 1.0)
    logit = traits.static_logit[debtor] + drift * years + _RUN_UP_LOGIT * ramp
    scale = traits.days_scale[debtor] * np.exp(
        cfg.DRIFT_DAYS_FACTOR * drift * years + _RUN_UP_DAYS_LOG * ramp
    )
    return logit, scale


def target_mean_days_late(country: Country) -> float:
    """Mean days late among late invoices that yields the published days beyond terms."""
    return cfg.MEAN_DAYS_BEYOND_TERMS[country] / (1.0 - cfg.ON_TIME_SHARE[country])


def settle(
    rng: np.random.Generator,
    traits: DebtorTraits,
    debtor_country: npt.NDArray[np.int8],
    debtor: I64,
    issue_day: I64,
    due_day: I64,
    term: I64,
    gross_cents: I64,
    start_day: int,
    as_of_day: int,
) -> Settlement:
    n = debtor.size
    country = debtor_country[debtor]
    logit, scale = time_effects(traits, debtor, due_day, start_day)
    # Published figures describe completed payment experiences of going concerns, so the
    # constants are solved on the invoices whose outcome is known at the as-of date; with
    # drift, later invoices are a different mix and would pull the constants.
    observed = (traits.bankrupt_day[debtor] == NO_BANKRUPTCY) & (
        due_day <= as_of_day - cfg.CALIBRATION_OBSERVATION_DAYS
    )
    if not observed.any():
        observed = traits.bankrupt_day[debtor] == NO_BANKRUPTCY

    constants = np.zeros(len(cfg.COUNTRIES))
    for ci, c in enumerate(cfg.COUNTRIES):
        sel = (country == ci) & observed
        constants[ci] = solve_logit_constant(logit[sel], 1.0 - cfg.ON_TIME_SHARE[c])
    late = rng.random(n) < _sigmoid(constants[country] + logit)

    k = cfg.DAYS_LATE_GAMMA_SHAPE
    thetas = np.ones(len(cfg.COUNTRIES))
    for ci, c in enumerate(cfg.COUNTRIES):
        sel = (country == ci) & observed & late
        if sel.any():
            wanted = target_mean_days_late(c) - 1.0 - _WEEKEND_SHIFT_MEAN
            thetas[ci] = wanted / (k * float(scale[sel].mean()))
    gamma = rng.gamma(k, 1.0, size=n) * thetas[country] * scale
    days_late = 1 + np.floor(gamma + 0.5).astype(np.int64)
    early_mean = cfg.DAYS_EARLY_TERM_FRACTION * term * np.exp(-0.4 * traits.z[debtor])
    days_early = np.minimum(
        term, np.floor(rng.exponential(1.0, size=n) * early_mean).astype(np.int64)
    )
    planned = np.where(late, due_day + days_late, due_day - days_early)
    # Banks credit on working days: early payments move back to Friday (still on time; never
    # before the weekday issue date), late ones on to Monday.
    wd = weekday(planned)
    weekend = wd >= 5
    planned = np.where(weekend & ~late, planned - (wd - 4), planned)
    planned = np.where(weekend & late, planned + (7 - wd), planned)

    payments = _split_payments(rng, traits, debtor, issue_day, planned, gross_cents)
    keep = (payments.day < traits.bankrupt_day[debtor][payments.invoice]) & (
        payments.day <= as_of_day
    )
    kept = Payments(payments.invoice[keep], payments.day[keep], payments.cents[keep])
    paid = np.bincount(kept.invoice, weights=kept.cents, minlength=n).astype(np.int64)
    last_day = np.full(n, -1, dtype=np.int64)
    np.maximum.at(last_day, kept.invoice, kept.day)
    paid_day = np.where(paid == gross_cents, last_day, -1)
    return Settlement(
        planned_day=planned,
        late=late,
        paid_cents=paid,
        paid_day=paid_day,
        payments=kept,
        calibration=Calibration(constants, thetas),
    )


def _split_payments(
    rng: np.random.Generator,
    traits: DebtorTraits,
    debtor: I64,
    issue_day: I64,
    planned: I64,
    gross_cents: I64,
) -> Payments:
    """One payment per invoice, or 2..PARTIAL_MAX_PARTS instalments for partial payers; the
    last instalment lands on the planned day and the parts add up to the gross amount."""
    n = debtor.size
    in_parts = traits.partial_payer[debtor] & (rng.random(n) < cfg.PARTIAL_INVOICE_SHARE)
    n_parts = np.where(in_parts, rng.integers(2, cfg.PARTIAL_MAX_PARTS + 1, size=n), 1)
    inv = np.repeat(np.arange(n, dtype=np.int64), n_parts)
    first = np.cumsum(n_parts) - n_parts
    part = np.arange(inv.size) - np.repeat(first, n_parts)
    is_last = part == n_parts[inv] - 1
    # Instalments before the last fall between issue and settlement, in order.
    u = rng.random(inv.size)
    u = u[np.lexsort((u, inv))]
    span = planned[inv] - issue_day[inv]
    day = np.where(is_last, planned[inv], issue_day[inv] + np.floor(u * span).astype(np.int64))
    weights = rng.gamma(2.0, 1.0, size=inv.size)
    share = weights / np.bincount(inv, weights=weights, minlength=n)[inv]
    cents = np.floor(share * gross_cents[inv]).astype(np.int64)
    cents = np.where(is_last, 0, np.maximum(cents, 1))
    before_last = np.bincount(inv, weights=cents, minlength=n).astype(np.int64)
    cents = np.where(is_last, gross_cents[inv] - before_last[inv], cents)
    return Payments(invoice=inv, day=day, cents=cents)
