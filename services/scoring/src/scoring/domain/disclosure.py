"""What a caller may see of a profile: no member learns another member's figures.

Counts and amounts are sums over members. A caller that subtracts its own part from a
sum learns what the others reported, so the rule counts the *other* members behind a
figure (the caller's own contributions excluded; a partner has none):

- none (the figure is the caller's own): exact;
- counts (invoices, paid invoices): exact from at least K others, else a band;
- amounts (open, overdue): a coarse band from at least K others, else withheld, since
  one large member can dominate even a sum of several.

Behaviour measures (score, days to pay, days beyond terms, late share) are the register's
judgement of the debtor and are always shown. The register's operators (``admin`` scope,
who can read the databases anyway) see exact figures.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from scoring.domain.profile import RiskProfile

K_ANONYMITY = 3

COUNT_BANDS: tuple[tuple[int, int], ...] = (
    (0, 0),
    (1, 4),
    (5, 9),
    (10, 24),
    (25, 49),
    (50, 99),
    (100, 249),
    (250, 999),
    (1000, 0),
)
AMOUNT_EDGES: tuple[int, ...] = (
    0,
    1_000,
    5_000,
    10_000,
    25_000,
    50_000,
    100_000,
    250_000,
    500_000,
    1_000_000,
    5_000_000,
)


class Disclosure(Enum):
    EXACT = "exact"
    BANDED = "banded"
    WITHHELD = "withheld"


@dataclass(frozen=True, slots=True)
class AmountBand:
    lower: Decimal
    upper: Decimal | None  # exclusive; None = open-ended


@dataclass(frozen=True, slots=True)
class View:
    count_disclosure: Disclosure
    invoice_count: int | None
    paid_count: int | None
    invoice_count_band: tuple[int, int]
    amount_disclosure: Disclosure
    open_amount: Decimal | None
    overdue_amount: Decimal | None
    open_band: AmountBand | None
    overdue_band: AmountBand | None


def count_band(n: int) -> tuple[int, int]:
    for lo, hi in COUNT_BANDS:
        if hi == 0 and lo > 0:
            if n >= lo:
                return lo, hi
        elif lo <= n <= hi:
            return lo, hi
    return COUNT_BANDS[-1]


def amount_band(amount: Decimal) -> AmountBand:
    if amount <= 0:
        return AmountBand(Decimal(0), Decimal(0))
    for lo, hi in itertools.pairwise(AMOUNT_EDGES):
        if amount < hi:
            return AmountBand(Decimal(lo), Decimal(hi))
    return AmountBand(Decimal(AMOUNT_EDGES[-1]), None)


def others(profile: RiskProfile, caller: str | None) -> int:
    return len(profile.contributors - {caller}) if caller else len(profile.contributors)


def view(
    profile: RiskProfile, caller: str | None, k: int = K_ANONYMITY, *, operator: bool = False
) -> View:
    n_others = 0 if operator else others(profile, caller)
    band = count_band(profile.invoice_count)
    counts = Disclosure.EXACT if n_others == 0 or n_others >= k else Disclosure.BANDED
    if n_others == 0:
        amounts = Disclosure.EXACT
    elif n_others >= k:
        amounts = Disclosure.BANDED
    else:
        amounts = Disclosure.WITHHELD
    exact_counts = counts is Disclosure.EXACT
    return View(
        count_disclosure=counts,
        invoice_count=profile.invoice_count if exact_counts else None,
        paid_count=profile.paid_count if exact_counts else None,
        invoice_count_band=band,
        amount_disclosure=amounts,
        open_amount=profile.open_amount if amounts is Disclosure.EXACT else None,
        overdue_amount=profile.overdue_amount if amounts is Disclosure.EXACT else None,
        open_band=amount_band(profile.open_amount) if amounts is not Disclosure.WITHHELD else None,
        overdue_band=(
            amount_band(profile.overdue_amount) if amounts is not Disclosure.WITHHELD else None
        ),
    )
