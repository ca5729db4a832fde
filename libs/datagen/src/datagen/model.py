"""Typed records of the generated world that are small enough to hold as objects."""

from __future__ import annotations

from dataclasses import dataclass

from datagen.config import Country, Language, Region, Size
from datagen.rows import shallow_dict


@dataclass(frozen=True, slots=True)
class Company:
    """A member (tenant that invoices) or a debtor (its customer). `vat` is compact with its
    country prefix, as stdnum.eu.vat.compact returns it (BE0123456749, NL123456782B01,
    LU15027442)."""

    company_id: int
    role: str  # "member" | "debtor"
    vat: str
    name: str
    legal_form: str
    country: Country
    region: Region
    language: Language
    nace_section: str
    nace_division: str
    size: Size
    street: str
    postcode: str
    city: str
    iban: str | None = None  # members only: where their invoices are paid

    @property
    def nace(self) -> str:
        """Section letter + division, e.g. "F43"."""
        return f"{self.nace_section}{self.nace_division}"

    def as_dict(self) -> dict[str, object]:
        return shallow_dict(self)
