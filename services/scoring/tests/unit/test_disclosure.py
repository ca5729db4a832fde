"""No member learns another member's figures from a profile (k = 3 other members)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from scoring_testing import experience, profile_of

from scoring.domain.disclosure import Disclosure, amount_band, count_band, view
from scoring.domain.evidence import Experience


def open_invoices(supplier: str, amount: str, n: int = 2) -> list[Experience]:
    return [
        experience(due=date(2026, 8, 1 + i), amount=amount, supplier=supplier,
                   invoice=f"{supplier}-{i}")
        for i in range(n)
    ]  # fmt: skip


def test_with_one_other_member_amounts_are_withheld_and_counts_banded() -> None:
    p = profile_of(*open_invoices("me", "1000.00"), *open_invoices("rival", "7345.67", 3))

    mine = view(p, "me")

    assert mine.amount_disclosure is Disclosure.WITHHELD
    assert mine.open_amount is None and mine.open_band is None
    assert mine.count_disclosure is Disclosure.BANDED
    assert mine.invoice_count is None
    assert mine.invoice_count_band == (5, 9)


def test_the_subtraction_attack_learns_only_a_wide_interval() -> None:
    # The caller knows its own 2,000.00 open; three others report. Subtracting its part
    # from the shown band leaves an interval, never the others' exact figure.
    rivals = [*open_invoices("a", "3100.00"), *open_invoices("b", "45.10"),
              *open_invoices("c", "980.00")]  # fmt: skip
    p = profile_of(*open_invoices("me", "1000.00"), *rivals)

    mine = view(p, "me")

    assert mine.amount_disclosure is Disclosure.BANDED
    assert mine.open_amount is None
    band = mine.open_band
    assert band is not None and band.upper is not None
    others_low, others_high = band.lower - 2000, band.upper - 2000
    assert others_low <= p.open_amount - 2000 < others_high
    assert others_high - max(others_low, Decimal(0)) >= Decimal("5000")  # coarse
    assert mine.count_disclosure is Disclosure.EXACT  # three others: counts are safe


def test_a_member_alone_sees_its_own_figures_exactly() -> None:
    p = profile_of(*open_invoices("me", "1234.50"))

    mine = view(p, "me")

    assert mine.amount_disclosure is Disclosure.EXACT
    assert mine.open_amount == Decimal("2469.00")
    assert mine.invoice_count == 2


def test_a_partner_counts_every_member_as_another() -> None:
    two = profile_of(*open_invoices("a", "10.00"), *open_invoices("b", "10.00"))
    three = profile_of(*open_invoices("a", "10.00"), *open_invoices("b", "10.00"),
                       *open_invoices("c", "10.00"))  # fmt: skip

    assert view(two, None).amount_disclosure is Disclosure.WITHHELD
    assert view(three, None).amount_disclosure is Disclosure.BANDED
    assert view(three, None).invoice_count == 6


def test_the_register_operator_sees_exact_figures() -> None:
    p = profile_of(*open_invoices("a", "10.00"), *open_invoices("b", "10.00"))

    assert view(p, None, operator=True).open_amount == Decimal("40.00")


def test_bands_cover_every_amount_and_count() -> None:
    assert count_band(0) == (0, 0) and count_band(4) == (1, 4) and count_band(5000) == (1000, 0)
    assert amount_band(Decimal("0")).upper == 0
    assert amount_band(Decimal("999.99")).upper == 1000
    assert amount_band(Decimal("6000000")).upper is None
