"""The outcome of one extraction job: fields found, or why the document was refused."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FoundField:
    """A normalised value (compact VAT, ISO date, decimal amount) with where and how sure."""

    value: str
    confidence: float
    page: int | None = None
    box: tuple[int, int, int, int] | None = None  # x, y, width, height at 300 dpi


@dataclass(frozen=True, slots=True)
class Extracted:
    document_id: str
    tenant_id: str
    fields: dict[str, FoundField]  # never raw text: only the fields the register needs
    page_count: int
    seconds: float


@dataclass(frozen=True, slots=True)
class Refused:
    document_id: str
    tenant_id: str
    code: str  # stable machine code, e.g. "corrupt", "document_missing"
    message: str


Outcome = Extracted | Refused
