"""Money as printed on invoices and receipts -> ``Decimal`` and an ISO currency code.

``1.234,56`` ``1 234,56 €`` ``€ 1,234.56`` ``EUR 1234.56`` ``1.234,-`` ``-250,00``. The decimal
separator is the last ``,`` or ``.`` followed by exactly two digits (or ``,-``); anything before it
is grouping. Bare integers count only with a currency next to them, otherwise every quantity and
postcode would be an amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_CURRENCY_WORDS = {
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "$": "USD",
    "usd": "USD",
    "£": "GBP",
    "gbp": "GBP",
    "chf": "CHF",
    "rs": "INR",
    "rs.": "INR",
    "₹": "INR",
    "inr": "INR",
    "sek": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "pln": "PLN",
    "zł": "PLN",
    "czk": "CZK",
    "kč": "CZK",
    "huf": "HUF",
    "ron": "RON",
    "jpy": "JPY",
    "¥": "JPY",
    "cad": "CAD",
    "aud": "AUD",
}
# "Rs 1939" and "₹ 1,939.00": Indian rupees; the other ISO codes as printed beside an amount.
_CUR = (
    r"(?:€|eur(?:os?)?\b|\$|usd\b|£|gbp\b|chf\b|₹|\brs\b\.?|inr\b|sek\b|nok\b|dkk\b|pln\b|zł"
    r"|czk\b|kč|huf\b|ron\b|jpy\b|¥|cad\b|aud\b)"
)
# Thin and no-break spaces appear as grouping in PDF text layers.
_G = r"[ .'\u00a0\u202f\u2009]"
_NUMBER = (
    r"(?:\d{1,3}(?:" + _G + r"\d{3})+|\d+)(?:[.,]\d{2}|,-{1,2}|,—)"  # grouped or plain, decimals
    r"|\d{1,3}(?:,\d{3})+\.\d{2}"  # English grouping: 1,234.56
)
# "24. 75", "1021 ,91", "34 , 73": OCR and per-glyph PDF text put a space beside the decimal
# separator. Two digits after it, and nothing number-like after those (a date goes on).
_SPLIT = r"\d+(?:\s[.,]\s?|[.,]\s)\d{2}(?!\s?[.,/:-]\s?\d)"
_AMOUNT = re.compile(
    rf"(?<![\w.,])(?P<neg1>-\s?)?(?:(?P<pre>{_CUR})\s?(?P<neg2>-\s?)?)?"
    rf"(?P<num>{_NUMBER}|{_SPLIT}|\d{{1,3}}(?:[ .]\d{{3}})+|\d+)"
    # Not followed by more digits or by a separator and digits: that is a date or an ID; nor
    # by a per cent sign: "VAT 21.00%" is a rate.
    rf"(?![\d]|[.,/-]\d|\s?%)(?:\s?(?P<post>{_CUR}))?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class AmountMatch:
    value: Decimal
    currency: str | None
    start: int
    end: int
    # Printed with its cents ("250,00", "250,-"), not as a bare integer beside a currency.
    cents: bool = True


def parse_number(raw: str) -> Decimal | None:
    """``1.234,56`` / ``1,234.56`` / ``1 234,56`` / ``1.234,-`` / ``1234`` -> Decimal."""
    text = re.sub(r"[ '\u00a0\u202f\u2009]", "", raw.strip())
    text = re.sub(r",[-—]+$", ",00", text)
    m = re.search(r"[.,](\d{2})$", text)
    if m:
        integer = re.sub(r"[.,]", "", text[: m.start()])
        text = f"{integer}.{m.group(1)}"
    else:
        text = re.sub(r"[.,]", "", text)
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def find_amounts(text: str) -> list[AmountMatch]:
    """Every amount in one line of text, in reading order."""
    out: list[AmountMatch] = []
    for m in _AMOUNT.finditer(text):
        cur = m.group("pre") or m.group("post")
        num = re.sub(r"\s(?=[.,])|(?<=[.,])\s", "", m.group("num"))
        has_decimals = re.search(r"([.,]\d{2}|,[-—]+)$", num) is not None
        if not cur and not has_decimals:
            continue  # a bare integer is a quantity, a postcode or a year, not money
        value = parse_number(num)
        if value is None:
            continue
        if m.group("neg1") or m.group("neg2"):
            value = -value
        currency = _CURRENCY_WORDS.get(cur.lower()) if cur else None
        out.append(
            AmountMatch(value.quantize(Decimal("0.01")), currency, m.start(), m.end(), has_decimals)
        )
    return out


def parse_amount(text: str) -> AmountMatch | None:
    """The single amount that ``text`` consists of, if it is one (used by tests and callers)."""
    found = find_amounts(text.strip())
    return found[0] if len(found) == 1 else None


def currency_in(text: str) -> str | None:
    """The first currency mentioned in ``text``, for amounts printed without one."""
    m = re.search(_CUR, text, re.IGNORECASE)
    return _CURRENCY_WORDS[m.group(0).lower()] if m else None
