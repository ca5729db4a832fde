"""Facts scoring learns from events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class RecordExperience:
    """An invoice was recorded (``paid_date`` None) or settled."""

    event_id: str
    invoice_id: str
    supplier: str
    vat: str
    country: str
    sector: str
    issue_date: date
    due_date: date
    amount: Decimal
    paid_date: date | None
