"""Facts scoring learns from events, and the commands it runs on its own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from scoring.domain.evidence import MAX_AMOUNT, Experience

# Invoices outside this window say nothing about how a debtor pays today, and a date
# like 0001-01-01 is a typo or an attack: such facts are neutralised (not counted).
EARLIEST_ISSUE = date(2000, 1, 1)
MAX_AGE_YEARS = 10
MAX_TERM_DAYS = 366


@dataclass(frozen=True, slots=True)
class InvoiceFact:
    """The state of one invoice after an event (recorded, paid, changed, deleted)."""

    event_id: str
    invoice_id: str
    supplier: str
    vat: str
    country: str
    sector: str
    issue_date: date
    due_date: date
    amount: Decimal
    paid_amount: Decimal = Decimal("0.00")
    settled_date: date | None = None
    disputed: bool = False
    written_off_date: date | None = None
    revision: int = 0
    deleted: bool = False

    def experience(self) -> Experience:
        return Experience(
            invoice_id=self.invoice_id,
            supplier=self.supplier,
            vat=self.vat,
            issue_date=self.issue_date,
            due_date=self.due_date,
            amount=self.amount,
            paid_amount=self.paid_amount,
            settled_date=self.settled_date,
            disputed=self.disputed,
            written_off_date=self.written_off_date,
            revision=self.revision,
        )

    def admissible(self, today: date) -> bool:
        """Whether the fact may count: dates in a plausible window, a sane term and amount."""
        earliest = max(EARLIEST_ISSUE, today.replace(year=today.year - MAX_AGE_YEARS))
        if not earliest <= self.issue_date <= today + timedelta(days=1):
            return False
        if not self.issue_date <= self.due_date <= self.issue_date + timedelta(MAX_TERM_DAYS):
            return False
        if self.amount < 0 or self.amount > MAX_AMOUNT:
            return False
        return not (self.settled_date is not None and self.settled_date < self.issue_date)


@dataclass(frozen=True, slots=True)
class Sweep:
    """Re-evaluate every profile as of a day (open invoices age without events)."""

    day: date


@dataclass(frozen=True, slots=True)
class Rescore:
    """Rebuild every member's sums from the experiences and every profile; after a model
    change, its announcements are marked so partners can mute them."""

    model_change: bool = False


def latest_by_invoice(facts: Sequence[InvoiceFact]) -> list[InvoiceFact]:
    """One fact per invoice: the highest revision. Events without a revision (revision 0,
    from before revisions existed) merge: a settlement is never undone by a late
    "recorded"."""
    merged: dict[str, InvoiceFact] = {}
    for f in facts:
        known = merged.get(f.invoice_id)
        if known is None or f.revision > known.revision:
            merged[f.invoice_id] = f
        elif f.revision == known.revision:
            merged[f.invoice_id] = merge(known, f)
    return list(merged.values())


def merge(old: InvoiceFact, new: InvoiceFact) -> InvoiceFact:
    """Two facts of the same revision: keep what either knows."""
    return replace(
        new,
        settled_date=new.settled_date or old.settled_date,
        paid_amount=max(new.paid_amount, old.paid_amount),
        sector=new.sector or old.sector,
        deleted=new.deleted or old.deleted,
    )
