"""The register's own figures per country: what a thin history is pulled towards."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from scoring.domain.evidence import HIST, IDX, N_BUCKETS
from scoring.domain.prediction import DEFAULT_DISTRIBUTION
from scoring.domain.scorecard import DEFAULT_PRIORS, FALLBACK_PRIOR, Prior

# Below this many debtors in a country the published figures stay the prior.
MIN_DEBTORS = 200


@dataclass(frozen=True, slots=True)
class CountryPrior:
    prior: Prior
    histogram: tuple[float, ...]  # shares per bucket of days beyond terms
    debtors: int = 0


def default(country: str) -> CountryPrior:
    return CountryPrior(DEFAULT_PRIORS.get(country, FALLBACK_PRIOR), DEFAULT_DISTRIBUTION)


@dataclass(slots=True)
class PriorAccumulator:
    """Adds up the closed sums of a country's debtors during the daily sweep."""

    values: list[float]
    debtors: int = 0

    @classmethod
    def empty(cls) -> PriorAccumulator:
        return cls([0.0] * (HIST + N_BUCKETS))

    def add(self, sums: Iterable[list[float]]) -> None:
        any_ = False
        for v in sums:
            any_ = True
            self.values = [a + b for a, b in zip(self.values, v, strict=True)]
        if any_:
            self.debtors += 1

    def prior(self, country: str) -> CountryPrior:
        if self.debtors < MIN_DEBTORS or self.values[IDX["w_l"]] <= 0:
            return default(country)
        v = self.values
        w = v[IDX["w_l"]]
        hist = v[HIST:]
        total = sum(hist) or 1.0
        return CountryPrior(
            Prior(
                dbt=v[IDX["wx_l"]] / w,
                late_share=v[IDX["wlate_l"]] / w,
                share_30=v[IDX["w30_l"]] / w,
                share_60=v[IDX["w60_l"]] / w,
            ),
            tuple(h / total for h in hist),
            self.debtors,
        )
