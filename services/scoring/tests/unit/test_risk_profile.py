"""The risk profile computed from a debtor's payment experiences."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from scoring.domain.model import (
    Experience,
    ProfileChange,
    RiskLevel,
    RiskProfile,
    compute_profile,
    score_from_days_late,
)

NOW = datetime(2026, 9, 15, 12, 0, tzinfo=UTC)
TODAY = NOW.date()


def experience(
    *,
    due: date,
    paid: date | None,
    amount: str = "1000.00",
    supplier: str = "member-a",
    invoice: str = "",
    term_days: int = 30,
) -> Experience:
    return Experience(
        invoice_id=invoice or f"inv-{due}-{paid}-{amount}-{supplier}",
        supplier=supplier,
        issue_date=due - timedelta(days=term_days),
        due_date=due,
        amount=Decimal(amount),
        paid_date=paid,
    )


def profile_of(*experiences: Experience) -> RiskProfile:
    return compute_profile("BE0123456749", "BE", "F", list(experiences), NOW)


def test_a_debtor_who_always_pays_on_time_scores_zero_and_low() -> None:
    profile = profile_of(
        experience(due=date(2026, 7, 1), paid=date(2026, 6, 25)),
        experience(due=date(2026, 8, 1), paid=date(2026, 8, 1)),
    )

    assert profile.score == 0
    assert profile.level is RiskLevel.LOW
    assert profile.avg_days_late == 0.0
    assert profile.paid_count == 2
    assert profile.invoice_count == 2


def test_paying_thirty_days_late_lands_in_the_high_band() -> None:
    profile = profile_of(experience(due=date(2026, 7, 1), paid=date(2026, 7, 31)))

    assert profile.score == 63
    assert profile.level is RiskLevel.HIGH
    assert profile.avg_days_late == 30.0


def test_paying_fifteen_days_late_is_medium_and_sixty_days_is_critical() -> None:
    fifteen = profile_of(experience(due=date(2026, 7, 1), paid=date(2026, 7, 16)))
    sixty = profile_of(experience(due=date(2026, 7, 1), paid=date(2026, 8, 30)))

    assert (fifteen.score, fifteen.level) == (39, RiskLevel.MEDIUM)
    assert sixty.level is RiskLevel.CRITICAL


def test_an_open_invoice_past_its_due_date_counts_as_late_so_far() -> None:
    overdue = experience(due=TODAY - timedelta(days=30), paid=None, amount="500.00")

    profile = profile_of(overdue)

    assert profile.score == 63
    assert profile.level is RiskLevel.HIGH
    assert profile.open_amount == Decimal("500.00")
    assert profile.overdue_amount == Decimal("500.00")
    assert profile.paid_count == 0
    assert profile.avg_days_late == 0.0  # averages describe settled invoices only


def test_an_open_invoice_not_yet_due_is_open_but_not_overdue_and_not_late() -> None:
    profile = profile_of(
        experience(due=TODAY + timedelta(days=10), paid=None, amount="700.00"),
        experience(due=date(2026, 7, 1), paid=date(2026, 7, 1)),
    )

    assert profile.score == 0
    assert profile.open_amount == Decimal("700.00")
    assert profile.overdue_amount == Decimal("0.00")


def test_one_big_late_invoice_outweighs_many_small_on_time_ones() -> None:
    small_on_time = [
        experience(due=date(2026, 6, d), paid=date(2026, 6, d), amount="100.00")
        for d in range(1, 11)
    ]
    big_late = experience(due=date(2026, 6, 1), paid=date(2026, 7, 31), amount="10000.00")

    profile = profile_of(*small_on_time, big_late)

    assert profile.level is RiskLevel.CRITICAL  # an unweighted mean of days would say LOW
    assert profile.score == score_from_days_late(60 * 10000 / 11000)


def test_small_late_invoices_barely_move_a_debtor_who_pays_big_ones_on_time() -> None:
    profile = profile_of(
        experience(due=date(2026, 6, 1), paid=date(2026, 7, 31), amount="10.00"),
        experience(due=date(2026, 6, 1), paid=date(2026, 6, 1), amount="10000.00"),
    )

    assert profile.level is RiskLevel.LOW
    assert profile.avg_days_late == 30.0  # the plain average still shows the late one


def test_supplier_count_counts_distinct_suppliers() -> None:
    profile = profile_of(
        experience(due=date(2026, 7, 1), paid=date(2026, 7, 1), supplier="member-a"),
        experience(due=date(2026, 8, 1), paid=date(2026, 8, 1), supplier="member-a"),
        experience(due=date(2026, 8, 2), paid=None, supplier="member-b"),
    )

    assert profile.supplier_count == 2
    assert profile.invoice_count == 3


def test_average_days_to_pay_counts_from_the_issue_date() -> None:
    profile = profile_of(
        experience(due=date(2026, 7, 1), paid=date(2026, 7, 11), term_days=30),  # 40 days
        experience(due=date(2026, 8, 1), paid=date(2026, 7, 22), term_days=30),  # 20 days
    )

    assert profile.avg_days_to_pay == 30.0
    assert profile.avg_days_late == 5.0


def test_a_debtor_without_experiences_scores_zero() -> None:
    profile = profile_of()

    assert (profile.score, profile.level, profile.invoice_count) == (0, RiskLevel.LOW, 0)


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (0, RiskLevel.LOW),
        (30, RiskLevel.LOW),
        (31, RiskLevel.MEDIUM),
        (50, RiskLevel.MEDIUM),
        (51, RiskLevel.HIGH),
        (70, RiskLevel.HIGH),
        (71, RiskLevel.CRITICAL),
        (100, RiskLevel.CRITICAL),
    ],
)
def test_risk_levels_change_exactly_at_their_boundaries(score: int, level: RiskLevel) -> None:
    assert RiskLevel.of(score) is level


def test_a_first_profile_has_moved() -> None:
    assert ProfileChange(None, profile_of()).moved


def test_a_recomputed_profile_with_the_same_score_and_level_has_not_moved() -> None:
    before = profile_of(experience(due=date(2026, 7, 1), paid=date(2026, 7, 1)))
    after = dataclasses.replace(before, invoice_count=5, updated_at=NOW + timedelta(hours=1))

    assert not ProfileChange(before, after).moved


def test_a_score_change_within_the_same_level_has_moved() -> None:
    before = profile_of(experience(due=date(2026, 7, 1), paid=date(2026, 7, 1)))
    after = dataclasses.replace(before, score=before.score + 1)

    assert after.level is before.level
    assert ProfileChange(before, after).moved
