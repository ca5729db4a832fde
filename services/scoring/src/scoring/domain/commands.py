"""Facts scoring learns from events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
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


def merge_by_invoice(cmds: Sequence[RecordExperience]) -> list[RecordExperience]:
    """One fact per invoice: a batch may hold both its "recorded" and its "paid"."""
    merged: dict[str, RecordExperience] = {}
    for cmd in cmds:
        known = merged.get(cmd.invoice_id)
        if known is None:
            merged[cmd.invoice_id] = cmd
        else:
            merged[cmd.invoice_id] = replace(
                known,
                paid_date=cmd.paid_date or known.paid_date,
                sector=cmd.sector or known.sector,
            )
    return list(merged.values())
