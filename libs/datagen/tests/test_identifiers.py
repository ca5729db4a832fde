from __future__ import annotations

import numpy as np
import pytest
from stdnum import iban
from stdnum.be import ogm_vcs
from stdnum.be import vat as be_vat
from stdnum.eu import vat as eu_vat
from stdnum.lu import tva as lu_tva
from stdnum.nl import bsn
from stdnum.nl import btw as nl_btw
from stdnum.nl import postcode as nl_postcode

from datagen import Dataset
from datagen.vat import be_check_digits, ogm_reference


def _vats(ds: Dataset, country: str) -> list[str]:
    return [c.vat for c in ds.members + ds.debtors if c.country == country]


def test_every_generated_belgian_vat_number_has_valid_check_digits(big: Dataset) -> None:
    numbers = _vats(big, "BE")
    assert len(numbers) > 1000
    for number in numbers:
        assert len(number) == 12 and number[2] in "01"
        assert be_vat.validate(number) == number[2:]


def test_every_generated_dutch_vat_number_passes_the_eleven_check(big: Dataset) -> None:
    numbers = _vats(big, "NL")
    assert len(numbers) > 500
    for number in numbers:
        assert nl_btw.validate(number) == number[2:]
        # nl.btw also accepts the post-2020 mod 97 form; ours must be the RSIN 11-proef.
        assert bsn.checksum(number[2:11]) == 0
        assert number[11] == "B"


def test_every_generated_luxembourg_vat_number_has_valid_check_digits(big: Dataset) -> None:
    numbers = _vats(big, "LU")
    assert len(numbers) > 100
    for number in numbers:
        assert lu_tva.validate(number) == number[2:]
        assert int(number[2:8]) % 89 == int(number[8:])


def test_vat_numbers_are_stored_compact_with_their_country_prefix(big: Dataset) -> None:
    for company in big.members + big.debtors:
        assert eu_vat.compact(company.vat) == company.vat
        assert company.vat.startswith(company.country)


def test_no_two_companies_share_a_vat_number(big: Dataset) -> None:
    vats = [c.vat for c in big.members + big.debtors]
    assert len(set(vats)) == len(vats)


def test_check_digit_rules_reproduce_the_published_examples() -> None:
    # domain.md 4.1: 0403019261 -> 97 - (4030192 mod 97) = 61; 4.3: LU 150274 mod 89 = 42.
    assert be_check_digits(np.array([4030192], dtype=np.int64)).tolist() == [61]
    assert be_vat.is_valid("BE0403019261")
    assert lu_tva.is_valid(f"LU150274{150274 % 89:02d}")


def test_member_bank_accounts_are_valid_ibans(big: Dataset) -> None:
    for member in big.members:
        assert member.iban is not None
        assert iban.validate(member.iban) == member.iban
        assert member.iban.startswith(member.country)


def test_belgian_structured_payment_references_are_valid(small: Dataset) -> None:
    refs = [r.payment_reference for r in small.iter_invoices() if r.payment_reference]
    assert refs
    for ref in refs:
        assert ogm_vcs.is_valid(ref), ref
    assert len(set(refs)) == len(refs)
    assert ogm_reference(0) == "+++000/0000/00097+++"  # mod 97 == 0 is written as 97


@pytest.mark.parametrize("country", ["NL"])
def test_dutch_postcodes_are_real_postcode_shapes(big: Dataset, country: str) -> None:
    for company in big.members + big.debtors:
        if company.country == country:
            assert nl_postcode.is_valid(company.postcode), company.postcode
