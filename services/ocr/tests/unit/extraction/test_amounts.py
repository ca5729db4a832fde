"""Money as printed on invoices becomes Decimal plus an ISO currency code, never a float."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ocr.extraction.amounts import find_amounts, parse_amount, parse_number


@pytest.mark.parametrize(
    ("printed", "value", "currency"),
    [
        ("1.234,56", "1234.56", None),
        ("1 234,56 €", "1234.56", "EUR"),
        ("€ 1,234.56", "1234.56", "EUR"),
        ("EUR 1234.56", "1234.56", "EUR"),
        ("1.234,-", "1234.00", None),
        ("1234,56", "1234.56", None),
        ("€1.210,00", "1210.00", "EUR"),
        ("1.000.000,00 EUR", "1000000.00", "EUR"),
        ("EUR 1234", "1234.00", "EUR"),
        ("€ 12.500", "12500.00", "EUR"),
        ("-250,00 EUR", "-250.00", "EUR"),
        ("USD 99.95", "99.95", "USD"),
        ("1\u00a0234,56 €", "1234.56", "EUR"),  # no-break space from a PDF text layer
        ("1.234,56 euro", "1234.56", "EUR"),
        # A space beside the decimal separator (OCR, per-glyph PDF text) keeps the cents.
        ("24. 75", "24.75", None),
        ("1021 ,91", "1021.91", None),
        ("34 , 73 EUR", "34.73", "EUR"),
    ],
)
def test_parses_benelux_and_english_amount_formats(
    printed: str, value: str, currency: str | None
) -> None:
    match = parse_amount(printed)
    assert match is not None
    assert match.value == Decimal(value)
    assert isinstance(match.value, Decimal)
    assert match.currency == currency


@pytest.mark.parametrize(
    "text",
    [
        "23.11.2026",
        "2026",
        "12.500",
        "BE0123.456.749",
        "21 %",
        "Kerkstraat 12",
        "9000 Gent",
        "21.00%",  # a VAT rate
        "12. 03. 2024",  # a date with spaces, not 12.03 and 2024
    ],
)
def test_dates_years_and_bare_integers_are_not_amounts(text: str) -> None:
    assert find_amounts(text) == []


def test_a_quantity_column_is_not_read_as_thousands() -> None:
    # Two spaces = a column gap between the quantity and the price.
    assert [a.value for a in find_amounts("2  100,00")] == [Decimal("100.00")]


def test_finds_every_amount_on_a_table_row() -> None:
    amounts = find_amounts("Renovatie dakgoot  2  500,00  1.000,00")
    assert [a.value for a in amounts] == [Decimal("500.00"), Decimal("1000.00")]


def test_number_parsing_uses_the_last_separator_as_decimal_point() -> None:
    assert parse_number("1.234.567,89") == Decimal("1234567.89")
    assert parse_number("1,234,567.89") == Decimal("1234567.89")
