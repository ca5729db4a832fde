"""Plain data that crosses process boundaries: words in, fields out.

Everything here is a frozen dataclass of builtins, ``Decimal`` and ``date`` so that a process pool
can pickle it and the service can serialise it without knowing our internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Box:
    """Where a value sits: 0-based page index and pixels at 300 dpi, origin top-left.

    Text-layer PDF pages are converted to the same 300 dpi pixel space as OCR'd pages so that one
    layout heuristic serves both.
    """

    page: int
    x: int
    y: int
    w: int
    h: int

    @property
    def x1(self) -> int:
        return self.x + self.w

    @property
    def y1(self) -> int:
        return self.y + self.h

    def union(self, other: Box) -> Box:
        x0, y0 = min(self.x, other.x), min(self.y, other.y)
        x1, y1 = max(self.x1, other.x1), max(self.y1, other.y1)
        return Box(self.page, x0, y0, x1 - x0, y1 - y0)


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word with its box and the recogniser's confidence (0..1)."""

    text: str
    box: Box
    confidence: float = 1.0
    # Printed turned by 90 degrees (a PDF's legal mentions up the margin): the box is tall and
    # narrow, and the word reads along it.
    vertical: bool = False


@dataclass(frozen=True, slots=True)
class Field(Generic[T]):
    """An extracted value, how sure we are of it (0..1) and where it was read."""

    value: T
    confidence: float
    box: Box | None = None


@dataclass(frozen=True, slots=True)
class InvoiceFields:
    """What the register needs from an invoice; ``None`` means not found on the document."""

    debtor_name: Field[str] | None = None
    debtor_vat: Field[str] | None = None
    seller_vat: Field[str] | None = None
    invoice_number: Field[str] | None = None
    invoice_date: Field[date] | None = None
    due_date: Field[date] | None = None
    payment_terms_days: Field[int] | None = None
    total_amount: Field[Decimal] | None = None
    currency: Field[str] | None = None
    # The issuer (the member, on a sales invoice): legal name, else trade or logo name.
    seller_name: Field[str] | None = None


@dataclass(frozen=True, slots=True)
class PageReport:
    """How one page was read, for metrics and for explaining low confidences."""

    index: int
    used_text_layer: bool
    rotation_degrees: int = 0
    skew_degrees: float = 0.0
    word_count: int = 0
    mean_confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    """The outcome of :func:`ocr.extraction.extract`; holds fields only, never the page text."""

    fields: InvoiceFields
    page_count: int
    pages: tuple[PageReport, ...]
    document_type: str
    languages: str
    timings: dict[str, float] = field(default_factory=dict)
