"""Valid Benelux VAT numbers made on the fly, so tests never share a debtor."""

from __future__ import annotations

import random


def belgian_vat(rng: random.Random | None = None) -> str:
    rng = rng or random.Random()
    base = rng.randrange(2_000_000, 19_999_999)  # eight digits, leading 0 or 1
    return f"BE{base:08d}{97 - base % 97:02d}"


def dutch_vat(rng: random.Random | None = None) -> str:
    rng = rng or random.Random()
    while True:
        digits = [rng.randrange(10) for _ in range(8)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check < 10:
            return "NL" + "".join(map(str, digits)) + f"{check}B01"


def luxembourg_vat(rng: random.Random | None = None) -> str:
    rng = rng or random.Random()
    base = rng.randrange(100_000, 999_999)
    return f"LU{base:06d}{base % 89:02d}"
