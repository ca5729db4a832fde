"""What a reader is shown: a group's figures and a company's standing, under the floor."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from benchmark.domain.measures import (
    LAYOUT,
    MEASURES,
    Histogram,
    Layout,
    Measure,
    Shown,
    sentence,
)
from benchmark.domain.model import Company, add_months, answering_group, shown
from benchmark.domain.sectors import GroupKey

TREND_MONTHS = 12
_LAYOUTS = tuple(LAYOUT[m] for m in MEASURES)


@dataclass(frozen=True, slots=True)
class MonthPoint:
    month: date
    count: int
    median: float | None  # None: under the floor that month


@dataclass(frozen=True, slots=True)
class SectorView:
    asked: GroupKey
    group: GroupKey | None  # the group that answers; None when even the widest is too small
    measures: tuple[Shown, ...]
    levels: tuple[int, ...]  # low, medium, high, critical (of ``group``)
    trends: dict[Measure, tuple[MonthPoint, ...]]

    @property
    def withheld(self) -> bool:
        return self.group != self.asked


# Standing, Placement and Position are built per request by the thousand and never changed
# afterwards: plain (not frozen) dataclasses, which construct several times faster.
@dataclass(slots=True)
class Standing:
    measure: Measure
    known: bool
    value: float
    better_than: float
    worse_than: float
    sentence: str
    shown: Shown


@dataclass(slots=True)
class Placement:
    scope: str  # "division", "section", "country"
    asked: GroupKey
    withheld: bool
    standings: tuple[Standing, ...]


@dataclass(slots=True)
class Position:
    company: Company
    placements: tuple[Placement, ...]


Medians = Mapping[tuple[GroupKey, Measure], Mapping[date, tuple[int, float]]]


class Peers:
    """The groups' histograms as one reader sees them, with what the privacy floor lets it
    show worked out once per group and measure (the histograms do not change under it)."""

    def __init__(self, histograms: Mapping[GroupKey, Histogram], floor: int) -> None:
        self.histograms = histograms
        self.floor = floor
        self.sizes = {k: h.companies for k, h in histograms.items()}
        self._shown: dict[tuple[GroupKey, Measure], Shown] = {}
        self._answering: dict[GroupKey, GroupKey | None] = {}
        self._all: dict[GroupKey, tuple[Shown, ...]] = {}
        self._standing: dict[tuple[int, int], tuple[float, float, str]] = {}

    def shown(self, asked: GroupKey, measure: Measure) -> Shown:
        key = (asked, measure)
        found = self._shown.get(key)
        if found is None:
            found = self._shown[key] = shown(asked, measure, self.histograms, self.floor)
        return found

    def shown_all(self, asked: GroupKey) -> tuple[Shown, ...]:
        """``shown`` for every measure, in ``MEASURES`` order."""
        found = self._all.get(asked)
        if found is None:
            found = self._all[asked] = tuple(self.shown(asked, m) for m in MEASURES)
        return found

    def standing(
        self, view: Shown, measure: Measure, layout: Layout, stored: int
    ) -> tuple[float, float, str]:
        """(better than, worse than, the sentence) of a value against the group that
        answers; the same for every value in one bucket, so worked out once per bucket.
        Keyed by the view's identity (one per asked group and measure, living as long as
        these peers): hashing the enum on every call would cost more than the lookup."""
        if view.group is None:
            return 0.0, 0.0, ""
        key = (id(view), layout.bucket(stored))
        found = self._standing.get(key)
        if found is None:
            better, worse = self.histograms[view.group].standing(measure, stored)
            found = (better, worse, sentence(measure, better, worse, view.group))
            self._standing[key] = found
        return found

    def answering(self, asked: GroupKey) -> GroupKey | None:
        if asked not in self._answering:
            self._answering[asked] = answering_group(asked, self.histograms, self.floor)
        return self._answering[asked]


def sector_view(
    asked: GroupKey, peers: Peers, medians: Medians, current_month: date | None
) -> SectorView:
    group = peers.answering(asked)
    measures = tuple(peers.shown(group or asked, m) for m in MEASURES)
    if group is None:
        return SectorView(asked, None, measures, (0, 0, 0, 0), {})
    h = peers.histograms[group]
    trends = {
        m: trend(group, m, h, medians, current_month, peers.floor) for m in MEASURES
    } if current_month else {}  # fmt: skip
    return SectorView(asked, group, measures, h.levels(), trends)


def trend(
    group: GroupKey,
    measure: Measure,
    live: Histogram,
    medians: Medians,
    current_month: date,
    floor: int,
) -> tuple[MonthPoint, ...]:
    """The median of the last 12 months, the current one live; a month without a close of
    its own (nothing changed) carries the month before."""
    closed = medians.get((group, measure), {})
    points: list[MonthPoint] = []
    last: tuple[int, float] | None = None
    earlier = [m for m in closed if m < add_months(current_month, 1 - TREND_MONTHS)]
    if earlier:
        last = closed[max(earlier)]
    for i in range(TREND_MONTHS - 1, 0, -1):
        month = add_months(current_month, -i)
        last = closed.get(month, last)
        if last is None:
            continue
        n, median = last
        points.append(MonthPoint(month, n, median if n >= floor else None))
    n = live.count(measure)
    if n:
        points.append(
            MonthPoint(current_month, n, live.distribution(measure).median if n >= floor else None)
        )
    return tuple(points)


def position(company: Company, peers: Peers, measures: bool = True) -> Position:
    """Where a company stands in its division, section and country on every measure
    (without ``measures``: only which groups those are)."""
    scopes = [("division", company.division), ("section", company.section), ("country", "")]
    values = company.figures.values()
    placements = []
    for scope, sector in scopes:
        if scope != "country" and not sector:
            continue
        asked = GroupKey(company.country, sector)
        standings = []
        shown = peers.shown_all(asked) if measures else ()
        for m, layout, view, stored in zip(MEASURES, _LAYOUTS, shown, values, strict=measures):
            if stored is None:
                standings.append(Standing(m, False, 0.0, 0.0, 0.0, "", view))
                continue
            better, worse, text = peers.standing(view, m, layout, stored)
            standings.append(Standing(m, True, stored / layout.scale, better, worse, text, view))
        placements.append(
            Placement(scope, asked, peers.answering(asked) != asked, tuple(standings))
        )
    return Position(company, tuple(placements))
