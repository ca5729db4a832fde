"""The measures, their buckets, and percentiles read off bucket counts.

Every group keeps one count per bucket of each measure (scores are whole numbers,
days are whole days, the late share is whole percent) and the exact sum of each
measure, so a percentile is a walk over at most a few hundred counts and an update
is one increment and one decrement per bucket.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from benchmark.domain.sectors import GroupKey


class Measure(Enum):
    SCORE = "score"
    DAYS_TO_PAY = "days_to_pay"
    DAYS_BEYOND_TERMS = "days_beyond_terms"
    LATE_SHARE = "late_share"


@dataclass(frozen=True, slots=True)
class Layout:
    offset: int  # first slot of the measure in a group's counts
    buckets: int  # buckets 0..buckets-1; larger values count in the last
    scale: int  # stored values are value * scale, exact integers
    width: int  # one bucket, in stored units (so a bucket is width / scale)

    def bucket(self, stored: int) -> int:
        """The bucket of a stored value: rounded half up, clamped. Integer arithmetic, so
        the rebuild's SQL (built from the same numbers) agrees to the last bucket."""
        return min(max((2 * stored + self.width) // (2 * self.width), 0), self.buckets - 1)

    def value(self, bucket: int) -> float:
        return bucket * self.width / self.scale


LAYOUT: dict[Measure, Layout] = {
    Measure.SCORE: Layout(0, 101, 1, 1),
    Measure.DAYS_TO_PAY: Layout(101, 241, 10, 10),  # whole days; 240 = "240 or more"
    Measure.DAYS_BEYOND_TERMS: Layout(342, 121, 100, 100),  # whole days; scoring caps at 120
    Measure.LATE_SHARE: Layout(463, 101, 10_000, 100),  # whole percent
}
LEVELS = ("low", "medium", "high", "critical")
LEVEL_TOPS = (30, 50, 70, 100)  # the published bands: low 0-30, ... critical 71-100


def level_of(score: int) -> int:
    """The index into LEVELS of a score's band."""
    return next(i for i, top in enumerate(LEVEL_TOPS) if score <= top)


LEVEL_OFFSET = 564
SLOTS = LEVEL_OFFSET + len(LEVELS)
MEASURES = tuple(LAYOUT)
QUANTILES = (0.10, 0.25, 0.50, 0.75, 0.90)


def scaled(measure: Measure, value: float) -> int:
    """A value as the exact integer the register stores (score, days x10, ...)."""
    return round(value * LAYOUT[measure].scale)


@dataclass(frozen=True, slots=True)
class Figures:
    """One company's values as stored: scaled integers, None where not known yet."""

    score: int
    level: int  # index into LEVELS
    days_to_pay: int | None  # x10
    days_beyond_terms: int | None  # x100
    late_share: int | None  # x10000

    def value(self, measure: Measure) -> int | None:
        match measure:
            case Measure.SCORE:
                return self.score
            case Measure.DAYS_TO_PAY:
                return self.days_to_pay
            case Measure.DAYS_BEYOND_TERMS:
                return self.days_beyond_terms
            case Measure.LATE_SHARE:
                return self.late_share

    def values(self) -> tuple[int | None, ...]:
        """Every measure's value, in ``MEASURES`` order."""
        return (self.score, self.days_to_pay, self.days_beyond_terms, self.late_share)

    def slots(self) -> list[int]:
        """The slots this company adds one to in each of its groups."""
        out = [LEVEL_OFFSET + self.level]
        for m, layout in LAYOUT.items():
            v = self.value(m)
            if v is not None:
                out.append(layout.offset + layout.bucket(v))
        return out


class Histogram:
    """One group's counts per slot and exact sums per measure."""

    __slots__ = ("_cum", "_stats", "counts", "sums")

    def __init__(self, counts: array[int] | None = None, sums: array[int] | None = None) -> None:
        self.counts: array[int] = counts if counts is not None else array("i", bytes(4 * SLOTS))
        self.sums: array[int] = sums if sums is not None else array("q", bytes(8 * len(MEASURES)))
        self._cum: dict[Measure, list[int]] = {}
        self._stats: dict[Measure, Stats] = {}

    @classmethod
    def from_bytes(cls, counts: bytes, sums: bytes) -> Histogram:
        c, s = array("i"), array("q")
        c.frombytes(counts)
        s.frombytes(sums)
        if len(c) < SLOTS:  # a layout that grew: new slots start empty
            c.extend([0] * (SLOTS - len(c)))
        return cls(c, s)

    def to_bytes(self) -> tuple[bytes, bytes]:
        return self.counts.tobytes(), self.sums.tobytes()

    def add(self, slots: Sequence[int], sums: Sequence[int], sign: int) -> None:
        for s in slots:
            self.counts[s] += sign
        for i, v in enumerate(sums):
            self.sums[i] += sign * v
        self.invalidate()

    def invalidate(self) -> None:
        """Forget the running counts after the counts changed."""
        self._cum.clear()
        self._stats.clear()

    @property
    def companies(self) -> int:
        return sum(self.counts[LEVEL_OFFSET:SLOTS])

    def levels(self) -> tuple[int, ...]:
        return tuple(self.counts[LEVEL_OFFSET:SLOTS])

    def cumulative(self, measure: Measure) -> list[int]:
        """Running counts: ``cum[b]`` companies at bucket b or below."""
        cum = self._cum.get(measure)
        if cum is None:
            layout = LAYOUT[measure]
            cum, total = [], 0
            for n in self.counts[layout.offset : layout.offset + layout.buckets]:
                total += n
                cum.append(total)
            self._cum[measure] = cum
        return cum

    def count(self, measure: Measure) -> int:
        return self.cumulative(measure)[-1]

    def distribution(self, measure: Measure) -> Stats:
        found = self._stats.get(measure)
        if found is None:
            found = self._stats[measure] = self._distribution(measure)
        return found

    def _distribution(self, measure: Measure) -> Stats:
        cum = self.cumulative(measure)
        n = cum[-1]
        layout = LAYOUT[measure]
        if n == 0:
            return Stats(measure, 0, (0.0,) * len(QUANTILES), 0.0)
        quantiles = tuple(layout.value(_nearest_rank(cum, q, n)) for q in QUANTILES)
        mean = self.sums[MEASURES.index(measure)] / layout.scale / n
        return Stats(measure, n, quantiles, round(mean, 4 if measure is Measure.LATE_SHARE else 1))

    def standing(self, measure: Measure, value: int) -> tuple[float, float]:
        """(better than, worse than): shares 0-100 of the *other* companies in the group
        with a worse (higher) and a better (lower) value than ``value``."""
        cum = self.cumulative(measure)
        b = LAYOUT[measure].bucket(value)
        others = cum[-1] - 1
        if others <= 0:
            return 0.0, 0.0
        below = cum[b - 1] if b > 0 else 0
        above = cum[-1] - cum[b]
        return round(100 * above / others, 1), round(100 * below / others, 1)


def _nearest_rank(cum: list[int], q: float, n: int) -> int:
    rank = max(1, math.ceil(q * n - 1e-9))
    lo, hi = 0, len(cum) - 1
    while lo < hi:  # the first bucket whose running count reaches the rank
        mid = (lo + hi) // 2
        if cum[mid] >= rank:
            hi = mid
        else:
            lo = mid + 1
    return lo


@dataclass(frozen=True, slots=True)
class Stats:
    measure: Measure
    count: int
    quantiles: tuple[float, ...]  # p10, p25, median, p75, p90
    mean: float

    @property
    def median(self) -> float:
        return self.quantiles[2]


@dataclass(frozen=True, slots=True)
class Shown:
    """A measure's figures for a group asked for, after the privacy floor."""

    asked: GroupKey
    group: GroupKey | None  # the group that answers; None when even the widest is too small
    stats: Stats | None

    @property
    def withheld(self) -> bool:
        return self.group != self.asked


_PHRASES = {
    Measure.SCORE: ("is a lower risk than", "is a higher risk than"),
    Measure.DAYS_TO_PAY: ("pays faster than", "pays slower than"),
    Measure.DAYS_BEYOND_TERMS: (
        "pays fewer days beyond terms than", "pays more days beyond terms than"
    ),
    Measure.LATE_SHARE: ("pays late less often than", "pays late more often than"),
}  # fmt: skip


def sentence(measure: Measure, better_than: float, worse_than: float, group: GroupKey) -> str:
    """ "pays faster than 72% of companies in construction (F) in Belgium"."""
    good, bad = _PHRASES[measure]
    where = f"companies in {group.name()}"
    if better_than == 0 and worse_than == 0:
        return f"is level with the other {where}"
    if better_than >= worse_than:
        return f"{good} {better_than:g}% of {where}"
    return f"{bad} {worse_than:g}% of {where}"
