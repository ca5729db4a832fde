"""Dates in Dutch, French, German and English, and payment terms turned into due dates."""

from __future__ import annotations

from datetime import date

import pytest

from ocr.extraction.dates import find_terms, parse_date
from ocr.extraction.layout import normalise


@pytest.mark.parametrize(
    "printed",
    [
        "23/11/2026",
        "23-11-2026",
        "23.11.2026",
        "23/11/26",
        "2026-11-23",
        "23 november 2026",
        "23 nov. 2026",
        "23 Nov 2026",
        "le 23 novembre 2026",
        "23. November 2026",
        "November 23, 2026",
        "23rd November 2026",
        "23 novembre 2026",
    ],
)
def test_reads_the_same_day_in_every_supported_format(printed: str) -> None:
    assert parse_date(printed) == date(2026, 11, 23)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("1er mars 2026", date(2026, 3, 1)),
        ("3 févr. 2026", date(2026, 2, 3)),
        ("15 août 2026", date(2026, 8, 15)),
        ("2. März 2026", date(2026, 3, 2)),
        ("17 mei 2026", date(2026, 5, 17)),
        ("5 décembre 2026", date(2026, 12, 5)),
        ("9 okt. 2026", date(2026, 10, 9)),
        ("24. Dezember 2026", date(2026, 12, 24)),
        ("12 mrt 2026", date(2026, 3, 12)),
    ],
)
def test_knows_month_names_and_abbreviations_in_four_languages(
    printed: str, expected: date
) -> None:
    assert parse_date(printed) == expected


def test_numeric_dates_are_day_first_unless_that_is_impossible() -> None:
    assert parse_date("05/03/2026") == date(2026, 3, 5)
    assert parse_date("12/31/2026") == date(2026, 12, 31)


@pytest.mark.parametrize("text", ["31/02/2026", "1.234,56", "BE 0123.456.749", "2026"])
def test_refuses_what_is_not_a_calendar_date(text: str) -> None:
    assert parse_date(text) is None


INVOICED = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("printed", "due"),
    [
        ("Betaling binnen 30 dagen", date(2026, 12, 23)),
        ("Betaalbaar binnen 14 dagen na factuurdatum", date(2026, 12, 7)),
        ("30 dagen", date(2026, 12, 23)),
        ("Paiement à 30 jours", date(2026, 12, 23)),
        ("payable à 30 jours fin de mois", date(2026, 12, 31)),
        ("60 dagen einde maand", date(2027, 1, 31)),
        ("Net 30", date(2026, 12, 23)),
        ("Payment terms: net 30 days", date(2026, 12, 23)),
        ("within 45 days", date(2027, 1, 7)),
        ("Zahlbar innerhalb von 14 Tagen", date(2026, 12, 7)),
        ("Zahlungsziel: 30 Tage netto", date(2026, 12, 23)),
        ("Betaalbaar bij ontvangst", INVOICED),
        ("Payable à réception", INVOICED),
        ("Due on receipt", INVOICED),
    ],
)
def test_turns_payment_terms_into_a_due_date_from_the_invoice_date(printed: str, due: date) -> None:
    terms = find_terms(normalise(printed))
    assert terms is not None
    assert terms.due(INVOICED) == due


@pytest.mark.parametrize("text", ["Garantie 2 jaar", "Kerkstraat 30", "Aantal 3"])
def test_other_numbers_are_not_payment_terms(text: str) -> None:
    assert find_terms(normalise(text)) is None
