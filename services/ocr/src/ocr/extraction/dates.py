"""Dates and payment terms as printed in Dutch, French, German and English.

Dates: ``23/11/2026`` ``23-11-2026`` ``23.11.2026`` ``23 november 2026`` ``23 nov. 2026``
``2026-11-23`` ``le 23 novembre 2026`` ``1er mars 2026`` ``23. November 2026`` ``November 23,
2026``. Numeric dates are day-first (Benelux); month-first is accepted only when day-first is
impossible, or when the document's unambiguous dates say it is month-first
(``month_first_order``). Terms: ``30 dagen``, ``30 jours fin de mois``, ``net 30``,
``binnen 14 dagen``, ``à réception`` -> a number of days and an end-of-month flag, applied to
the invoice date.

All matching runs on normalised text (lower-case, no accents; see ``layout.normalise``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "januari january janvier januar janner jan janv",
        "februari february fevrier februar feb febr fev fevr",
        "maart march mars marz maerz mrt maa mar mrz",
        "april avril apr avr",
        "mei may mai",
        "juni june juin jun",
        "juli july juillet jul juil",
        "augustus august aout aug",
        "september septembre sep sept",
        "oktober october octobre okt oct",
        "november novembre nov",
        "december decembre dezember dec dez",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMERIC = re.compile(
    r"(?<![\d])(?P<a>\d{1,2})\s?(?P<s>[/.\-])\s?(?P<b>\d{1,2})\s?(?P=s)\s?(?P<y>\d{4}|\d{2})(?!\d)"
)
_ISO = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
_DAY_MONTH = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:er|e|ste|de|st|nd|rd|th)?\.?\s*(?P<m>{_MONTH_RE})\b\.?,?\s*"
    r"(?P<y>\d{4})(?!\d)"
)
_MONTH_DAY = re.compile(
    rf"\b(?P<m>{_MONTH_RE})\b\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)"
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    value: date
    start: int
    end: int


def find_dates(norm: str, *, month_first: bool = False) -> list[DateMatch]:
    """Every calendar date in one normalised line, in reading order, overlaps removed.

    Numeric dates are read day-first unless ``month_first`` (a document whose unambiguous dates
    are month-first, as US-style software prints them); either way the other order is used only
    when the preferred one is impossible.
    """
    found: list[DateMatch] = []
    for m in _ISO.finditer(norm):
        _add(found, _make(int(m["y"]), int(m["m"]), int(m["d"])), m)
    for m in _NUMERIC.finditer(norm):
        a, b, y = int(m["a"]), int(m["b"]), _year(m["y"])
        if month_first:
            _add(found, _make(y, a, b) or _make(y, b, a), m)
        else:
            _add(found, _make(y, b, a) or _make(y, a, b), m)
    for m in _DAY_MONTH.finditer(norm):
        _add(found, _make(int(m["y"]), _MONTHS[m["m"]], int(m["d"])), m)
    for m in _MONTH_DAY.finditer(norm):
        _add(found, _make(int(m["y"]), _MONTHS[m["m"]], int(m["d"])), m)
    return sorted(found, key=lambda d: d.start)


def date_order_votes(norms: list[str]) -> tuple[int, int]:
    """(day-first, month-first): how many numeric dates can be read only one way."""
    day_first = month_first = 0
    for norm in norms:
        for m in _NUMERIC.finditer(norm):
            a, b = int(m["a"]), int(m["b"])
            if a > 12 >= b >= 1:
                day_first += 1
            elif b > 12 >= a >= 1:
                month_first += 1
    return day_first, month_first


def month_first_order(norms: list[str]) -> bool:
    """Whether a document's numeric dates are month-first: more of its dates can only be read
    month-first (``03/22/2024``) than only day-first (``22/03/2024``)."""
    day_first, month_first = date_order_votes(norms)
    return month_first > day_first


def parse_date(text: str) -> date | None:
    """The first date in ``text`` (any supported format), for tests and simple callers."""
    from .layout import normalise

    found = find_dates(normalise(text))
    return found[0].value if found else None


def _year(raw: str) -> int:
    return 2000 + int(raw) if len(raw) == 2 else int(raw)


def _make(y: int, m: int, d: int) -> date | None:
    if not 1990 <= y <= 2099:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _add(found: list[DateMatch], value: date | None, m: re.Match[str]) -> None:
    if value is None or any(m.start() < f.end and m.end() > f.start for f in found):
        return
    found.append(DateMatch(value, m.start(), m.end()))


@dataclass(frozen=True, slots=True)
class Terms:
    """Payment terms: ``days`` after the invoice date, then optionally to the end of that month."""

    days: int
    end_of_month: bool
    start: int
    end: int
    explicit: bool  # a payment word ("betaling", "net", "zahlbar") was next to the number

    def due(self, invoice_date: date) -> date:
        due = invoice_date + timedelta(days=self.days)
        if self.end_of_month:
            # Belgian/French "30 jours fin de mois": +30 days, then the last day of that month.
            due = due.replace(day=calendar.monthrange(due.year, due.month)[1])
        return due


_EOM = r"(?P<eom>\s*(?:fin\s+de\s+mois|einde\s+(?:van\s+de\s+)?maand|end\s+of\s+(?:the\s+)?month"
_EOM += r"|eom|monatsende|zum\s+monatsende))?"
_DAYS_WORD = r"(?:dagen|dag|dgn|jours|jour|j\b|days|day|tage|tagen|d\b)"
_TERMS = [
    re.compile(rf"\bnet(?:to)?\s*(?P<n>\d{{1,3}})\b(?:\s*{_DAYS_WORD})?{_EOM}"),
    re.compile(
        rf"(?:\b(?P<ctx>binnen|within|innerhalb(?:\s+von)?|a|payable\s+a|betaalbaar\s+(?:binnen|op)"
        rf"|zahlbar\s+(?:innerhalb|in)|op|in)\s+)?(?P<n>\d{{1,3}})\s*{_DAYS_WORD}"
        rf"(?:\s*(?:netto|net|na\s+factuurdatum|date\s+de\s+facture|de\s+date\s+de\s+facture"
        rf"|nach\s+rechnungsdatum|from\s+invoice\s+date|after\s+invoice\s+date))?{_EOM}"
    ),
]
_IMMEDIATE = re.compile(
    r"\b(?:contant|comptant|bij\s+ontvangst|a\s+reception|des\s+reception|upon\s+receipt"
    r"|on\s+receipt|due\s+on\s+receipt|sofort(?:\s+zahlbar)?|ohne\s+abzug\s+sofort)\b"
)
_PAYMENT_CONTEXT = re.compile(
    r"betal|betaal|verval|paiement|payable|payer|echeance|conditions?|payment|terms|due|zahl"
    r"|faellig|fallig|netto|net\b|binnen|within|innerhalb"
)


def find_terms(norm: str) -> Terms | None:
    """Payment terms in one normalised line (``30 dagen``, ``net 30``, ``à réception``)."""
    m_now = _IMMEDIATE.search(norm)
    if m_now:
        return Terms(0, False, m_now.start(), m_now.end(), True)
    for pattern in _TERMS:
        for m in pattern.finditer(norm):
            days = int(m["n"])
            if not 0 <= days <= 180:
                continue
            explicit = bool(
                m.groupdict().get("ctx")
                or m.group(0).startswith("net")
                or _PAYMENT_CONTEXT.search(norm)
            )
            return Terms(days, bool(m["eom"]), m.start(), m.end(), explicit)
    return None
