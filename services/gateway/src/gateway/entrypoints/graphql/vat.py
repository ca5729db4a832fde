"""VAT numbers at the edge: any common spelling in, compact and validated out."""

from __future__ import annotations

from functools import lru_cache

from benelux.vat import InvalidVatNumber, VatNumber, parse_vat
from gateway.entrypoints.graphql.errors import PublicError

# A partner's portfolio comes back in every poll: its 1,000 numbers parse once per worker,
# not once per request (a hostile stream of new spellings only cycles this bounded cache).
_parse = lru_cache(maxsize=32_768)(parse_vat)


def vat_input(raw: str) -> VatNumber:
    try:
        return _parse(raw)
    except InvalidVatNumber as exc:
        raise PublicError(str(exc), "INVALID_VAT") from exc
