import pytest

from benelux.nace import (
    _GROUPS_AND_CLASSES,
    DIVISIONS,
    SECTIONS,
    InvalidNaceCode,
    parse_nace,
    section_of,
)


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("F", "F"), ("f", "F"), ("41", "F41"), ("F41", "F41"), ("f 41", "F41"),
        ("41.2", "F41.2"), ("41.20", "F41.20"), ("4120", "F41.20"), ("F41.20", "F41.20"),
        ("01.11", "A01.11"), ("C11", "C11"), ("99", "U99"),
    ],
)  # fmt: skip
def test_codes_written_the_common_ways_have_one_normal_form(written: str, normal: str) -> None:
    assert str(parse_nace(written)) == normal


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("", "not a NACE code"), ("Z", "not a NACE code"), ("ABCDEFGH", "not a NACE code"),
        ("4", "two digits"), ("41201", "two digits"), ("04", "no division 04"),
        ("00", "no division 00"), ("F10", "division 10 is in section C"),
        ("41.0", "no group 41.0"), ("4\x00", "not a NACE code"), ("41-20", "not a NACE code"),
        # In form a code, but not in the classification (62.10 is NACE 2.1's, not Rev. 2's).
        ("41.3", "no group 41.3"), ("41.21", "no class 41.21"), ("6210", "no class 62.10"),
        ("01.18", "no class 01.18"),
    ],
)  # fmt: skip
def test_anything_else_is_refused_with_the_reason(written: str, why: str) -> None:
    with pytest.raises(InvalidNaceCode, match=why):
        parse_nace(written)


def test_every_division_lies_in_the_range_of_its_section() -> None:
    assert len(SECTIONS) == 21 and len(DIVISIONS) == 88
    for division in DIVISIONS:
        _, low, high = SECTIONS[section_of(division)]
        assert low <= int(division) <= high


def test_an_error_repeats_at_most_a_short_prefix() -> None:
    with pytest.raises(InvalidNaceCode) as err:
        parse_nace("Z" * 10_000)
    assert len(str(err.value)) < 120


def test_the_bundled_list_has_the_official_totals_and_every_code_its_division() -> None:
    groups = {c for c in _GROUPS_AND_CLASSES if len(c) == 4}
    classes = {c for c in _GROUPS_AND_CLASSES if len(c) == 5}
    assert (len(groups), len(classes)) == (272, 615)  # Regulation (EC) No 1893/2006
    assert all(c[:4] in groups for c in classes)
    assert {c[:2] for c in _GROUPS_AND_CLASSES} == set(DIVISIONS)
    for code in ("62.01", "41.20", "47.11", "64.19", "96.09", "99.00"):
        assert str(parse_nace(code)).endswith(code)
