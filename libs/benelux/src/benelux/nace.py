"""NACE Rev. 2 codes (Regulation (EC) No 1893/2006): sections (letters) and divisions (two
digits) with short English titles, and validation of codes written the common ways.

Groups (three digits) and classes (four) are checked against the official list
(``nace_rev2.txt`` beside this module).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from benelux.text import shown

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


def _official(name: str) -> frozenset[str]:
    text = (resources.files("benelux") / name).read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


# "41.2", "41.20": every group and class of the classification.
_GROUPS_AND_CLASSES = _official("nace_rev2.txt")


def section_of(division: str) -> str:
    number = int(division)
    for letter, (_, low, high) in SECTIONS.items():
        if low <= number <= high:
            return letter
    return ""


class InvalidNaceCode(ValueError):
    """Not a NACE Rev. 2 code; the message says why (and repeats at most a short prefix)."""


@dataclass(frozen=True, slots=True)
class NaceCode:
    section: str  # "F"
    digits: str  # "", "41", "412" or "4120"

    @property
    def division(self) -> str:
        return self.digits[:2]

    def __str__(self) -> str:
        """The normal form: "F", "F41", "F41.2", "F41.20"."""
        if len(self.digits) <= 2:
            return self.section + self.digits
        return f"{self.section}{self.digits[:2]}.{self.digits[2:]}"


def parse_nace(raw: str) -> NaceCode:
    """A NACE Rev. 2 code written "F", "41", "F41", "41.2", "41.20", "4120" or "F 41.20".

    A letter given with digits must be the section of their division.
    """
    text = raw.strip().upper().replace(" ", "").replace(".", "")
    quoted = shown(raw)
    letter = text[:1] if text[:1].isalpha() else ""
    digits = text[len(letter) :]
    if not text or (letter and letter not in SECTIONS) or (not digits.isdigit() and digits):
        raise InvalidNaceCode(f"{quoted} is not a NACE code (a section letter and/or 2-4 digits)")
    if not digits:
        return NaceCode(letter, "")
    if not 2 <= len(digits) <= 4:
        raise InvalidNaceCode(f"{quoted} is not a NACE code: a division has two digits")
    if digits[:2] not in DIVISIONS:
        raise InvalidNaceCode(f"{quoted}: NACE has no division {digits[:2]}")
    if len(digits) >= 3 and f"{digits[:2]}.{digits[2:]}" not in _GROUPS_AND_CLASSES:
        what = "group" if len(digits) == 3 else "class"
        raise InvalidNaceCode(f"{quoted}: NACE Rev. 2 has no {what} {digits[:2]}.{digits[2:]}")
    section = section_of(digits[:2])
    if letter and letter != section:
        raise InvalidNaceCode(f"{quoted}: division {digits[:2]} is in section {section}")
    return NaceCode(section, digits)
