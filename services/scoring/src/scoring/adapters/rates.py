"""The late-interest rate table from its TOML file."""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

from scoring.domain.late_interest import CountryLaw, RateTable


class InvalidRateTable(ValueError):
    """The rates file is missing a field or out of order."""


def load_rates(path: Path) -> RateTable:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        half_years = tuple(
            sorted((h["from"], Decimal(str(h["ecb_rate"]))) for h in data["half_year"])
        )
        countries = {
            code: CountryLaw(
                points=Decimal(str(c["points"])),
                round_up_to=Decimal(str(c["round_up_to"])),
                compensation=Decimal(str(c["compensation"])),
                law=str(c["law"]),
            )
            for code, c in data["country"].items()
        }
    except (OSError, KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise InvalidRateTable(f"{path}: {exc}") from exc
    for first, _ in half_years:
        if not isinstance(first, date) or (first.month, first.day) not in ((1, 1), (7, 1)):
            raise InvalidRateTable(f"{path}: half-years start on 1 January or 1 July, not {first}")
    return RateTable(half_years, countries)
