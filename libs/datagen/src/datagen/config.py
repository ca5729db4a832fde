"""Every number the generator draws from, with the line of /work/shared/domain.md it comes from.

Tags: `[domain §x.y]` = a published figure quoted in domain.md; `[domain §2.5 inference]` = the
suggested synthetic parameters there; `[assumption]` = not in domain.md, chosen to look
plausible and kept as a knob. Sources measure different things (domain §2 caution), so each
figure is applied to exactly one quantity, named next to it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Final, Literal

Country = Literal["BE", "NL", "LU"]
Size = Literal["micro", "small", "medium", "large"]
Language = Literal["nl", "fr", "en"]
Region = Literal["VLG", "WAL", "BRU", "NL", "LU"]

COUNTRIES: Final[tuple[Country, ...]] = ("BE", "NL", "LU")
SIZES: Final[tuple[Size, ...]] = ("micro", "small", "medium", "large")
LANGUAGES: Final[tuple[Language, ...]] = ("nl", "fr", "en")


@dataclass(frozen=True, slots=True)
class GeneratorConfig:
    """The knobs. Everything else is derived from `seed`, so equal configs give equal bytes."""

    seed: int = 42
    n_invoices: int = 20_000
    # Invoices are issued over two calendar years and observed a quarter later, so the last
    # invoices are still open and late tails of early invoices are complete.
    period_start: dt.date = dt.date(2023, 1, 1)
    period_end: dt.date = dt.date(2024, 12, 31)
    as_of: dt.date = dt.date(2025, 3, 31)
    # Scale of the population relative to the invoice count [assumption]: ~25 invoices per
    # debtor over two years (about one a month from one or two suppliers), a member (an SME
    # tenant) issues ~4,000 invoices in two years, a member-customer relationship ~8.
    invoices_per_debtor: float = 25.0
    invoices_per_member: float = 4_000.0
    invoices_per_relationship: float = 8.0

    def __post_init__(self) -> None:
        if self.n_invoices < 1:
            raise ValueError("n_invoices must be >= 1")
        if not self.period_start <= self.period_end <= self.as_of:
            raise ValueError("need period_start <= period_end <= as_of")

    @property
    def n_debtors(self) -> int:
        return max(30, round(self.n_invoices / self.invoices_per_debtor))

    @property
    def n_members(self) -> int:
        return max(3, round(self.n_invoices / self.invoices_per_member))

    @property
    def n_relationships(self) -> int:
        return max(self.n_members * 5, round(self.n_invoices / self.invoices_per_relationship))


# --- Population -------------------------------------------------------------------------------

# kmo-alert is a Belgian register with Dutch and Luxembourg members [assumption].
MEMBER_COUNTRY_SHARE: Final[dict[Country, float]] = {"BE": 0.70, "NL": 0.22, "LU": 0.08}
DEBTOR_COUNTRY_SHARE: Final[dict[Country, float]] = {"BE": 0.62, "NL": 0.28, "LU": 0.10}
# Share of a member's customers outside its own country (intra-Benelux trade) [assumption].
CROSS_BORDER_SHARE: Final[float] = 0.12
# Belgian companies by region; drives name language and invoice language [assumption].
BE_REGION_SHARE: Final[dict[Region, float]] = {"VLG": 0.61, "WAL": 0.28, "BRU": 0.11}
# Members write invoices in their own language; a minority of NL/LU members use English.
MEMBER_ENGLISH_SHARE: Final[dict[Country, float]] = {"BE": 0.03, "NL": 0.10, "LU": 0.15}

# Debtor size mix: firms receiving B2B invoices, so fewer micro firms than the ~93% of all
# enterprises [assumption]. Members are SMEs (a "kmo" register), never large.
DEBTOR_SIZE_SHARE: Final[dict[Size, float]] = {
    "micro": 0.66,
    "small": 0.23,
    "medium": 0.08,
    "large": 0.03,
}
MEMBER_SIZE_SHARE: Final[dict[Size, float]] = {
    "micro": 0.50,
    "small": 0.38,
    "medium": 0.12,
    "large": 0.0,
}
# Relative number of invoices a debtor of this size receives [assumption].
SIZE_INVOICE_VOLUME: Final[dict[Size, float]] = {
    "micro": 1.0,
    "small": 2.5,
    "medium": 6.0,
    "large": 15.0,
}

# NACE Rev. 2 sections [domain §5] with the share of B2B companies per section [assumption:
# shaped like Benelux business demography; T/U and O are not B2B debtors and are left out].
SECTION_SHARE: Final[dict[str, float]] = {
    "A": 0.040,
    "B": 0.003,
    "C": 0.070,
    "D": 0.006,
    "E": 0.006,
    "F": 0.130,
    "G": 0.200,
    "H": 0.045,
    "I": 0.070,
    "J": 0.050,
    "K": 0.030,
    "L": 0.040,
    "M": 0.130,
    "N": 0.060,
    "P": 0.015,
    "Q": 0.040,
    "R": 0.020,
    "S": 0.045,
}
# NACE Rev. 2 divisions per section (Regulation (EC) 1893/2006 Annex I, [domain §5]) with
# within-section weights [assumption].
SECTION_DIVISIONS: Final[dict[str, dict[str, float]]] = {
    "A": {"01": 0.85, "02": 0.10, "03": 0.05},
    "B": {"05": 0.05, "06": 0.05, "07": 0.05, "08": 0.80, "09": 0.05},
    "C": {
        "10": 0.20,
        "16": 0.08,
        "18": 0.06,
        "22": 0.06,
        "25": 0.25,
        "28": 0.15,
        "31": 0.10,
        "33": 0.10,
    },
    "D": {"35": 1.0},
    "E": {"36": 0.10, "37": 0.10, "38": 0.70, "39": 0.10},
    "F": {"41": 0.25, "42": 0.10, "43": 0.65},
    "G": {"45": 0.15, "46": 0.45, "47": 0.40},
    "H": {"49": 0.70, "50": 0.03, "51": 0.02, "52": 0.20, "53": 0.05},
    "I": {"55": 0.20, "56": 0.80},
    "J": {"58": 0.08, "59": 0.07, "60": 0.02, "61": 0.08, "62": 0.65, "63": 0.10},
    "K": {"64": 0.50, "65": 0.15, "66": 0.35},
    "L": {"68": 1.0},
    "M": {"69": 0.25, "70": 0.25, "71": 0.25, "72": 0.03, "73": 0.10, "74": 0.10, "75": 0.02},
    "N": {"77": 0.15, "78": 0.10, "79": 0.05, "80": 0.05, "81": 0.35, "82": 0.30},
    "P": {"85": 1.0},
    "Q": {"86": 0.70, "87": 0.15, "88": 0.15},
    "R": {"90": 0.35, "91": 0.05, "92": 0.10, "93": 0.50},
    "S": {"94": 0.15, "95": 0.20, "96": 0.65},
}

# --- Payment behaviour: country level ---------------------------------------------------------

# Share of invoices settled by the due date, for going concerns (bankrupt debtors excluded).
ON_TIME_SHARE: Final[dict[Country, float]] = {
    # Graydon BE, invoices paid within terms: 68% Q3 2016, ~70% 2018 [domain §2.1].
    "BE": 0.68,
    # Altares NL 2023: 76.1% paid within term [domain §2.2].
    "NL": 0.76,
    # Altares 2022: 47% of LU companies on time vs 44% in BE [domain §2.3]; carried over to
    # invoices as "a little better than BE" [inference].
    "LU": 0.70,
}
# The two figures above are met on invoices of going concerns due at least this many days
# before the as-of date, whose payment experience is complete [inference].
CALIBRATION_OBSERVATION_DAYS: Final = 180
# Mean days beyond terms over settled invoices (on-time = 0, the DBT definition [domain §1.2]).
MEAN_DAYS_BEYOND_TERMS: Final[dict[Country, float]] = {
    "BE": 9.61,  # Altares Q1 2024: average 9.61 days after due date [domain §2.1].
    "NL": 5.0,  # D&B: NL average 5 days late [domain §2.2].
    "LU": 9.0,  # no LU figure [domain §2.3 gap]; close to BE, like the on-time share [inference].
}


def _late_logit_offset(on_time: float, reference_on_time: float) -> float:
    """Log-odds of paying late relative to a reference group: how we carry a published share of
    companies on time into a relative effect without mixing company and invoice levels."""

    def late_logit(p_on_time: float) -> float:
        return math.log((1.0 - p_on_time) / p_on_time)

    return late_logit(on_time) - late_logit(reference_on_time)


# --- Payment behaviour: sector effects --------------------------------------------------------

_BE_ALL_ON_TIME_Q4_2022: Final = 0.44  # 56% of BE companies paid late, Q4 2022 [domain §2.1]
_NL_ALL_ON_TIME_2022: Final = 0.75  # 25% of NL companies paid late, 2022 [domain §2.2]
_NL_ALL_ON_TIME_2023: Final = 0.761  # [domain §2.2]

# Late-payment log-odds offset per (country, NACE section); absent = 0.
SECTION_LATE_LOGIT: Final[dict[Country, dict[str, float]]] = {
    # Altares D&B BE Q4 2022, companies on time by sector [domain §2.1].
    "BE": {
        "K": _late_logit_offset(0.524, _BE_ALL_ON_TIME_Q4_2022),  # finance 52.4%
        "M": _late_logit_offset(0.495, _BE_ALL_ON_TIME_Q4_2022),  # services 49.5%
        "N": _late_logit_offset(0.495, _BE_ALL_ON_TIME_Q4_2022),  # services 49.5%
        "S": _late_logit_offset(0.495, _BE_ALL_ON_TIME_Q4_2022),  # services 49.5%
        "A": _late_logit_offset(0.491, _BE_ALL_ON_TIME_Q4_2022),  # agriculture 49.1%
        "C": _late_logit_offset(0.372, _BE_ALL_ON_TIME_Q4_2022),  # manufacturing 37.2%
        "H": _late_logit_offset(0.358, _BE_ALL_ON_TIME_Q4_2022),  # transport 35.8%
        "B": _late_logit_offset(0.346, _BE_ALL_ON_TIME_Q4_2022),  # mining 34.6%
    },
    # Altares NL, companies on time by sector [domain §2.2].
    "NL": {
        "A": _late_logit_offset(0.82, _NL_ALL_ON_TIME_2022),  # agriculture & fishing 82%
        "G": _late_logit_offset(0.83, _NL_ALL_ON_TIME_2022),  # retail 83%
        "C": _late_logit_offset(0.613, _NL_ALL_ON_TIME_2022),  # manufacturing 61.3%
        "H": _late_logit_offset(0.624, _NL_ALL_ON_TIME_2022),  # transport 62.4%
        "F": _late_logit_offset(0.722, _NL_ALL_ON_TIME_2022),  # construction 72.2% (2022)
        "K": _late_logit_offset(0.783, _NL_ALL_ON_TIME_2023),  # financial services 78.3% (2023)
    },
}
# LU has no sector figures [domain §2.3 gap]: reuse the Belgian effects [inference].
SECTION_LATE_LOGIT["LU"] = dict(SECTION_LATE_LOGIT["BE"])

# Multiplier on days late per (country, NACE division or section); absent = 1.
_BE_MEAN_DAYS_LATE_Q1_2024: Final = 9.61
_NL_DAYS_TO_PAY_2017: Final = 40.5  # Graydon NL average days to pay, 2017 [domain §2.2]
_NL_DBT: Final = 5.0


def _nl_days_multiplier(sector_days_to_pay: float, country_days_to_pay: float) -> float:
    """Graydon NL publishes days-to-pay from invoice date; the sector's extra days are added to the
    country's days beyond terms [inference], floored so no sector pays half-early."""
    return max(0.5, (_NL_DBT + sector_days_to_pay - country_days_to_pay) / _NL_DBT)


SECTOR_DAYS_LATE_MULTIPLIER: Final[dict[Country, dict[str, float]]] = {
    # Altares BE Q1 2024: restaurants ~15, hotels ~10, mining ~10 days late [domain §2.1].
    "BE": {
        "56": 15 / _BE_MEAN_DAYS_LATE_Q1_2024,
        "55": 10 / _BE_MEAN_DAYS_LATE_Q1_2024,
        "B": 10 / _BE_MEAN_DAYS_LATE_Q1_2024,
    },
    # Graydon NL days to pay by sector [domain §2.2].
    "NL": {
        "J": _nl_days_multiplier(43.3, _NL_DAYS_TO_PAY_2017),  # IT & communication 2017
        "H": _nl_days_multiplier(43.0, _NL_DAYS_TO_PAY_2017),  # transport & logistics 2017
        "77": _nl_days_multiplier(42.5, _NL_DAYS_TO_PAY_2017),  # lease 2017
        "D": _nl_days_multiplier(43.9, 41.0),  # energy 2016 (country 41 in 2016)
        "L": _nl_days_multiplier(38.6, _NL_DAYS_TO_PAY_2017),  # real estate 2017
        "M": _nl_days_multiplier(38.4, _NL_DAYS_TO_PAY_2017),  # services 2017
        "Q": _nl_days_multiplier(39.0, _NL_DAYS_TO_PAY_2017),  # health & welfare 2017
        "I": _nl_days_multiplier(38.8, 41.5),  # hospitality best, Q3 2018 (country 41.5, 2018)
    },
}
SECTOR_DAYS_LATE_MULTIPLIER["LU"] = dict(SECTOR_DAYS_LATE_MULTIPLIER["BE"])  # [inference]

# --- Payment behaviour: size effects ----------------------------------------------------------

_BE_ALL_ON_TIME_Q4_2024: Final = 1 - 0.619  # 61.9% late, Q4 2024 [domain §2.1]
SIZE_LATE_LOGIT: Final[dict[Country, dict[Size, float]]] = {
    # Altares BE Q4 2024 on time: large 14%, medium 28.5%, small 34.5%, micro 39.2% [domain §2.1].
    "BE": {
        "large": _late_logit_offset(0.14, _BE_ALL_ON_TIME_Q4_2024),
        "medium": _late_logit_offset(0.285, _BE_ALL_ON_TIME_Q4_2024),
        "small": _late_logit_offset(0.345, _BE_ALL_ON_TIME_Q4_2024),
        "micro": _late_logit_offset(0.392, _BE_ALL_ON_TIME_Q4_2024),
    },
    # Altares NL 2023 on time: micro 78.8%, small 69%, medium 50.9%, large 34.1% [domain §2.2].
    "NL": {
        "large": _late_logit_offset(0.341, _NL_ALL_ON_TIME_2023),
        "medium": _late_logit_offset(0.509, _NL_ALL_ON_TIME_2023),
        "small": _late_logit_offset(0.69, _NL_ALL_ON_TIME_2023),
        "micro": _late_logit_offset(0.788, _NL_ALL_ON_TIME_2023),
    },
}
SIZE_LATE_LOGIT["LU"] = dict(SIZE_LATE_LOGIT["BE"])  # no LU size figures [inference]
# Extreme delays concentrate in micro firms (Altares BE 2024: micro 2.5% >90 days, large 0%)
# [domain §2.5]: micro firms are late less often but longer [inference for the multipliers].
SIZE_DAYS_LATE_MULTIPLIER: Final[dict[Size, float]] = {
    "micro": 1.35,
    "small": 1.0,
    "medium": 0.8,
    "large": 0.6,
}

# --- Payment behaviour: debtor heterogeneity, drift, partial payment, bankruptcy --------------

# Spread of the hidden discipline between debtors of the same country, sector and size, on the
# late log-odds scale [assumption].
DISCIPLINE_SIGMA: Final = 1.1
# Days-late scale: debtor-specific log-normal spread and its correlation with discipline
# (a debtor that is often late is also late for longer) [assumption].
DAYS_LATE_SIGMA: Final = 0.45
DAYS_LATE_DISCIPLINE_CORRELATION: Final = 0.6
# Gamma shape of days late within a debtor; < 1 gives the long tail behind "1 in 10 invoices
# >90 days" in BE (Graydon, [domain §2.1]) [assumption for the value].
DAYS_LATE_GAMMA_SHAPE: Final = 0.85
# Days paid before the due date when on time: exponential with this share of the term as mean,
# longer for disciplined debtors (PAYDEX 90-100 "discounts/anticipates" [domain §1.1]).
DAYS_EARLY_TERM_FRACTION: Final = 0.18

# Drift classes: a "sudden negative trend" signals disrupted stability (Altares [domain §1.1]).
DRIFT_SHARE: Final[dict[str, float]] = {"stable": 0.78, "worsening": 0.12, "improving": 0.10}
# Change of late log-odds per year, drawn uniformly in this range [assumption].
DRIFT_LOGIT_PER_YEAR: Final[dict[str, tuple[float, float]]] = {
    "stable": (-0.1, 0.1),
    "worsening": (0.6, 1.6),
    "improving": (-1.4, -0.5),
}
# Days-late scale follows the drift at this fraction of the log-odds change [assumption].
DRIFT_DAYS_FACTOR: Final = 0.5

# Debtors that pay some invoices in instalments; partial payments are a known pain point
# (OCA / ERPNext issues [domain §7.6]) [assumption for the shares].
PARTIAL_PAYER_SHARE: Final = 0.08
PARTIAL_INVOICE_SHARE: Final = 0.5  # of a partial payer's invoices
PARTIAL_MAX_PARTS: Final = 3

# Annual bankruptcy hazard. BE had 3,215 bankruptcies in Q1 2024 [domain §2.1] ~ 13k a year,
# roughly 1% of enterprises [assumption for the denominator]; B2B debtors with poor discipline
# fail more often, so the hazard scales with the hidden discipline.
BANKRUPTCY_ANNUAL_HAZARD: Final = 0.012
BANKRUPTCY_DISCIPLINE_LOADING: Final = 0.8
# A failing firm deteriorates first: worse drift for this many days before the bankruptcy.
BANKRUPTCY_RUN_UP_DAYS: Final = 270

# --- Terms ------------------------------------------------------------------------------------

TERM_CHOICES: Final[tuple[int, ...]] = (14, 30, 45, 60)
# Term mix per country. [domain §2.5]: sample from {14, 30, 30, 30, 45, 60}; BE default 30,
# average agreed term 35 days (Atradius 2015 [domain §2.1]); NL terms shorter, ~24-27 days
# (Atradius 2015/2016 [domain §2.2]); LU default 30 up to 60 [domain §3.4].
TERM_MIX: Final[dict[Country, tuple[float, float, float, float]]] = {
    "BE": (0.10, 0.60, 0.10, 0.20),  # mean 35.4 days
    "NL": (0.30, 0.60, 0.05, 0.05),  # mean 27.5 days
    "LU": (0.15, 0.55, 0.10, 0.20),  # mean 34.1 days
}
# Sector reweighting of TERM_MIX: construction and machinery have the longest DSOs, retail,
# food and transport the shortest (Euler Hermes 2015/2017 [domain §2.4]) [inference].
TERM_SECTOR_WEIGHT: Final[dict[str, tuple[float, float, float, float]]] = {
    "F": (0.6, 1.0, 1.5, 2.0),
    "C": (0.8, 1.0, 1.3, 1.5),
    "46": (0.8, 1.0, 1.2, 1.3),
    "47": (1.8, 1.0, 0.6, 0.4),
    "I": (2.0, 1.0, 0.5, 0.4),
    "H": (1.3, 1.0, 0.8, 0.7),
}
# Legal caps. BE: hard maximum of 60 calendar days since 1 Feb 2022 [domain §3.2]; NL and LU:
# 60 days unless not grossly unfair [domain §3.3, §3.4]; the generator never exceeds 60.
LEGAL_MAX_TERM_DAYS: Final = 60
# NL: a large company paying an SME has at most 30 days, for all contracts from 1 July 2023
# (new contracts from 1 July 2022) [domain §3.3].
NL_LARGE_TO_SME_MAX_TERM_DAYS: Final = 30
NL_LARGE_TO_SME_CAP_FROM: Final = dt.date(2023, 7, 1)

# --- Amounts ----------------------------------------------------------------------------------

# Median invoice amount excluding VAT, in EUR, by the seller's section [assumption: no Benelux
# figure in domain.md]; log-normal spread AMOUNT_SIGMA; scaled by the buyer's size.
MEDIAN_NET_AMOUNT_EUR: Final[dict[str, float]] = {
    "A": 900,
    "B": 4_000,
    "C": 2_500,
    "D": 3_000,
    "E": 1_200,
    "F": 3_500,
    "G": 1_200,
    "H": 1_100,
    "I": 350,
    "J": 1_800,
    "K": 1_500,
    "L": 1_400,
    "M": 1_600,
    "N": 900,
    "P": 700,
    "Q": 600,
    "R": 800,
    "S": 400,
}
MEDIAN_NET_AMOUNT_DIVISION_EUR: Final[dict[str, float]] = {"46": 2_200, "47": 250}
AMOUNT_SIGMA: Final = 1.0
BUYER_SIZE_AMOUNT_MULTIPLIER: Final[dict[Size, float]] = {
    "micro": 0.6,
    "small": 1.0,
    "medium": 1.8,
    "large": 3.0,
}
MIN_NET_CENTS: Final = 1_000
MAX_NET_CENTS: Final = 250_000_000

# VAT rates in percent [assumption: statutory rates, not in domain.md]. LU lowered its
# standard rate to 16% for 2023 only. Agriculture (section A) sells at the reduced rate.
STANDARD_VAT_PERCENT: Final[dict[Country, int]] = {"BE": 21, "NL": 21, "LU": 17}
LU_STANDARD_VAT_PERCENT_2023: Final = 16
REDUCED_VAT_PERCENT: Final[dict[Country, int]] = {"BE": 6, "NL": 9, "LU": 3}

# --- Expected risk (hidden truth) -------------------------------------------------------------

# PAYDEX key: days beyond terms -> PAYDEX [domain §1.1] (80 prompt, 70 = 15 days, 60 = 22,
# 50 = 30, 40 = 60, 30 = 90, 20 = 120). Our score is a risk score: risk = 100 - PAYDEX and
# levels low 0-30 / medium 31-50 / high 51-70 / critical 71-100 [domain, conventions].
PAYDEX_KEY_DBT: Final[tuple[float, ...]] = (0.0, 15.0, 22.0, 30.0, 60.0, 90.0, 120.0)
PAYDEX_KEY_SCORE: Final[tuple[float, ...]] = (80.0, 70.0, 60.0, 50.0, 40.0, 30.0, 20.0)
RISK_LEVELS: Final[tuple[tuple[int, str], ...]] = (
    (30, "low"),
    (50, "medium"),
    (70, "high"),
    (100, "critical"),
)
