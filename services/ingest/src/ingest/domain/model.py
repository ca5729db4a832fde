"""The invoice aggregate: what a member billed a debtor, and how it was paid."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import Enum

from benelux.nace import InvalidNaceCode, parse_nace
from benelux.text import shown
from benelux.vat import VatNumber
from ingest.domain import events as domain_events
from ingest.domain.errors import (
    AlreadyPaid,
    IngestError,
    InvalidChange,
    InvalidInvoice,
    InvalidPayment,
)
from ingest.domain.events import Change

CENT = Decimal("0.01")
NOTHING = Decimal("0.00")

MAX_AMOUNT = Decimal("1000000000")  # 1 billion: beyond any SME invoice; typo guard
MAX_TERM = timedelta(days=366)
SUPPORTED_CURRENCIES = frozenset({"EUR"})


def money(
    raw: str | Decimal, what: str = "amount", error: type[IngestError] = InvalidInvoice
) -> Decimal:
    """An exact, positive amount with at most two decimals; ``error`` says what is invalid."""
    try:
        value = Decimal(raw)
    except (InvalidOperation, ValueError) as exc:
        raise error(f"{what} {shown(str(raw))} is not a number") from exc
    if not value.is_finite() or value <= 0:
        raise error(f"{what} must be greater than zero")
    # Size first: quantize() itself fails beyond 28 significant digits.
    if value > MAX_AMOUNT:
        raise error(f"{what} is implausibly large (at most {MAX_AMOUNT})")
    if value != value.quantize(CENT):
        raise error(f"{what} {shown(str(raw))} has more than two decimals")
    return value.quantize(CENT)


@dataclass(frozen=True, slots=True)
class DateWindow:
    """The issue dates the register accepts: not before ``earliest`` and not more than
    ``max_age_years`` before today. A typo such as 0001-01-01 would otherwise turn a
    debtor's score upside down, and a decades-old ledger says nothing about it now."""

    earliest: date = date(2000, 1, 1)
    max_age_years: int = 10

    @functools.lru_cache(maxsize=16)  # noqa: B019 - a handful of windows, one floor a day
    def floor(self, today: date) -> date:
        try:
            back = today.replace(year=today.year - self.max_age_years)
        except ValueError:  # 29 February
            back = today.replace(year=today.year - self.max_age_years, day=28)
        return max(self.earliest, back)


DEFAULT_WINDOW = DateWindow()


def text(raw: str, what: str, most: int, *, required: bool = True) -> str:
    """A free-text field: trimmed, printable (no NUL or other control characters, which
    PostgreSQL or a reader downstream would choke on), at most ``most`` characters."""
    value = raw.strip()
    if required and not value:
        raise InvalidInvoice(f"{what} is required")
    if len(value) > most:
        raise InvalidInvoice(f"{what} must be at most {most} characters")
    if not value.isprintable():
        raise InvalidInvoice(f"{what} contains control characters")
    return value


def sector(raw: str) -> str:
    """A NACE Rev. 2 code in its normal form ("F41.20"); "" when not given."""
    if not raw.strip():
        return ""
    try:
        return str(parse_nace(raw))
    except InvalidNaceCode as exc:
        raise InvalidInvoice(f"debtor sector: {exc}") from exc


class Status(Enum):
    OPEN = "open"
    PARTIALLY_PAID = "partially_paid"
    PAID = "paid"
    WRITTEN_OFF = "written_off"


MAX_REASON = 200


@dataclass(frozen=True, slots=True)
class Payment:
    paid_date: date
    amount: Decimal


@dataclass(slots=True)
class Invoice:
    id: str
    tenant_id: str
    debtor: VatNumber
    debtor_name: str
    debtor_sector: str
    invoice_number: str
    issue_date: date
    due_date: date
    amount: Decimal
    currency: str
    recorded_at: datetime
    payments: list[Payment] = field(default_factory=list)
    credited: Decimal = Decimal("0.00")  # credit notes against it
    disputed: bool = False
    dispute_reason: str = ""
    written_off_date: date | None = None
    # 1 when recorded, +1 with every payment and every change: consumers apply the
    # highest revision they have seen.
    revision: int = 1
    events: list[domain_events.Event] = field(default_factory=list, repr=False)

    @classmethod
    def record(
        cls,
        *,
        tenant_id: str,
        debtor: VatNumber,
        debtor_name: str,
        debtor_sector: str,
        invoice_number: str,
        issue_date: date,
        due_date: date,
        amount: Decimal,
        currency: str,
        now: datetime,
        window: DateWindow = DEFAULT_WINDOW,
        member_vat: str = "",
    ) -> Invoice:
        number = text(invoice_number, "invoice number", 64)
        name = text(debtor_name, "debtor name", 200, required=False)
        if member_vat and debtor.number == member_vat:
            raise InvalidInvoice("a member cannot report itself as its own debtor")
        if currency not in SUPPORTED_CURRENCIES:
            raise InvalidInvoice(f"currency {shown(currency)} is not supported (EUR only)")
        if issue_date < window.floor(now.date()):
            raise InvalidInvoice(
                f"issue date {issue_date} is before {window.floor(now.date())}, the earliest "
                "the register accepts"
            )
        if due_date < issue_date:
            raise InvalidInvoice("due date is before the issue date")
        if due_date - issue_date > MAX_TERM:
            raise InvalidInvoice("payment term is longer than a year")
        if issue_date > now.date() + timedelta(days=1):
            raise InvalidInvoice("issue date is in the future")
        invoice = cls(
            id=str(uuid.uuid4()),
            tenant_id=tenant_id,
            debtor=debtor,
            debtor_name=name,
            debtor_sector=sector(debtor_sector),
            invoice_number=number,
            issue_date=issue_date,
            due_date=due_date,
            amount=amount,
            currency=currency,
            recorded_at=now,
        )
        invoice.events.append(domain_events.InvoiceRecorded(invoice.snapshot()))
        return invoice

    @property
    def paid_amount(self) -> Decimal:
        if not self.payments:  # most invoices, and every one an import records
            return NOTHING
        return sum((p.amount for p in self.payments), NOTHING)

    @property
    def payable(self) -> Decimal:
        """The amount less its credit notes."""
        return self.amount - self.credited

    @property
    def outstanding(self) -> Decimal:
        return self.payable - self.paid_amount

    @property
    def status(self) -> Status:
        if self.outstanding <= 0:
            return Status.PAID
        if self.written_off_date is not None:
            return Status.WRITTEN_OFF
        return Status.PARTIALLY_PAID if self.payments else Status.OPEN

    @property
    def paid_date(self) -> date | None:
        # A fully credited invoice may be settled without a payment: no paid date.
        if not self.payments or self.status is not Status.PAID:
            return None
        return max(p.paid_date for p in self.payments)

    def record_payment(self, paid_date: date, amount: Decimal | None, *, today: date) -> Payment:
        if self.status is Status.PAID:
            raise AlreadyPaid(f"invoice {self.invoice_number} is already paid")
        if self.status is Status.WRITTEN_OFF:
            raise InvalidChange(f"invoice {self.invoice_number} was written off")
        if paid_date < self.issue_date:
            raise InvalidPayment("payment date is before the invoice's issue date")
        if paid_date > today + timedelta(days=1):
            raise InvalidPayment("payment date is in the future")
        value = self.outstanding if amount is None else amount
        if value > self.outstanding:
            raise InvalidPayment(
                f"payment of {value} exceeds the outstanding {self.outstanding} {self.currency}"
            )
        payment = Payment(paid_date, value)
        self.payments.append(payment)
        self.revision += 1
        self.events.append(
            domain_events.PaymentRecorded(self.snapshot(), paid_date, value, len(self.payments))
        )
        if self.paid_date is not None:
            # Settled on the latest payment's date, whatever order payments are entered in.
            self.events.append(domain_events.InvoicePaid(self.snapshot(), self.paid_date))
        return payment

    # --- The rest of an invoice's life: each change is one revision and one event. ---

    def _changed(self, change: Change, reason: str = "") -> None:
        self.revision += 1
        self.events.append(domain_events.InvoiceUpdated(self.snapshot(), change, reason))

    def _still_open(self, what: str) -> None:
        if self.status is Status.PAID:
            raise AlreadyPaid(f"invoice {self.invoice_number} is already paid: cannot {what}")
        if self.status is Status.WRITTEN_OFF:
            raise InvalidChange(f"invoice {self.invoice_number} was written off: cannot {what}")

    def correct(self, *, amount: Decimal | None, due_date: date | None) -> None:
        """The member fixes the amount or the due date it entered."""
        if amount is None and due_date is None:
            raise InvalidChange("a correction needs a new amount or a new due date")
        if amount is not None:
            if amount < self.paid_amount + self.credited:
                raise InvalidChange(
                    f"amount {amount} is below what was paid and credited "
                    f"({self.paid_amount + self.credited} {self.currency})"
                )
            self.amount = amount
        if due_date is not None:
            if due_date < self.issue_date:
                raise InvalidInvoice("due date is before the issue date")
            if due_date - self.issue_date > MAX_TERM:
                raise InvalidInvoice("payment term is longer than a year")
            self.due_date = due_date
        self._changed(Change.CORRECTED)

    def credit(self, amount: Decimal, note_number: str) -> None:
        """A credit note against the invoice (``amount`` up to what is outstanding)."""
        self._still_open("credit it")
        if amount > self.outstanding:
            raise InvalidChange(
                f"credit note of {amount} exceeds the outstanding {self.outstanding} "
                f"{self.currency}"
            )
        number = note_number.strip()
        if not number or len(number) > 64 or not number.isprintable():
            raise InvalidChange("credit note number must be 1 to 64 printable characters")
        self.credited += amount
        self._changed(Change.CREDITED, number)

    def dispute(self, reason: str) -> None:
        """The member disputes the invoice with the debtor: it is not late while disputed."""
        self._still_open("dispute it")
        if self.disputed:
            raise InvalidChange(f"invoice {self.invoice_number} is already disputed")
        text = " ".join(reason.split())
        if not text or len(text) > MAX_REASON or not text.isprintable():
            raise InvalidChange(f"a dispute needs a reason of 1 to {MAX_REASON} characters")
        self.disputed, self.dispute_reason = True, text
        self._changed(Change.DISPUTED, text)

    def resolve_dispute(self) -> None:
        if not self.disputed:
            raise InvalidChange(f"invoice {self.invoice_number} is not disputed")
        self.disputed, self.dispute_reason = False, ""
        self._changed(Change.DISPUTE_RESOLVED)

    def write_off(self, day: date, *, today: date) -> None:
        """The member gives up collecting what is outstanding."""
        self._still_open("write it off")
        if not self.issue_date <= day <= today + timedelta(days=1):
            raise InvalidChange("the write-off date must be between the issue date and today")
        self.written_off_date = day
        self._changed(Change.WRITTEN_OFF)

    def delete(self, *, erased: bool = False) -> None:
        """The invoice leaves the register: entered by mistake, or erased with all of the
        member's contributions."""
        self.revision += 1
        self.events.append(domain_events.InvoiceDeleted(self.snapshot(), erased=erased))

    def snapshot(self) -> domain_events.InvoiceFacts:
        return domain_events.InvoiceFacts(
            invoice_id=self.id,
            tenant_id=self.tenant_id,
            debtor=self.debtor,
            debtor_name=self.debtor_name,
            debtor_sector=self.debtor_sector,
            issue_date=self.issue_date,
            due_date=self.due_date,
            amount=self.payable,
            currency=self.currency,
            paid_amount=self.paid_amount,
            settled_date=self.paid_date,
            revision=self.revision,
            disputed=self.disputed,
            written_off_date=self.written_off_date,
        )
