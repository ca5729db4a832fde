"""NACE Rev. 2 sections and divisions, countries, and the groups a company counts in.

A group is a country (ISO code) or the whole Benelux (``BNL``), each whole (sector
``""``), per section (``"F"``) and per division (``"41"``). A group under the privacy
floor falls back to the next wider one: division, section, country, Benelux.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from benelux.nace import DIVISIONS, SECTIONS, section_of

BENELUX = "BNL"
BENELUX_COUNTRIES = frozenset({"BE", "NL", "LU"})

COUNTRY_NAMES = {
    BENELUX: "the Benelux", "BE": "Belgium", "NL": "the Netherlands", "LU": "Luxembourg",
    "AT": "Austria", "BG": "Bulgaria", "CY": "Cyprus", "CZ": "Czechia", "DE": "Germany",
    "DK": "Denmark", "EE": "Estonia", "EL": "Greece", "ES": "Spain", "FI": "Finland",
    "FR": "France", "GB": "the United Kingdom", "HR": "Croatia", "HU": "Hungary",
    "IE": "Ireland", "IT": "Italy", "LT": "Lithuania", "LV": "Latvia", "MT": "Malta",
    "PL": "Poland", "PT": "Portugal", "RO": "Romania", "SE": "Sweden", "SI": "Slovenia",
    "SK": "Slovakia", "XI": "Northern Ireland",
}  # fmt: skip


def sector_of_code(code: str) -> tuple[str, str]:
    """(section, division) of a code written "F", "F41", "41", "41.20" or "4120".

    The digits win over a letter that disagrees with them; "" where unknown.
    """
    text = code.strip().upper()
    digits = "".join(ch for ch in text if ch.isdigit())[:2]
    if len(digits) == 2 and digits in DIVISIONS:
        return section_of(digits), digits
    if text[:1] in SECTIONS:
        return text[0], ""
    return "", ""


class GroupKey(NamedTuple):
    """A tuple, so hashing and ordering cost what a tuple's do (it keys every cache)."""

    country: str  # ISO code or BENELUX
    sector: str  # "", a section letter or a two-digit division

    @property
    def kind(self) -> str:
        if not self.sector:
            return "benelux" if self.country == BENELUX else "country"
        return "division" if self.sector.isdigit() else "section"

    def wider(self) -> GroupKey | None:
        """The next wider group: division -> section -> country -> Benelux."""
        if self.sector.isdigit():
            return GroupKey(self.country, section_of(self.sector))
        if self.sector:
            return GroupKey(self.country, "")
        if self.country in BENELUX_COUNTRIES:
            return GroupKey(BENELUX, "")
        return None

    def name(self) -> str:
        """ "construction (F) in Belgium", "all sectors in the Benelux"."""
        return _name(self.country, self.sector)

    @classmethod
    def parse(cls, country: str, sector: str) -> GroupKey:
        """A group from request fields; ValueError with a readable reason if none."""
        country, sector = country.strip().upper(), sector.strip().upper()
        if country not in COUNTRY_NAMES:  # the VAT prefixes the register knows, and BNL
            raise ValueError(
                f"country must be a VAT country code (BE, NL, LU, DE, ...) or {BENELUX}, "
                f"got {country!r}"
            )
        if sector and sector not in SECTIONS and sector not in DIVISIONS:
            raise ValueError(
                f"sector must be a NACE section letter or a two-digit division, got {sector!r}"
            )
        return cls(country, sector)


@functools.cache
def _name(country: str, sector: str) -> str:
    where = COUNTRY_NAMES.get(country, country)
    if not sector:
        return f"all sectors in {where}"
    label = DIVISIONS[sector] if sector.isdigit() else SECTIONS[sector][0]
    return f"{label} ({sector}) in {where}"


@functools.cache  # a few hundred distinct cells; asked for every company of every batch
def groups_of(country: str, section: str, division: str) -> tuple[GroupKey, ...]:
    """Every group a company counts in; without a sector only the country totals."""
    scopes = [country, BENELUX] if country in BENELUX_COUNTRIES else [country]
    sectors = [""] + [s for s in (section, division) if s]
    return tuple(GroupKey(c, s) for c in scopes for s in sectors)
