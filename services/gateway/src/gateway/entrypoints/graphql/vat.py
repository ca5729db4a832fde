"""VAT numbers at the edge: any common spelling in, compact and validated out."""

from __future__ import annotations

from benelux.vat import InvalidVatNumber, VatNumber, parse_vat
from gateway.entrypoints.graphql.errors import PublicError


def vat_input(raw: str) -> VatNumber:
    try:
        return parse_vat(raw)
    except InvalidVatNumber as exc:
        raise PublicError(str(exc), "INVALID_VAT") from exc
