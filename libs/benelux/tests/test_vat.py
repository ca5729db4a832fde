import pytest

from benelux.vat import InvalidVatNumber, parse_vat


@pytest.mark.parametrize(
    ("written", "compact"),
    [
        ("BE0123456749", "BE0123456749"),
        ("BTW BE 0123.456.749", "BE0123456749"),
        ("be 0123 456 749", "BE0123456749"),
        ("0123.456.749", "BE0123456749"),
        ("123456749", "BE0123456749"),
        ("TVA LU 1502 7442", "LU15027442"),
        ("NL 0044.95.445.B01", "NL004495445B01"),
    ],
)
def test_accepts_benelux_vat_numbers_written_any_common_way(written: str, compact: str) -> None:
    vat = parse_vat(written)
    assert vat.number == compact
    assert vat.country == compact[:2]


@pytest.mark.parametrize("written", ["BE0123456748", "NL004495446B01", "LU15027443", "", "hello"])
def test_rejects_numbers_with_a_wrong_check_digit_or_no_number_at_all(written: str) -> None:
    with pytest.raises(InvalidVatNumber):
        parse_vat(written)


def test_rejects_vat_numbers_from_outside_the_benelux() -> None:
    with pytest.raises(InvalidVatNumber, match="not a Belgian, Dutch or Luxembourg"):
        parse_vat("DE136695976")


def test_an_error_repeats_at_most_a_short_prefix_of_a_hostile_input() -> None:
    with pytest.raises(InvalidVatNumber) as err:
        parse_vat("BE" + "9" * 100_000)
    assert len(str(err.value)) < 120 and "..." in str(err.value)
