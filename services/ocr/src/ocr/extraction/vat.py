"""EU and UK VAT numbers as printed on invoices, validated by python-stdnum.

Every member state's format (``stdnum.eu.vat``: DE123456789, FR40303265045, ATU13585627,
IE6388047V, EL..., XI...) and the UK's (``stdnum.gb.vat``). Benelux members invoice German,
French and other EU customers, and sellers abroad invoice our members, so none may be missed.
Printed forms: ``BTW BE 0123.456.749``, ``BE 0123 456 749``, ``TVA LU 1502 3142``,
``NL001234567B01``, ``USt-IdNr. DE 136 695 976``, ``Ondernemingsnummer 0123.456.749`` (a
Belgian enterprise number is the VAT number without its ``BE``). Results are compact with the
country prefix: ``BE0123456749``; a Greek number keeps its VAT prefix ``EL``.

OCR confusions (O/0, l/1, S/5, B/8) are only tried when the raw reading fails its checksum, and a
corrected reading is reported with lower confidence: a checksum that passes after guessing is
weaker evidence than one that passes as read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from stdnum.be import vat as be_vat
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError
from stdnum.gb import vat as gb_vat
from stdnum.lu import tva as lu_tva
from stdnum.nl import btw as nl_btw

from benelux.vat import InvalidVatNumber, parse_vat

# Glyphs OCR returns for digits, and the digit each most likely was.
_CONFUSIONS = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "Q": "0",
        "l": "1",
        "I": "1",
        "i": "1",
        "|": "1",
        "S": "5",
        "s": "5",
        "B": "8",
        "Z": "2",
    }
)
_DIGITISH = "0-9OoDQlIi|SsBZ"
# Separators as printed, plus what OCR makes of a dot on a poor scan (comma, low quote).
_SEP = r"[ .\-/,\u201a'\u2019]"

# Country prefixes including their usual misreadings (8E, N1, 1U).
_PREFIX = r"(?P<cc>BE|8E|B3|NL|N1|NI|LU|1U|IU)"
_PREFIXED = re.compile(
    rf"(?<![A-Za-z0-9]){_PREFIX}\s?[:.\-]?\s?(?P<body>[{_DIGITISH}](?:{_SEP}{{0,2}}[{_DIGITISH}]){{7,13}})"
)
# Unprefixed Belgian enterprise number: 0xxx.xxx.xxx / 1xxx xxx xxx, grouped as printed.
_BE_ENTERPRISE = re.compile(
    rf"(?<![A-Za-z0-9.])(?P<body>[01Oo][{_DIGITISH}]{{3}}{_SEP}{{0,2}}[{_DIGITISH}]{{3}}{_SEP}{{0,2}}"
    rf"[{_DIGITISH}]{{3}})(?![0-9])"
)
# An IBAN (``BE68 5390 0754 7034``) starts like a prefixed VAT number; never read it as one.
_IBAN = re.compile(r"[A-Z]{2}\d{2}(?: ?[0-9]{4}){3}")
# Every other EU prefix (VAT prefixes: EL for Greece, XI for Northern Ireland) and the UK's.
_OTHER = (
    *("AT", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE"),
    *("IT", "LT", "LV", "MT", "PL", "PT", "RO", "SE", "SI", "SK", "XI", "GB"),
)
_OTHER_PREFIXED = re.compile(
    rf"(?<![A-Za-z0-9])(?P<cc>{'|'.join(_OTHER)})\s?[:.\-]?\s?"
    rf"(?P<body>[0-9A-Z{_DIGITISH}](?:{_SEP}{{0,2}}[0-9A-Z{_DIGITISH}]){{5,14}})"
)
# Numbers that are digits only after the prefix (ATU: the U is a letter): OCR repairs apply.
_DIGITS_ONLY = frozenset(
    {"BG", "DE", "DK", "EE", "EL", "FI", "HR", "HU", "IT", "LT", "LV", "MT", "PL", "PT"}
    | {"RO", "SE", "SI", "SK"}
)
_CC = {
    "BE": "BE",
    "8E": "BE",
    "B3": "BE",
    "NL": "NL",
    "N1": "NL",
    "NI": "NL",
    "LU": "LU",
    "1U": "LU",
    "IU": "LU",
}


@dataclass(frozen=True, slots=True)
class VatMatch:
    """A checksum-valid VAT number found at ``start:end`` of the searched text."""

    value: str
    start: int
    end: int
    corrected: bool
    prefixed: bool


def normalise_vat(raw: str) -> str | None:
    """A tenant's VAT as configured (any spacing, with or without prefix) -> ``BE0123456749``:
    a Benelux number as the register parses it everywhere, or a member's number abroad."""
    try:
        return parse_vat(raw).number
    except InvalidVatNumber:
        pass
    text = raw.strip().upper()
    if text[:2] in _OTHER:
        return _other(text[:2], re.sub(r"[^0-9A-Z]", "", text[2:]))
    return None


def _validate(cc: str, text: str, validate: Callable[[str], str]) -> str | None:
    try:
        return cc + validate(text)
    except ValidationError:
        return None


def find_vat_numbers(text: str) -> list[VatMatch]:
    """All checksum-valid EU and UK VAT numbers in one line of text, in reading order."""
    found: list[VatMatch] = []
    taken: list[tuple[int, int]] = []
    for m in _overlapping(_PREFIXED, text):
        if _IBAN.match(text, m.start()) or "IBAN" in text[max(0, m.start() - 12) : m.start()]:
            continue
        if any(s <= m.start() < e for s, e in taken):
            continue
        cc = _CC[m.group("cc")]
        parsed = _parse_body(cc, m.group("body"))
        if parsed is None:
            continue
        value, used, corrected = parsed
        end = m.start("body") + used
        found.append(VatMatch(value, m.start(), end, corrected or m.group("cc") != cc, True))
        taken.append((m.start(), end))
    for m in _overlapping(_OTHER_PREFIXED, text):
        if _IBAN.match(text, m.start()) or "IBAN" in text[max(0, m.start() - 12) : m.start()]:
            continue
        if any(m.start() < e and m.end() > s for s, e in taken):
            continue
        got = _parse_other(m.group("cc"), m.group("body"))
        if got is None:
            continue
        value, used, corrected = got
        end = m.start("body") + used
        found.append(VatMatch(value, m.start(), end, corrected, True))
        taken.append((m.start(), end))
    for m in _BE_ENTERPRISE.finditer(text):
        if any(m.start() < e and m.end() > s for s, e in taken):
            continue
        parsed = _parse_body("BE", m.group("body"))
        if parsed is None:
            continue
        value, used, corrected = parsed
        found.append(VatMatch(value, m.start(), m.start("body") + used, corrected, False))
    return sorted(found, key=lambda v: v.start)


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Every match, also those starting inside an earlier one: in "DE VAT DE355369209" the
    country word "DE" starts a candidate that swallows the real number after it."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


def _parse_body(cc: str, body: str) -> tuple[str, int, bool] | None:
    """Take exactly as many characters as the country's number needs from ``body``.

    Returns (normalised value, characters of ``body`` consumed, whether glyphs were corrected).
    The number must end at a separator or at the end of the run: the 10 first digits of an IBAN
    group like ``BE68 5390 0754 7034`` end mid-group and are refused.
    """
    want = {"BE": (10, 9), "NL": (12,), "LU": (8,)}[cc]
    for length in want:
        chars: list[str] = []
        used = 0
        for i, ch in enumerate(body):
            if re.fullmatch(_SEP, ch):
                continue
            chars.append(ch)
            used = i + 1
            if len(chars) == length:
                break
        if len(chars) != length:
            continue
        if used < len(body) and not re.fullmatch(_SEP, body[used]):
            continue  # the digit run goes on: part of a longer number
        candidate = "".join(chars)
        for text, corrected in ((candidate, False), (_correct(cc, candidate), True)):
            if corrected and text == candidate:
                continue
            value = _checked(cc, text)
            if value:
                return value, used, corrected
    return None


def _correct(cc: str, candidate: str) -> str:
    if cc == "NL" and len(candidate) == 12:
        # The tenth character of a Dutch number is a real 'B' (often misread as '8').
        b = candidate[9]
        head, tail = candidate[:9], candidate[10:]
        fixed_b = "B" if b in "B8b" else b
        return head.translate(_CONFUSIONS) + fixed_b + tail.translate(_CONFUSIONS)
    return candidate.translate(_CONFUSIONS)


def _checked(cc: str, text: str) -> str | None:
    if cc == "NL":
        if not re.fullmatch(r"\d{9}B\d{2}", text):
            return None
        return _validate("NL", text, nl_btw.validate)
    if not text.isdigit():
        return None
    if cc == "BE":
        return _validate("BE", text, be_vat.validate)
    return _validate("LU", text, lu_tva.validate)


def _other(cc: str, body: str) -> str | None:
    if cc == "GB":
        try:
            return "GB" + gb_vat.validate(body)
        except ValidationError:
            return None
    try:
        value = eu_vat.validate(cc + body)
    except ValidationError:
        return None
    return str(value)


def _parse_other(cc: str, body: str) -> tuple[str, int, bool] | None:
    """The longest prefix of ``body`` ending at a separator (or the end) that validates."""
    ends: list[tuple[str, int]] = []
    chars: list[str] = []
    for i, ch in enumerate(body):
        if re.fullmatch(_SEP, ch):
            continue
        chars.append(ch)
        if i + 1 == len(body) or re.fullmatch(_SEP, body[i + 1]):
            ends.append(("".join(chars), i + 1))
    for candidate, used in reversed(ends):
        value = _other(cc, candidate)
        if value:
            return value, used, False
    if cc in _DIGITS_ONLY:
        for candidate, used in reversed(ends):
            fixed = candidate.translate(_CONFUSIONS)
            if fixed != candidate and fixed.isdigit():
                value = _other(cc, fixed)
                if value:
                    return value, used, True
    return None
