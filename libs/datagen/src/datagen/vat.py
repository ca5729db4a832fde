"""Identifiers with real check digits: BE/NL/LU VAT numbers, IBANs, Belgian structured references.

Check digits are computed here with numpy (tens of thousands at once); the tests validate every
one with python-stdnum, the library the services use (domain.md §4).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from stdnum import iban as stdnum_iban

IntArray = npt.NDArray[np.int64]

# Belgian enterprise numbers are 10 digits starting with 0 or 1; the first 8 form the base
# (domain.md §4.1), so bases lie below 2e7. Bases below 2e6 would start "00", which no
# enterprise number does.
_BE_BASE_LOW = 2_000_000
_BE_BASE_HIGH = 20_000_000
# RSINs of legal entities start with 8 [assumption]; 8 digits + one 11-proef digit.
_NL_FIRST_DIGIT = 8
_LU_BASE_LOW = 100_000
_LU_BASE_HIGH = 1_000_000


def _unique_draws(rng: np.random.Generator, low: int, high: int, n: int) -> IntArray:
    """n distinct integers in [low, high), in draw order so the result depends only on the seed."""
    out = np.empty(0, dtype=np.int64)
    while out.size < n:
        draw = rng.integers(low, high, size=(n - out.size) * 2 + 8, dtype=np.int64)
        merged = np.concatenate([out, draw])
        _, first = np.unique(merged, return_index=True)
        out = merged[np.sort(first)]
    return out[:n]


def be_check_digits(bases: IntArray) -> IntArray:
    """97 - (first 8 digits mod 97); a base divisible by 97 gets 97 (stdnum.be.vat)."""
    return 97 - bases % 97


def be_vat_numbers(rng: np.random.Generator, n: int) -> list[str]:
    bases = _unique_draws(rng, _BE_BASE_LOW, _BE_BASE_HIGH, n)
    checks = be_check_digits(bases)
    return [f"BE{b:08d}{c:02d}" for b, c in zip(bases.tolist(), checks.tolist(), strict=True)]


def nl_eleven_check(first_eight: IntArray) -> IntArray:
    """The 9th digit that makes sum((9-i)*d_i) - d_9 divisible by 11 (stdnum.nl.bsn); 10 = none."""
    weights = np.arange(9, 1, -1, dtype=np.int64)
    digits = (first_eight[:, None] // 10 ** np.arange(7, -1, -1, dtype=np.int64)) % 10
    check: IntArray = (digits * weights).sum(axis=1) % 11
    return check


def nl_vat_numbers(rng: np.random.Generator, n: int) -> list[str]:
    found = np.empty(0, dtype=np.int64)
    while found.size < n:
        first = _unique_draws(
            rng, _NL_FIRST_DIGIT * 10**7, (_NL_FIRST_DIGIT + 1) * 10**7, (n - found.size) * 2 + 8
        )
        check = nl_eleven_check(first)
        ok = check < 10
        nine = first[ok] * 10 + check[ok]
        merged = np.concatenate([found, nine])
        _, idx = np.unique(merged, return_index=True)
        found = merged[np.sort(idx)]
    # B01 is the usual suffix; B02+ mark a second registration such as a fiscal unity.
    suffix = np.where(rng.random(n) < 0.95, 1, 2)
    return [f"NL{x:09d}B{s:02d}" for x, s in zip(found[:n].tolist(), suffix.tolist(), strict=True)]


def lu_vat_numbers(rng: np.random.Generator, n: int) -> list[str]:
    bases = _unique_draws(rng, _LU_BASE_LOW, _LU_BASE_HIGH, n)
    return [f"LU{b:06d}{b % 89:02d}" for b in bases.tolist()]


def ogm_reference(base: int) -> str:
    """Belgian structured communication +++ddd/dddd/ddddd+++: 10 digits + (mod 97, 0 -> 97)."""
    digits = f"{base:010d}{base % 97 or 97:02d}"
    return f"+++{digits[:3]}/{digits[3:7]}/{digits[7:]}+++"


# Bank codes that stdnum's bank registry knows (be/banks.dat, nl codes are BIC prefixes).
_BE_BANK_CODES = ("001", "068", "363", "735", "103", "979", "751")
_NL_BANK_CODES = ("ABNA", "INGB", "RABO", "TRIO", "SNSB", "KNAB", "BUNQ")
_LU_BANK_CODES = ("001", "002", "003", "014", "019", "030")


def iban_for(country: str, rng: np.random.Generator) -> str:
    """A structurally valid IBAN for a member's account (members only, so a loop is fine)."""
    if country == "BE":
        bank = _BE_BANK_CODES[int(rng.integers(len(_BE_BANK_CODES)))]
        account = int(rng.integers(0, 10_000_000))
        national = int(f"{bank}{account:07d}") % 97 or 97
        bban = f"{bank}{account:07d}{national:02d}"
    elif country == "NL":
        bank = _NL_BANK_CODES[int(rng.integers(len(_NL_BANK_CODES)))]
        bban = f"{bank}{int(rng.integers(0, 10**10)):010d}"
    elif country == "LU":
        bank = _LU_BANK_CODES[int(rng.integers(len(_LU_BANK_CODES)))]
        bban = f"{bank}{int(rng.integers(0, 10**13)):013d}"
    else:
        raise ValueError(f"no IBAN layout for {country}")
    check = stdnum_iban.calc_check_digits(f"{country}00{bban}")
    return f"{country}{check}{bban}"
