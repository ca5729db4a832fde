"""Statutory late interest and fixed compensation (EU Directive 2011/7/EU as transposed in
Belgium, the Netherlands and Luxembourg). The rates are configuration
(``scoring/config/late_interest.toml``); this module only computes with them."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class CountryLaw:
    points: Decimal  # percentage points above the reference rate
    round_up_to: Decimal  # Belgium rounds the rate up to the next half point; 0 = exact
    compensation: Decimal  # fixed compensation per invoice, EUR
    law: str


@dataclass(frozen=True, slots=True)
class RateTable:
    half_years: tuple[tuple[date, Decimal], ...]  # (first day, reference rate %), sorted
    countries: dict[str, CountryLaw]

    def law(self, country: str) -> CountryLaw | None:
        return self.countries.get(country)

    def rate_on(self, country: str, day: date) -> Decimal | None:
        """The statutory rate in percent a year for a day, or None if unknown."""
        law = self.countries.get(country)
        if law is None or not self.half_years:
            return None
        i = bisect.bisect_right([d for d, _ in self.half_years], day) - 1
        if i < 0:
            i = 0  # before the table: its first rate
        rate = self.half_years[i][1] + law.points
        if law.round_up_to > 0:
            steps = (rate / law.round_up_to).to_integral_value(rounding=ROUND_CEILING)
            rate = steps * law.round_up_to
        return rate

    def interest(self, country: str, outstanding: Decimal, due: date, today: date) -> Decimal:
        """Simple interest on ``outstanding`` from the day after the due date up to
        today, each half-year at its own rate (act/365)."""
        if outstanding <= 0 or today <= due or country not in self.countries:
            return Decimal("0.00")
        total = Decimal(0)
        start = due + timedelta(days=1)
        while start <= today:
            end = min(_next_half_year(start) - timedelta(days=1), today)
            rate = self.rate_on(country, start) or Decimal(0)
            days = (end - start).days + 1
            total += outstanding * rate / Decimal(100) * Decimal(days) / Decimal(365)
            start = end + timedelta(days=1)
        return total.quantize(CENT, rounding=ROUND_HALF_UP)


def _next_half_year(day: date) -> date:
    return date(day.year, 7, 1) if day.month <= 6 else date(day.year + 1, 1, 1)
