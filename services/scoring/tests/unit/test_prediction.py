"""Expected pay dates of open invoices, from the debtor's own habit and its country's."""

from __future__ import annotations

from datetime import date, timedelta

from scoring_testing import TODAY, experience, profile_of

from scoring.domain.prediction import DEFAULT_DISTRIBUTION, forecast, posterior, quantile_days


def test_a_debtor_that_always_pays_twelve_days_late_is_expected_twelve_days_late() -> None:
    history = [
        experience(due=date(2025, 10, 1) + timedelta(days=20 * i),
                   paid=date(2025, 10, 1) + timedelta(days=20 * i + 12), invoice=f"h{i}")
        for i in range(15)
    ]  # fmt: skip
    p = profile_of(*history)
    due = TODAY + timedelta(days=10)

    f = forecast(p.histogram, p.experiences, due, due - timedelta(days=30), TODAY)

    assert abs((f.expected - due).days - 12) <= 2
    assert f.early <= f.expected <= f.late


def test_an_invoice_already_overdue_is_expected_from_today_on() -> None:
    hist = posterior([0.0] * len(DEFAULT_DISTRIBUTION), DEFAULT_DISTRIBUTION)
    due = TODAY - timedelta(days=40)

    f = forecast(hist, 0.0, due, due - timedelta(days=30), TODAY)

    assert f.expected >= TODAY and f.early >= TODAY
    assert (f.expected - due).days > 40


def test_thin_histories_lean_on_the_country_distribution() -> None:
    prior_median = quantile_days(
        posterior([0.0] * len(DEFAULT_DISTRIBUTION), DEFAULT_DISTRIBUTION), 0.5
    )
    one_late = profile_of(experience(due=date(2026, 7, 1), paid=date(2026, 8, 30)))

    median = quantile_days(one_late.histogram, 0.5)

    assert prior_median < median < 60
