"""A company as the benchmark keeps it, the changes one score makes to the groups' counts,
and what a reader may see under the privacy floor."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from benchmark.domain.measures import MEASURES, Figures, Histogram, Measure, Shown
from benchmark.domain.sectors import GroupKey, groups_of


@dataclass(frozen=True, slots=True)
class Company:
    vat: str
    country: str
    section: str  # NACE section letter or ""
    division: str  # two-digit NACE division or ""
    figures: Figures
    as_of: date  # the day scoring evaluated the profile
    updated_at: datetime  # orders updates: an older one never wins

    def groups(self) -> tuple[GroupKey, ...]:
        return groups_of(self.country, self.section, self.division)


def month_of(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, n: int) -> date:
    k = month.year * 12 + month.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


class Deltas:
    """What a run of score updates changes in the groups' counts: gathered per cell
    (country, section, division), then spread over each cell's groups once."""

    def __init__(self) -> None:
        self.by_cell: dict[tuple[str, str, str], tuple[dict[int, int], list[int]]] = {}

    def move(self, old: Company | None, new: Company) -> None:
        if old is not None:
            self._add(old, -1)
        self._add(new, +1)

    def _add(self, company: Company, sign: int) -> None:
        cell = (company.country, company.section, company.division)
        found = self.by_cell.get(cell)
        if found is None:
            found = self.by_cell[cell] = ({}, [0] * len(MEASURES))
        counts, totals = found
        for s in company.figures.slots():
            counts[s] = counts.get(s, 0) + sign
        for i, v in enumerate(company.figures.values()):
            if v is not None:
                totals[i] += sign * v

    def groups(self) -> set[GroupKey]:
        """The groups these deltas change."""
        return {key for cell in self.by_cell for key in groups_of(*cell)}

    def apply(self, histograms: dict[GroupKey, Histogram]) -> None:
        for cell, (counts, totals) in self.by_cell.items():
            changes = [(slot, n) for slot, n in counts.items() if n]
            for key in groups_of(*cell):
                h = histograms.get(key)
                if h is None:
                    h = histograms[key] = Histogram()
                c, sums = h.counts, h.sums
                for slot, n in changes:
                    c[slot] += n
                for i, v in enumerate(totals):
                    sums[i] += v
                h.invalidate()


def newest(companies: Iterable[Company]) -> dict[str, Company]:
    """The newest update per company in a batch."""
    out: dict[str, Company] = {}
    for c in companies:
        known = out.get(c.vat)
        if known is None or known.updated_at < c.updated_at:
            out[c.vat] = c
    return out


def shown(
    asked: GroupKey, measure: Measure, histograms: Mapping[GroupKey, Histogram], floor: int
) -> Shown:
    """The narrowest group, starting at ``asked``, with at least ``floor`` companies with
    a value for ``measure``; its figures."""
    key: GroupKey | None = asked
    while key is not None:
        h = histograms.get(key)
        if h is not None and h.count(measure) >= floor:
            return Shown(asked, key, h.distribution(measure))
        key = key.wider()
    return Shown(asked, None, None)


def answering_group(
    asked: GroupKey, histograms: Mapping[GroupKey, Histogram], floor: int
) -> GroupKey | None:
    """The narrowest group from ``asked`` outwards with at least ``floor`` companies."""
    key: GroupKey | None = asked
    while key is not None:
        h = histograms.get(key)
        if h is not None and h.companies >= floor:
            return key
        key = key.wider()
    return None


@dataclass(frozen=True, slots=True)
class MonthMedian:
    group: GroupKey
    measure: Measure
    count: int
    median: float


def month_medians(histograms: Mapping[GroupKey, Histogram]) -> list[MonthMedian]:
    """Each group's median of each measure, as a month closes (the floor applies on read)."""
    out = []
    for key, h in histograms.items():
        for m in MEASURES:
            if h.count(m):
                out.append(MonthMedian(key, m, h.count(m), h.distribution(m).median))
    return out


def rollup(
    counts: Iterable[tuple[str, str, str, Sequence[int], Sequence[int]]],
    sums: Iterable[tuple[str, str, str, Sequence[int]]] = (),
) -> dict[GroupKey, Histogram]:
    """Groups' histograms from counts at the finest grain: per (country, section,
    division) its slots and their companies; and sums per (country, section, division)."""
    out: dict[GroupKey, Histogram] = {}
    for country, section, division, slots, ns in counts:
        for key in groups_of(country, section, division):
            h = out.get(key)
            if h is None:
                h = out[key] = Histogram()
            c = h.counts
            for slot, n in zip(slots, ns, strict=True):
                c[slot] += n
    for country, section, division, totals in sums:
        for key in groups_of(country, section, division):
            h = out.setdefault(key, Histogram())
            for i, v in enumerate(totals):
                h.sums[i] += v
    return out
