"""The scorecard: what raises a debtor's score, what does not, and that it adds up."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_testing import TODAY, experience, profile_of

from scoring.domain.evidence import Experience
from scoring.domain.scorecard import Confidence, Reason, RiskLevel, Trend


def on_time(
    n: int, supplier: str = "member-a", start: date = date(2025, 10, 1)
) -> list[Experience]:
    return [
        experience(
            due=start + timedelta(days=30 * i),
            paid=start + timedelta(days=30 * i),
            supplier=supplier,
            invoice=f"{supplier}-ok-{i}",
        )
        for i in range(n)
        if start + timedelta(days=30 * i) <= TODAY
    ]


def test_a_debtor_who_always_pays_on_time_is_low_risk() -> None:
    p = profile_of(*on_time(10), *on_time(10, "member-b"))

    assert p.level is RiskLevel.LOW
    assert p.score <= 20
    assert p.avg_days_late == 0.0
    assert p.confidence is Confidence.GOOD


def test_paying_a_month_late_is_at_least_medium_and_two_months_high() -> None:
    def late_by(days: int) -> int:
        exps = [
            experience(
                due=date(2025, 10, 1) + timedelta(days=30 * i),
                paid=date(2025, 10, 1) + timedelta(days=30 * i + days),
                invoice=f"l{i}",
            )
            for i in range(10)
        ]
        return profile_of(*exps).score

    assert late_by(30) > 30
    assert late_by(60) > 50
    assert late_by(0) < late_by(15) < late_by(30) < late_by(60) < late_by(120)


def test_the_factors_points_add_up_to_the_score_and_each_has_a_sentence() -> None:
    exps = [
        *on_time(5),
        experience(due=date(2026, 6, 1), paid=None, amount="5000.00", invoice="open"),
        experience(due=date(2026, 3, 1), paid=date(2026, 5, 20), invoice="slow"),
    ]
    p = profile_of(*exps)

    assert sum(f.points for f in p.factors) == p.score
    assert all(f.sentence.endswith(".") for f in p.factors)
    reasons = {f.reason for f in p.factors}
    assert {Reason.PAYMENT_TIMING, Reason.OLDEST_OVERDUE, Reason.OVERDUE_EXPOSURE} <= reasons
    oldest = next(f for f in p.factors if f.reason is Reason.OLDEST_OVERDUE)
    assert oldest.value == (TODAY - date(2026, 6, 1)).days or oldest.value > 0
    assert abs(p.factors[0].points) >= abs(p.factors[-1].points)  # largest first


def test_an_unpaid_invoice_keeps_ageing_until_the_debtor_is_critical() -> None:
    exps = [*on_time(6), experience(due=TODAY - timedelta(days=5), amount="8000.00", invoice="u")]

    scores = [profile_of(*exps, today=TODAY + timedelta(days=d)).score for d in (0, 30, 90, 200)]
    later = profile_of(*exps, today=TODAY + timedelta(days=200))

    assert scores == sorted(scores) and scores[-1] > scores[0]
    assert later.level is RiskLevel.CRITICAL
    assert later.oldest_overdue_days >= 120


def test_a_disputed_invoice_does_not_count_as_late() -> None:
    base = on_time(8)
    disputed = experience(due=date(2026, 3, 1), invoice="d", disputed=True)
    undisputed = replace(disputed, disputed=False)

    assert profile_of(*base, disputed).score == profile_of(*base).score
    assert profile_of(*base, undisputed).score > profile_of(*base).score


def test_a_written_off_invoice_counts_as_at_least_four_months_late() -> None:
    base = on_time(8)
    written_off = experience(due=date(2026, 6, 1), written_off=date(2026, 6, 10), invoice="w")
    paid_late = experience(due=date(2026, 6, 1), paid=date(2026, 6, 10), invoice="w")

    assert profile_of(*base, written_off).score > profile_of(*base, paid_late).score
    assert profile_of(*base, written_off).avg_days_late > 10


def test_a_fully_credited_invoice_is_no_experience() -> None:
    base = on_time(8)
    credited = experience(due=date(2026, 3, 1), amount="0.00", invoice="c")

    assert profile_of(*base, credited).score == profile_of(*base).score
    assert profile_of(*base, credited).invoice_count == len(base)


def test_paying_early_earns_points_back() -> None:
    early = [
        experience(due=date(2025, 10, 1) + timedelta(days=30 * i),
                   paid=date(2025, 10, 1) + timedelta(days=30 * i - 15), invoice=f"e{i}")
        for i in range(10)
    ]  # fmt: skip

    assert profile_of(*early).score < profile_of(*on_time(10)).score
    factors = profile_of(*early).factors
    assert any(f.reason is Reason.EARLY_PAYMENT and f.points < 0 for f in factors)


def test_one_invoice_is_insufficient_data_and_the_profile_says_so() -> None:
    p = profile_of(experience(due=date(2026, 7, 1), paid=date(2026, 9, 1)))

    assert p.confidence is Confidence.INSUFFICIENT
    assert 0 < p.experiences < 1.5
    assert p.trend is Trend.UNKNOWN
    assert not p.credit.advised


def test_a_partial_payment_lowers_the_overdue_exposure() -> None:
    base = on_time(6)
    unpaid = experience(due=date(2026, 6, 1), amount="9000.00", invoice="p")
    partly = replace(unpaid, paid_amount=unpaid.amount * 8 / 10)

    assert profile_of(*base, partly).overdue_amount < profile_of(*base, unpaid).overdue_amount
    assert profile_of(*base, partly).score <= profile_of(*base, unpaid).score


def test_a_worsening_payer_reads_as_deteriorating_and_an_improving_one_as_improving() -> None:
    start = date(2024, 10, 1)
    worse = [
        experience(due=start + timedelta(days=20 * i), paid=start + timedelta(days=21 * i),
                   invoice=f"w{i}")
        for i in range(36)
    ]  # fmt: skip
    better = [
        experience(due=start + timedelta(days=20 * i),
                   paid=start + timedelta(days=20 * i + max(0, 70 - 2 * i)), invoice=f"b{i}")
        for i in range(36)
    ]  # fmt: skip

    assert profile_of(*worse).trend is Trend.DETERIORATING
    assert profile_of(*better).trend is Trend.IMPROVING
    assert profile_of(*on_time(12), *on_time(12, "member-b")).trend is Trend.STABLE


# --- Paying later never lowers the score -------------------------------------------------------

DAY = st.integers(min_value=-700, max_value=0).map(lambda d: TODAY + timedelta(days=d))


@st.composite
def histories(draw: st.DrawFn) -> list[Experience]:
    n = draw(st.integers(min_value=1, max_value=12))
    out = []
    for i in range(n):
        due = draw(DAY)
        lateness = draw(st.integers(min_value=-60, max_value=200))
        paid: date | None = due + timedelta(days=lateness)
        if paid is not None and paid > TODAY:
            paid = None
        out.append(
            experience(
                due=due,
                paid=paid,
                amount=draw(st.sampled_from(["10.00", "950.00", "4000.00", "250000.00"])),
                supplier=draw(st.sampled_from(["m1", "m2", "m3"])),
                invoice=f"i{i}",
                term_days=draw(st.sampled_from([1, 14, 30, 60])),
                disputed=draw(st.booleans()) and draw(st.booleans()) and draw(st.booleans()),
            )
        )
    return out


def later(e: Experience, days: int) -> Experience:
    """The same invoice paid ``days`` later (still open if that is after today)."""
    if e.settled_date is None:
        return e
    when = e.settled_date + timedelta(days=days)
    if when > TODAY:
        return replace(e, settled_date=None, paid_amount=e.amount * 0)
    return replace(e, settled_date=when)


@settings(max_examples=300, deadline=None)
@given(histories(), st.data())
def test_paying_any_invoice_later_never_lowers_the_score(
    history: list[Experience], data: st.DataObject
) -> None:
    i = data.draw(st.integers(min_value=0, max_value=len(history) - 1))
    days = data.draw(st.integers(min_value=1, max_value=400))
    moved = [later(e, days) if j == i else e for j, e in enumerate(history)]

    assert profile_of(*moved).score >= profile_of(*history).score


@settings(max_examples=200, deadline=None)
@given(histories())
def test_the_points_always_add_up_to_a_score_in_range(history: list[Experience]) -> None:
    p = profile_of(*history)

    assert 0 <= p.score <= 100
    assert sum(f.points for f in p.factors) == p.score
    assert p.level is RiskLevel.of(p.score)
