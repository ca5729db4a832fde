from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from datagen import Dataset
from datagen import config as cfg
from datagen.invoices import term_probabilities
from datagen.measure import (
    bankrupt_invoice,
    days_beyond_terms,
    debtor_attr,
    observed,
    on_time,
)


@pytest.mark.parametrize("country", cfg.COUNTRIES)
def test_share_of_invoices_paid_on_time_matches_the_published_figure(
    big: Dataset, country: cfg.Country
) -> None:
    sel = observed(big) & (debtor_attr(big, "country") == country)
    share = on_time(big)[sel].mean()
    assert share == pytest.approx(cfg.ON_TIME_SHARE[country], abs=0.02)


@pytest.mark.parametrize("country", cfg.COUNTRIES)
def test_mean_days_beyond_terms_matches_the_published_figure(
    big: Dataset, country: cfg.Country
) -> None:
    sel = observed(big) & (debtor_attr(big, "country") == country)
    mean = days_beyond_terms(big)[sel].mean()
    target = cfg.MEAN_DAYS_BEYOND_TERMS[country]
    assert mean == pytest.approx(target, rel=0.12)


def test_belgian_debtors_pay_later_than_dutch_ones(big: Dataset) -> None:
    country = debtor_attr(big, "country")
    dbt = days_beyond_terms(big)
    sel = observed(big)
    assert dbt[sel & (country == "BE")].mean() > 1.5 * dbt[sel & (country == "NL")].mean()


def test_large_debtors_pay_late_more_often_than_micro_debtors(big: Dataset) -> None:
    size = debtor_attr(big, "size")
    late = ~on_time(big)
    sel = observed(big) & (debtor_attr(big, "country") == "BE")
    assert late[sel & (size == "large")].mean() > late[sel & (size == "micro")].mean() + 0.1


def test_belgian_transport_pays_late_more_often_than_belgian_finance(big: Dataset) -> None:
    section = debtor_attr(big, "nace_section")
    late = ~on_time(big)
    sel = observed(big) & (debtor_attr(big, "country") == "BE")
    assert late[sel & (section == "H")].mean() > late[sel & (section == "K")].mean()


@pytest.mark.parametrize("country", cfg.COUNTRIES)
def test_payment_terms_follow_the_configured_mix_of_the_sellers_country(
    big: Dataset, country: cfg.Country
) -> None:
    inv = big.invoices
    members = big.members
    m = inv.member_id - 1
    m_country = np.array([c.country for c in members])[m]
    capped = (
        (debtor_attr(big, "country") == "NL")
        & (debtor_attr(big, "size") == "large")
        & (inv.issue_date >= np.datetime64(cfg.NL_LARGE_TO_SME_CAP_FROM))
    )
    sel = (m_country == country) & ~capped
    p = term_probabilities(
        np.array([cfg.COUNTRIES.index(c.country) for c in members], dtype=np.int8)[m[sel]],
        np.array([c.nace_section for c in members])[m[sel]],
        np.array([c.nace_division for c in members])[m[sel]],
    )
    expected = p.mean(axis=0)
    for k, term in enumerate(cfg.TERM_CHOICES):
        share = (inv.term_days[sel] == term).mean()
        # Terms are agreed per relationship, so invoices cluster: a wider band than binomial.
        assert share == pytest.approx(expected[k], abs=0.05), term
    assert (inv.term_days[sel] == 30).mean() > 0.4  # 30 days is the most common term


def test_no_payment_term_exceeds_the_legal_maximum_of_60_days(big: Dataset) -> None:
    assert big.invoices.term_days.max() <= cfg.LEGAL_MAX_TERM_DAYS
    assert set(np.unique(big.invoices.term_days).tolist()) <= set(cfg.TERM_CHOICES)


def test_large_dutch_debtors_get_at_most_30_days_from_smes_from_july_2023(big: Dataset) -> None:
    inv = big.invoices
    sel = (debtor_attr(big, "country") == "NL") & (debtor_attr(big, "size") == "large")
    after = sel & (inv.issue_date >= np.datetime64(cfg.NL_LARGE_TO_SME_CAP_FROM))
    before = sel & ~after
    assert after.sum() > 100
    assert inv.term_days[after].max() <= 30
    assert inv.term_days[before].max() > 30  # the cap is what bites, not a general lack of 60


def test_due_date_is_issue_date_plus_term_and_invoices_are_issued_on_weekdays(big: Dataset) -> None:
    inv = big.invoices
    assert ((inv.due_date - inv.issue_date).astype(np.int64) == inv.term_days).all()
    weekday = (inv.issue_date.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday
    assert weekday.max() <= 4


def test_bankrupt_debtors_stop_paying_and_stop_receiving_invoices(big: Dataset) -> None:
    n_members = len(big.members)
    bankrupt = {t.debtor_id: t.bankrupt_date for t in big.truth if t.bankrupt_date}
    assert len(bankrupt) > 20
    pay = big.payments
    for debtor_id, day in zip(pay.debtor_id.tolist(), pay.paid_on.tolist(), strict=True):
        if debtor_id in bankrupt:
            assert day < bankrupt[debtor_id]
    inv = big.invoices
    for debtor_id, issued in zip(inv.debtor_id.tolist(), inv.issue_date.tolist(), strict=True):
        if debtor_id in bankrupt:
            assert issued < bankrupt[debtor_id]
    unpaid = bankrupt_invoice(big) & (inv.paid_cents < inv.gross_cents)
    assert unpaid.sum() > 50
    assert n_members > 0


def test_partial_payments_sum_to_at_most_the_invoice_amount(big: Dataset) -> None:
    inv, pay = big.invoices, big.payments
    n = len(inv)
    per_invoice = np.bincount(pay.invoice_id - 1, minlength=n)
    total = np.zeros(n, dtype=np.int64)
    np.add.at(total, pay.invoice_id - 1, pay.amount_cents)
    assert (total <= inv.gross_cents).all()
    assert (total == inv.paid_cents).all()
    assert (pay.amount_cents > 0).all()
    multi = per_invoice > 1
    assert multi.sum() > 1000  # partial payers exist
    # Invoices paid in parts and settled add up exactly.
    settled = multi & ~np.isnat(inv.paid_date)
    assert (total[settled] == inv.gross_cents[settled]).all()
    assert (
        total[multi & bankrupt_invoice(big)] < inv.gross_cents[multi & bankrupt_invoice(big)]
    ).any()


def test_payments_fall_between_issue_date_and_as_of_date_on_working_days(big: Dataset) -> None:
    inv, pay = big.invoices, big.payments
    issued = inv.issue_date[pay.invoice_id - 1]
    assert (pay.paid_on >= issued).all()
    assert (pay.paid_on <= np.datetime64(big.config.as_of)).all()
    settle = ~np.isnat(inv.paid_date)
    weekday = (inv.paid_date[settle].astype(np.int64) + 3) % 7
    assert weekday.max() <= 4


def test_worsening_debtors_pay_later_in_their_second_year(big: Dataset) -> None:
    dbt = days_beyond_terms(big)
    drift = np.array([t.drift_class for t in big.truth])[
        big.invoices.debtor_id - len(big.members) - 1
    ]
    sel = observed(big) & (drift == "worsening")
    first = sel & (big.invoices.issue_date < np.datetime64("2023-07-01"))
    second = sel & (big.invoices.issue_date >= np.datetime64("2024-01-01"))
    assert dbt[second].mean() > 1.3 * dbt[first].mean()
    improving = observed(big) & (drift == "improving")
    assert (
        dbt[improving & (big.invoices.issue_date >= np.datetime64("2024-01-01"))].mean()
        < dbt[improving & (big.invoices.issue_date < np.datetime64("2023-07-01"))].mean()
    )


def test_expected_risk_level_ranks_debtors_by_their_observed_lateness(big: Dataset) -> None:
    dbt = days_beyond_terms(big)
    level = np.array([t.expected_risk_level for t in big.truth])[
        big.invoices.debtor_id - len(big.members) - 1
    ]
    sel = observed(big) & (big.invoices.issue_date >= np.datetime64("2024-01-01"))
    means = [dbt[sel & (level == lv)].mean() for lv in ("low", "medium", "high")]
    assert means[0] < means[1] < means[2]
    for t in big.truth:
        if t.bankrupt_date is not None:
            assert t.expected_risk_level == "critical" and t.expected_risk_score == 100
        assert 0 <= t.expected_risk_score <= 100


def test_amounts_are_two_place_decimals_and_gross_is_net_plus_vat(small: Dataset) -> None:
    for row in small.iter_invoices():
        for amount in (row.net_amount, row.vat_amount, row.gross_amount, row.paid_amount):
            assert amount.as_tuple().exponent == -2
        assert row.gross_amount == row.net_amount + row.vat_amount
        assert row.outstanding_amount == row.gross_amount - row.paid_amount
        exact = row.net_amount * row.vat_percent / 100
        assert abs(row.vat_amount - exact) <= 0.005  # rounded per EN 16931, not truncated


def test_cross_border_invoices_are_reverse_charged_without_vat(big: Dataset) -> None:
    m_country = np.array([c.country for c in big.members])[big.invoices.member_id - 1]
    cross = m_country != debtor_attr(big, "country")
    assert 0.05 < cross.mean() < 0.25
    assert (big.invoices.vat_cents[cross] == 0).all()
    assert (big.invoices.vat_percent[~cross] > 0).all()


def test_luxembourg_charged_16_percent_standard_vat_in_2023_only(big: Dataset) -> None:
    inv = big.invoices
    m = np.array([(c.country, c.nace_section) for c in big.members])[inv.member_id - 1]
    domestic_lu = (m[:, 0] == "LU") & (m[:, 1] != "A") & (debtor_attr(big, "country") == "LU")
    in_2023 = inv.issue_date < np.datetime64(dt.date(2024, 1, 1))
    if domestic_lu.any():
        assert set(inv.vat_percent[domestic_lu & in_2023].tolist()) <= {16}
        assert set(inv.vat_percent[domestic_lu & ~in_2023].tolist()) <= {17}
