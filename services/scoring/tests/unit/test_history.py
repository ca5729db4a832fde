"""A debtor's score by period, from the rows written when it changed."""

from __future__ import annotations

from datetime import date

from scoring.domain.history import HistoryRow, Period, by_period
from scoring.domain.scorecard import RiskLevel


def row(day: date, score: int) -> HistoryRow:
    return HistoryRow(day, score, RiskLevel.of(score))


def test_months_without_a_change_carry_the_score_forward() -> None:
    rows = [row(date(2026, 1, 10), 20), row(date(2026, 3, 5), 45), row(date(2026, 3, 20), 60)]

    points = by_period(rows, date(2026, 1, 1), date(2026, 4, 30), Period.MONTH)

    assert [(p.start.month, p.score) for p in points] == [(1, 20), (2, 20), (3, 60), (4, 60)]
    march = points[2]
    assert (march.min_score, march.max_score) == (20, 60)
    assert march.level is RiskLevel.HIGH


def test_periods_before_the_first_profile_are_unknown_and_a_row_before_opens_the_range() -> None:
    rows = [row(date(2025, 12, 1), 33), row(date(2026, 2, 15), 12)]

    weeks = by_period(rows[1:], date(2026, 2, 2), date(2026, 2, 22), Period.WEEK)
    opened = by_period(rows, date(2026, 1, 1), date(2026, 2, 28), Period.MONTH)

    assert [p.level for p in weeks] == [None, RiskLevel.LOW, RiskLevel.LOW]  # 15 Feb: a Sunday
    assert [p.score for p in opened] == [33, 12]
