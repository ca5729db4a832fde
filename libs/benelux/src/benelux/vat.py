"""Benelux VAT numbers: validated with python-stdnum, stored compact ("BE0123456749")."""

from __future__ import annotations

from dataclasses import dataclass

from stdnum import exceptions as stdnum_errors
from stdnum.be import vat as be_vat
from stdnum.lu import tva as lu_tva
from stdnum.nl import btw as nl_btw

from benelux.text import shown

_MODULES = {"BE": be_vat, "NL": nl_btw, "LU": lu_tva}
_LABELS = ("BTWNR", "BTW", "TVA", "VAT", "USTIDNR")


class InvalidVatNumber(ValueError):
    """Not a valid Belgian, Dutch or Luxembourg VAT number; the message says why."""


@dataclass(frozen=True, slots=True)
class VatNumber:
    country: str  # "BE", "NL" or "LU"
    number: str  # compact, with the country prefix

    def __str__(self) -> str:
        return self.number


def parse_vat(raw: str) -> VatNumber:
    """Validate a BE, NL or LU VAT number written any common way.

    Accepts spaces, dots and dashes, a "BTW"/"TVA"/"VAT" label, and a missing
    country prefix for Belgian enterprise numbers (ten digits, or nine from
    before 2007's leading zero).
    """
    if len(raw) > 64:  # longer than any VAT number however written; stdnum chokes on huge ones
        raise InvalidVatNumber(f"{shown(raw)} is too long for a VAT number")
    text = "".join(ch for ch in raw.upper() if ch.isalnum())
    for label in _LABELS:
        if text.startswith(label):
            text = text[len(label) :]
            break
    if text[:2].isdigit() and len(text) in (9, 10):
        text = "BE" + text.zfill(10)
    country = text[:2]
    module = _MODULES.get(country)
    quoted = shown(raw)
    if module is None:
        raise InvalidVatNumber(f"{quoted} is not a Belgian, Dutch or Luxembourg VAT number")
    try:
        compact: str = module.validate(text[2:])
    except stdnum_errors.ValidationError as exc:
        raise InvalidVatNumber(f"{quoted} is not a valid {country} VAT number: {exc}") from exc
    return VatNumber(country=country, number=country + compact)
