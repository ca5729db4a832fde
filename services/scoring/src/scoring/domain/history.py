"""A debtor's score by period, for charts, from the rows written when it changed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from scoring.domain.scorecard import RiskLevel

MAX_POINTS = 800  # a long range at day resolution is refused rather than streamed


class Period(Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class HistoryRow:
    day: date
    score: int
    level: RiskLevel


@dataclass(frozen=True, slots=True)
class Point:
    start: date
    score: int
    level: RiskLevel | None  # None: no profile yet in this period
    min_score: int
    max_score: int


def period_start(day: date, period: Period) -> date:
    if period is Period.DAY:
        return day
    if period is Period.WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def _next(day: date, period: Period) -> date:
    if period is Period.DAY:
        return day + timedelta(days=1)
    if period is Period.WEEK:
        return day + timedelta(days=7)
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def periods(start: date, end: date, period: Period) -> Iterator[date]:
    day = period_start(start, period)
    while day <= end:
        yield day
        day = _next(day, period)


def count_periods(start: date, end: date, period: Period) -> int:
    return sum(1 for _ in periods(start, end, period))


def by_period(rows: Sequence[HistoryRow], start: date, end: date, period: Period) -> list[Point]:
    """One point per period from ``start`` to ``end``: the score at the period's end, and
    the lowest and highest it had during it. ``rows`` are in day order; a row before
    ``start`` gives the score the range opens with."""
    out: list[Point] = []
    i = 0
    current: HistoryRow | None = None
    while i < len(rows) and rows[i].day < period_start(start, period):
        current = rows[i]
        i += 1
    for p in periods(start, end, period):
        nxt = _next(p, period)
        seen = [current.score] if current else []
        while i < len(rows) and rows[i].day < nxt:
            current = rows[i]
            seen.append(current.score)
            i += 1
        if current is None:
            out.append(Point(p, 0, None, 0, 0))
        else:
            out.append(Point(p, current.score, current.level, min(seen), max(seen)))
    return out
