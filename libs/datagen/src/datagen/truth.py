"""The hidden truth per debtor, written beside the data so a scoring model can be validated.

The expected risk follows the product's convention (domain.md, conventions): expected days
beyond terms -> PAYDEX key (§1.1) -> risk = 100 - PAYDEX -> level low 0-30 / medium 31-50 /
high 51-70 / critical 71-100. A bankrupt debtor is critical with risk 100. Early payment earns
no credit here (expected DBT floors at 0, so PAYDEX tops at 80 = "prompt") [inference].
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from datagen import behaviour
from datagen import config as cfg
from datagen.model import Company
from datagen.rows import shallow_dict

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class DebtorTruth:
    debtor_id: int
    vat: str
    country: str
    nace: str
    size: str
    discipline_z: float  # latent, N(0, 1), higher = worse
    on_time_probability_start: float
    on_time_probability_as_of: float
    mean_days_late_when_late_start: float
    mean_days_late_when_late_as_of: float
    drift_class: str  # stable | worsening | improving
    drift_logit_per_year: float
    partial_payer: bool
    bankrupt_date: dt.date | None
    n_invoices: int
    expected_days_beyond_terms_as_of: float
    expected_paydex_as_of: float
    expected_risk_score: int  # 0-100, 100 = worst
    expected_risk_level: str

    def as_dict(self) -> dict[str, object]:
        return shallow_dict(self)


def paydex_from_dbt(dbt: F64) -> F64:
    """PAYDEX key interpolation; beyond 120 days 1 point per 3 days (the chart's slope below 50),
    floored at 1."""
    key = np.interp(dbt, cfg.PAYDEX_KEY_DBT, cfg.PAYDEX_KEY_SCORE)
    beyond = cfg.PAYDEX_KEY_SCORE[-1] - (dbt - cfg.PAYDEX_KEY_DBT[-1]) / 3.0
    out: F64 = np.where(dbt > cfg.PAYDEX_KEY_DBT[-1], np.maximum(beyond, 1.0), key)
    return out


def risk_level(score: int) -> str:
    for upper, level in cfg.RISK_LEVELS:
        if score <= upper:
            return level
    return cfg.RISK_LEVELS[-1][1]


def _expectations(
    traits: behaviour.DebtorTraits,
    calibration: behaviour.Calibration,
    country: npt.NDArray[np.int8],
    day: int,
    start_day: int,
) -> tuple[F64, F64]:
    """(probability on time, mean days late when late) of every debtor at `day`."""
    idx = np.arange(country.size, dtype=np.int64)
    logit, scale = behaviour.time_effects(traits, idx, np.full(idx.size, day), start_day)
    p_late = 1.0 / (1.0 + np.exp(-(calibration.late_logit_constant[country] + logit)))
    k = cfg.DAYS_LATE_GAMMA_SHAPE
    days = 1.0 + k * calibration.days_late_theta[country] * scale + 3.0 / 7.0
    return 1.0 - p_late, days


def debtor_truth(
    debtors: list[Company],
    traits: behaviour.DebtorTraits,
    calibration: behaviour.Calibration,
    invoice_debtor: I64,
    start_day: int,
    as_of_day: int,
) -> list[DebtorTruth]:
    country = np.array([cfg.COUNTRIES.index(d.country) for d in debtors], dtype=np.int8)
    p0, days0 = _expectations(traits, calibration, country, start_day, start_day)
    p1, days1 = _expectations(traits, calibration, country, as_of_day, start_day)
    dbt = (1.0 - p1) * days1
    paydex = paydex_from_dbt(dbt)
    bankrupt = traits.bankrupt_day != behaviour.NO_BANKRUPTCY
    score = np.where(bankrupt, 100, np.clip(np.rint(100.0 - paydex), 0, 100)).astype(np.int64)
    counts = np.bincount(invoice_debtor, minlength=len(debtors))
    epoch = dt.date(1970, 1, 1)
    out = []
    for i, d in enumerate(debtors):
        out.append(
            DebtorTruth(
                debtor_id=d.company_id,
                vat=d.vat,
                country=d.country,
                nace=d.nace,
                size=d.size,
                discipline_z=round(float(traits.z[i]), 4),
                on_time_probability_start=round(float(p0[i]), 4),
                on_time_probability_as_of=round(float(p1[i]), 4),
                mean_days_late_when_late_start=round(float(days0[i]), 2),
                mean_days_late_when_late_as_of=round(float(days1[i]), 2),
                drift_class=behaviour.DRIFT_CLASSES[int(traits.drift_class[i])],
                drift_logit_per_year=round(float(traits.drift[i]), 4),
                partial_payer=bool(traits.partial_payer[i]),
                bankrupt_date=(
                    epoch + dt.timedelta(days=int(traits.bankrupt_day[i])) if bankrupt[i] else None
                ),
                n_invoices=int(counts[i]),
                expected_days_beyond_terms_as_of=round(float(dbt[i]), 2),
                expected_paydex_as_of=round(float(paydex[i]), 1),
                expected_risk_score=int(score[i]),
                expected_risk_level=risk_level(int(score[i])),
            )
        )
    return out
