"""The dunning ladder, one grouped reminder, and the statutory interest shown as entitlement."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from scoring_testing import TODAY, experience, profile_of

from scoring.adapters.rates import load_rates
from scoring.domain.action_plan import ActionPlan, Step, ladder, plan
from scoring.domain.evidence import Experience
from scoring.domain.scorecard import RiskLevel
from scoring.settings import DEFAULT_RATES

RATES = load_rates(DEFAULT_RATES)


def plan_for(invoices: list[Experience], country: str = "BE") -> ActionPlan:
    p = profile_of(*invoices)
    return plan(
        level=p.level,
        score=p.score,
        open_invoices=invoices,
        histogram=p.histogram,
        experiences=p.experiences,
        creditor_country=country,
        rates=RATES,
        today=TODAY,
    )


def test_a_debtor_that_pays_twelve_days_late_gets_its_reminder_before_that() -> None:
    steps = ladder(RiskLevel.MEDIUM, usual_days_late=12)

    assert steps[0].step is Step.REMINDER and steps[0].day < 12
    assert [s.step for s in steps] == [
        Step.REMINDER, Step.FORMAL_NOTICE, Step.PHONE_CALL, Step.LAST_NOTICE, Step.COLLECTION
    ]  # fmt: skip
    assert all(b.day - a.day >= 3 for a, b in itertools.pairwise(steps))


def test_higher_risk_escalates_sooner() -> None:
    low, critical = ladder(RiskLevel.LOW, 0), ladder(RiskLevel.CRITICAL, 0)

    assert all(c.day <= lo.day for c, lo in zip(critical, low, strict=True))
    assert critical[-1].day < low[-1].day


def test_all_overdue_invoices_go_in_one_reminder_at_the_highest_step() -> None:
    invoices = [
        experience(due=TODAY - timedelta(days=50), amount="1000.00", invoice="old"),
        experience(due=TODAY - timedelta(days=10), amount="500.00", invoice="new"),
        experience(due=TODAY + timedelta(days=10), amount="200.00", invoice="not-due"),
    ]
    result = plan_for(invoices, "BE")

    assert result.reminder is not None
    assert set(result.reminder.invoice_ids) == {"old", "new"}
    steps = {i.invoice_id: i.step for i in result.invoices}
    assert result.reminder.step is max(steps["old"], steps["new"], key=lambda s: s.name != "NONE")
    assert steps["not-due"] is Step.NONE
    assert result.reminder.outstanding == Decimal("1500.00")
    assert result.reminder.compensation == Decimal("80.00")  # EUR 40 per overdue invoice
    assert result.reminder.late_interest > 0


def test_high_and_critical_debtors_get_advice_for_new_orders() -> None:
    invoices = [experience(due=TODAY - timedelta(days=110), amount="9000.00", invoice=f"u{i}")
                for i in range(4)]  # fmt: skip
    result = plan_for(invoices, "NL")

    assert result.level in (RiskLevel.HIGH, RiskLevel.CRITICAL)
    assert any("prepayment" in a or "shorten" in a for a in result.advice)
    assert "6:119a" in result.law


def test_a_disputed_invoice_is_not_dunned_and_earns_no_interest() -> None:
    invoices = [experience(due=TODAY - timedelta(days=40), invoice="d", disputed=True)]
    result = plan_for(invoices, "BE")

    assert result.reminder is None
    assert result.invoices[0].late_interest == 0


def test_interest_follows_each_half_years_rate_and_belgium_rounds_up() -> None:
    # BE: ECB 4.25% + 8 = 12.25%, rounded up to 12.5% for 2024 H2; NL keeps 12.25%.
    assert RATES.rate_on("BE", date(2024, 8, 1)) == Decimal("12.5")
    assert RATES.rate_on("NL", date(2024, 8, 1)) == Decimal("12.25")
    assert RATES.rate_on("BE", date(2023, 3, 1)) == Decimal("10.5")  # published: 10.5%
    # 1,000 EUR due 30 June 2024, paid 31 December 2024: 184 days at 12.5%.
    interest = RATES.interest("BE", Decimal("1000.00"), date(2024, 6, 30), date(2024, 12, 31))
    assert interest == Decimal("63.01")
    # Across a half-year boundary each part has its own rate.
    across = RATES.interest("NL", Decimal("1000.00"), date(2023, 12, 31), date(2024, 1, 31))
    assert across == (Decimal("1000") * Decimal("0.125") * 31 / 365).quantize(Decimal("0.01"))


def test_a_rates_file_with_a_half_year_not_on_the_first_is_refused(tmp_path: Path) -> None:
    import pytest

    from scoring.adapters.rates import InvalidRateTable

    bad = tmp_path / "rates.toml"
    bad.write_text(
        '[[half_year]]\nfrom = 2024-03-01\necb_rate = "1.0"\n[country.BE]\n'
        'points = "8"\nround_up_to = "0.5"\ncompensation = "40"\nlaw = "x"\n'
    )
    with pytest.raises(InvalidRateTable):
        load_rates(bad)
