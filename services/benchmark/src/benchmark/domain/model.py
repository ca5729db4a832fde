"""NACE sectors and where a company stands among its peers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# NACE Rev. 2 divisions (two digits) per section letter.
_SECTIONS = (
    ("A", 1, 3), ("B", 5, 9), ("C", 10, 33), ("D", 35, 35), ("E", 36, 39), ("F", 41, 43),
    ("G", 45, 47), ("H", 49, 53), ("I", 55, 56), ("J", 58, 63), ("K", 64, 66), ("L", 68, 68),
    ("M", 69, 75), ("N", 77, 82), ("O", 84, 84), ("P", 85, 85), ("Q", 86, 88), ("R", 90, 93),
    ("S", 94, 96), ("T", 97, 98), ("U", 99, 99),
)  # fmt: skip
SECTION_LETTERS = frozenset(s for s, _, _ in _SECTIONS)


def nace_section(code: str) -> str:
    """The NACE section letter of a code written "F", "F41", "41.20" or "4120"; "" if unknown."""
    text = code.strip().upper()
    if not text:
        return ""
    if text[0] in SECTION_LETTERS:
        return text[0]
    digits = "".join(ch for ch in text if ch.isdigit())[:2]
    if len(digits) == 2:
        division = int(digits)
        for letter, low, high in _SECTIONS:
            if low <= division <= high:
                return letter
    return ""


@dataclass(frozen=True, slots=True)
class CompanyScore:
    vat: str
    country: str
    sector: str  # NACE section letter or ""
    score: int
    avg_days_late: float
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class SectorStats:
    country: str
    sector: str
    company_count: int
    mean_score: float
    median_score: float
    p25_score: float
    p75_score: float
    mean_days_late: float
    updated_at: datetime | None


def percentile_of(score: int, better: int, total: int) -> float:
    """Share (0-100) of peers with a strictly lower, i.e. better, risk score."""
    return round(100.0 * better / total, 1) if total else 0.0
