"""NACE Rev. 2 sections and divisions, countries, and the groups a company counts in.

A group is a country (ISO code) or the whole Benelux (``BNL``), each whole (sector
``""``), per section (``"F"``) and per division (``"41"``). A group under the privacy
floor falls back to the next wider one: division, section, country, Benelux.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

BENELUX = "BNL"
BENELUX_COUNTRIES = frozenset({"BE", "NL", "LU"})

SECTIONS: dict[str, tuple[str, int, int]] = {
    "A": ("agriculture, forestry and fishing", 1, 3),
    "B": ("mining and quarrying", 5, 9),
    "C": ("manufacturing", 10, 33),
    "D": ("energy supply", 35, 35),
    "E": ("water supply and waste management", 36, 39),
    "F": ("construction", 41, 43),
    "G": ("wholesale and retail trade", 45, 47),
    "H": ("transport and storage", 49, 53),
    "I": ("accommodation and food services", 55, 56),
    "J": ("information and communication", 58, 63),
    "K": ("financial and insurance activities", 64, 66),
    "L": ("real estate", 68, 68),
    "M": ("professional, scientific and technical activities", 69, 75),
    "N": ("administrative and support services", 77, 82),
    "O": ("public administration", 84, 84),
    "P": ("education", 85, 85),
    "Q": ("health and social work", 86, 88),
    "R": ("arts, entertainment and recreation", 90, 93),
    "S": ("other services", 94, 96),
    "T": ("households as employers", 97, 98),
    "U": ("extraterritorial organisations", 99, 99),
}

DIVISIONS: dict[str, str] = {
    "01": "crop and animal production", "02": "forestry and logging",
    "03": "fishing and aquaculture", "05": "mining of coal and lignite",
    "06": "extraction of crude petroleum and natural gas", "07": "mining of metal ores",
    "08": "other mining and quarrying", "09": "mining support services",
    "10": "food products", "11": "beverages", "12": "tobacco products", "13": "textiles",
    "14": "wearing apparel", "15": "leather products", "16": "wood products",
    "17": "paper products", "18": "printing", "19": "coke and refined petroleum",
    "20": "chemicals", "21": "pharmaceuticals", "22": "rubber and plastic products",
    "23": "non-metallic mineral products", "24": "basic metals",
    "25": "fabricated metal products", "26": "computer, electronic and optical products",
    "27": "electrical equipment", "28": "machinery and equipment", "29": "motor vehicles",
    "30": "other transport equipment", "31": "furniture", "32": "other manufacturing",
    "33": "repair and installation of machinery", "35": "electricity, gas and steam",
    "36": "water collection and supply", "37": "sewerage", "38": "waste management",
    "39": "remediation", "41": "construction of buildings", "42": "civil engineering",
    "43": "specialised construction", "45": "motor vehicle trade and repair",
    "46": "wholesale trade", "47": "retail trade", "49": "land transport",
    "50": "water transport", "51": "air transport", "52": "warehousing and logistics",
    "53": "postal and courier activities", "55": "accommodation",
    "56": "food and beverage services", "58": "publishing",
    "59": "film, video and sound production", "60": "broadcasting",
    "61": "telecommunications", "62": "computer programming and consultancy",
    "63": "information services", "64": "financial services",
    "65": "insurance and pension funding", "66": "auxiliary financial services",
    "68": "real estate", "69": "legal and accounting",
    "70": "head offices and management consultancy",
    "71": "architecture and engineering", "72": "research and development",
    "73": "advertising and market research", "74": "other professional activities",
    "75": "veterinary activities", "77": "rental and leasing", "78": "employment activities",
    "79": "travel agencies and tour operators", "80": "security and investigation",
    "81": "building and landscape services", "82": "office and business support",
    "84": "public administration and defence", "85": "education",
    "86": "human health", "87": "residential care", "88": "social work",
    "90": "creative arts and entertainment", "91": "libraries, archives and museums",
    "92": "gambling and betting", "93": "sports and recreation",
    "94": "membership organisations", "95": "repair of computers and household goods",
    "96": "other personal services", "97": "households as employers",
    "98": "households' own production", "99": "extraterritorial organisations",
}  # fmt: skip

COUNTRY_NAMES = {
    BENELUX: "the Benelux", "BE": "Belgium", "NL": "the Netherlands", "LU": "Luxembourg",
    "AT": "Austria", "BG": "Bulgaria", "CY": "Cyprus", "CZ": "Czechia", "DE": "Germany",
    "DK": "Denmark", "EE": "Estonia", "EL": "Greece", "ES": "Spain", "FI": "Finland",
    "FR": "France", "GB": "the United Kingdom", "HR": "Croatia", "HU": "Hungary",
    "IE": "Ireland", "IT": "Italy", "LT": "Lithuania", "LV": "Latvia", "MT": "Malta",
    "PL": "Poland", "PT": "Portugal", "RO": "Romania", "SE": "Sweden", "SI": "Slovenia",
    "SK": "Slovakia", "XI": "Northern Ireland",
}  # fmt: skip


def section_of(division: str) -> str:
    number = int(division)
    for letter, (_, low, high) in SECTIONS.items():
        if low <= number <= high:
            return letter
    return ""


def parse_nace(code: str) -> tuple[str, str]:
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
