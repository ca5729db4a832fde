"""VAT numbers as printed on Benelux invoices, validated and normalised by python-stdnum."""

from __future__ import annotations

import pytest

from ocr.extraction.vat import find_vat_numbers, normalise_vat


def values(text: str) -> list[str]:
    return [m.value for m in find_vat_numbers(text)]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("BTW BE 0123.456.749", "BE0123456749"),
        ("BE 0123 456 749", "BE0123456749"),
        ("BE0123456749", "BE0123456749"),
        ("TVA: BE-0403.019.261", "BE0403019261"),
        ("BE 403.019.261", "BE0403019261"),  # old 9-digit form gets its leading zero
        ("NL004495445B01", "NL004495445B01"),
        ("btw-nr NL 0044.95.445.B01", "NL004495445B01"),
        ("NL002455799B11", "NL002455799B11"),  # sole-trader number, mod 97 checksum
        ("TVA LU 1502 7442", "LU15027442"),
        ("LU15027442", "LU15027442"),
        ("Ondernemingsnummer 0123.456.749", "BE0123456749"),
        ("N° d'entreprise 0403 019 261", "BE0403019261"),
    ],
)
def test_reads_printed_vat_numbers_in_compact_form_with_country_prefix(
    printed: str, expected: str
) -> None:
    assert values(printed) == [expected]


@pytest.mark.parametrize(
    ("misread", "expected"),
    [
        ("BTW BE O123.456.749", "BE0123456749"),  # O for 0
        ("BE 0l23 456 749", "BE0123456749"),  # l for 1
        ("BE 0403.0l9.26l", "BE0403019261"),
        ("NL004495445801", "NL004495445B01"),  # the letter B read as 8
        ("LU 15O2 7442", "LU15027442"),
        ("8E 0123.456.749", "BE0123456749"),  # the prefix itself misread
    ],
)
def test_repairs_ocr_confusions_when_the_raw_reading_fails_the_checksum(
    misread: str, expected: str
) -> None:
    (match,) = find_vat_numbers(misread)
    assert match.value == expected
    assert match.corrected


def test_a_number_that_passes_as_read_is_not_marked_corrected() -> None:
    (match,) = find_vat_numbers("BTW BE 0123.456.749")
    assert not match.corrected


@pytest.mark.parametrize(
    "text",
    [
        "BE 0123.456.748",  # checksum off by one
        "IBAN BE68 5390 0754 7034",
        "BE68 5390 0754 7034",
        "NL004495445X01",
        "LU15027443",
        "Tel. 0472 12 34 56",
        "Factuur 2026-0042",
    ],
)
def test_refuses_numbers_that_are_not_valid_benelux_vat_numbers(text: str) -> None:
    assert values(text) == []


def test_finds_both_numbers_on_one_line_in_reading_order() -> None:
    assert values("BTW BE 0403.019.261   BTW klant BE 0123.456.749") == [
        "BE0403019261",
        "BE0123456749",
    ]


def test_does_not_take_the_first_ten_digits_of_a_longer_number() -> None:
    assert values("BE01234567490000") == []


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        ("BE0123456749", "BE0123456749"),
        ("be 0123.456.749", "BE0123456749"),
        ("0123.456.749", "BE0123456749"),
        ("NL004495445B01", "NL004495445B01"),
        ("LU 150 274 42", "LU15027442"),
        ("not a vat", None),
    ],
)
def test_normalises_the_tenants_configured_vat_number(configured: str, expected: str) -> None:
    assert normalise_vat(configured) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("USt-IdNr. DE 136 695 976", "DE136695976"),
        ("TVA intracommunautaire FR 40 303 265 045", "FR40303265045"),
        ("UID-Nr. ATU13585627", "ATU13585627"),
        ("VAT No. IE 6388047V", "IE6388047V"),
        ("P.IVA IT00743110157", "IT00743110157"),
        ("NIF ESA28015865", "ESA28015865"),
        ("VAT Reg. No. GB 980 7806 84", "GB980780684"),
        ("USt-IdNr DEl36695976", "DE136695976"),  # l read for 1, repaired by the checksum
    ],
)
def test_reads_every_eu_and_uk_vat_format_not_only_benelux(printed: str, expected: str) -> None:
    assert values(printed) == [expected]


def test_a_german_iban_and_a_failing_checksum_are_not_vat_numbers() -> None:
    assert values("IBAN DE89 3704 0044 0532 0130 00") == []
    assert values("USt-IdNr. DE 136 695 977") == []


def test_a_tenant_abroad_is_configured_by_its_own_vat_number() -> None:
    assert normalise_vat("de 136 695 976") == "DE136695976"


def test_a_country_word_before_the_vat_label_does_not_hide_the_number() -> None:
    # "DE VAT DE…": the first "DE" starts a candidate that would swallow the real number.
    assert values("DE VAT DE355369209") == ["DE355369209"]
    assert values("FR TVA FR74397480930") == ["FR74397480930"]
