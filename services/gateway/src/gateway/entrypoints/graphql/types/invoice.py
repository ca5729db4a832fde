from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry
from strawberry.permission import BasePermission
from strawberry.types.base import get_object_definition
from strawberry.utils.str_converters import to_camel_case

from gateway.entrypoints.graphql.errors import PublicError
from gateway.entrypoints.graphql.types.company import Company
from gateway.entrypoints.graphql.types.money import Money
from gateway.entrypoints.graphql.types.scalars import pb_date, to_date
from kmo.ingest.v1 import ingest_pb2
from kmo.types.v1 import types_pb2


@strawberry.enum
class InvoiceStatus(Enum):
    OPEN = "open"
    PARTIALLY_PAID = "partially_paid"
    PAID = "paid"
    WRITTEN_OFF = "written_off"


_STATUS = {
    ingest_pb2.INVOICE_STATUS_OPEN: InvoiceStatus.OPEN,
    ingest_pb2.INVOICE_STATUS_PARTIALLY_PAID: InvoiceStatus.PARTIALLY_PAID,
    ingest_pb2.INVOICE_STATUS_PAID: InvoiceStatus.PAID,
    ingest_pb2.INVOICE_STATUS_WRITTEN_OFF: InvoiceStatus.WRITTEN_OFF,
}
_PB_STATUS = {status: pb for pb, status in _STATUS.items()}


class ReadsInvoices(BasePermission):
    """An invoice's contents need ``invoices:read``: a write-only key that records a
    payment or a change learns the invoice's id and status, not what it holds."""

    message = "this API key lacks the invoices:read scope"

    def has_permission(self, source: Any, info: strawberry.Info[Any, Any], **kwargs: Any) -> bool:
        principal = info.context.principal
        if principal is not None and principal.has("invoices:read"):
            return True
        raise PublicError(self.message, "FORBIDDEN")


def _readable(description: str | None = None) -> Any:
    return strawberry.field(description=description, permission_classes=[ReadsInvoices])


@strawberry.type(
    description="An invoice a member sent to a debtor. Every field but `id` and `status` "
    "needs the invoices:read scope."
)
class Invoice:
    id: strawberry.ID
    status: InvoiceStatus
    debtor: Company = _readable()
    debtor_name: str = _readable()
    invoice_number: str = _readable()
    issue_date: date = _readable()
    due_date: date = _readable()
    amount: Money = _readable()
    paid_amount: Money = _readable()
    paid_date: date | None = _readable()
    recorded_at: datetime = _readable()
    credited_amount: Money = _readable("credit notes against it")
    disputed: bool = _readable("not counted as late while disputed")
    dispute_reason: str = _readable()
    written_off_date: date | None = _readable()

    @classmethod
    def from_proto(cls, msg: ingest_pb2.Invoice) -> Invoice:
        return cls(
            id=strawberry.ID(msg.id),
            debtor=Company.from_proto(msg.debtor),
            debtor_name=msg.debtor_name,
            invoice_number=msg.invoice_number,
            issue_date=to_date(msg.issue_date),
            due_date=to_date(msg.due_date),
            amount=Money.from_proto(msg.amount),
            paid_amount=Money.from_proto(msg.paid_amount),
            paid_date=to_date(msg.paid_date) if msg.HasField("paid_date") else None,
            status=_STATUS[msg.status],
            recorded_at=msg.recorded_at.ToDatetime(tzinfo=UTC),
            credited_amount=Money.from_proto(msg.credited_amount),
            disputed=msg.disputed,
            dispute_reason=msg.dispute_reason,
            written_off_date=(
                to_date(msg.written_off_date) if msg.HasField("written_off_date") else None
            ),
        )


READABLE = frozenset(
    to_camel_case(f.python_name)
    for f in get_object_definition(Invoice, strict=True).fields
    if ReadsInvoices in f.permission_classes
)


def _names(selections: Any) -> set[str]:
    out: set[str] = set()
    for s in selections or ():
        if isinstance(getattr(s, "name", None), str):
            out.add(s.name)
        out |= _names(getattr(s, "selections", None))
    return out


def refuse_reading_back(info: strawberry.Info[Any, Any]) -> None:
    """Before a mutation runs: a key without invoices:read may select only the id and
    status of the invoices it writes. Refused up front, so nothing changes for a request
    that would then fail on a field."""
    principal = info.context.principal
    if principal is None or principal.has("invoices:read"):
        return
    asked = _names(info.selected_fields) & READABLE
    if asked:
        raise PublicError(
            f"{ReadsInvoices.message}: select only id and status (asked for "
            f"{', '.join(sorted(asked)[:5])})",
            "FORBIDDEN",
        )


@strawberry.input(description="Narrows a list of invoices; every field set narrows it further.")
class InvoiceFilterInput:
    statuses: list[InvoiceStatus] | None = strawberry.field(
        default=None, description="any of these"
    )
    debtor_vat: str | None = strawberry.field(default=None, description="any common spelling")
    overdue: bool = strawberry.field(
        default=False,
        description="only open invoices past due on asOf (default today), not disputed",
    )
    issued_from: date | None = strawberry.field(default=None, description="inclusive")
    issued_to: date | None = strawberry.field(default=None, description="inclusive")
    as_of: date | None = None

    def to_proto(self, debtor_vat: str) -> ingest_pb2.InvoiceFilter:
        msg = ingest_pb2.InvoiceFilter(
            statuses=[_PB_STATUS[s] for s in self.statuses or ()],
            debtor_vat=debtor_vat,
            overdue_only=self.overdue,
        )
        for name, value in (
            ("issued_from", self.issued_from),
            ("issued_to", self.issued_to),
            ("as_of", self.as_of),
        ):
            if value is not None:
                getattr(msg, name).CopyFrom(pb_date(value))
        return msg


@strawberry.input(description="An invoice entered as structured data.")
class SubmitInvoiceInput:
    debtor_vat: str = strawberry.field(description='any common spelling: "BE 0123.456.749"')
    invoice_number: str
    issue_date: date
    due_date: date
    amount: Decimal = strawberry.field(description="total payable, at most two decimals")
    currency: str = "EUR"
    debtor_name: str = ""
    debtor_sector: str = strawberry.field(default="", description="NACE code, e.g. F or 41.20")

    def to_proto(self, debtor_vat: str) -> ingest_pb2.SubmitInvoiceRequest:
        """The request, with the VAT number as normalised at the edge."""
        return ingest_pb2.SubmitInvoiceRequest(
            debtor_vat=debtor_vat,
            debtor_name=self.debtor_name,
            debtor_sector=self.debtor_sector,
            invoice_number=self.invoice_number,
            issue_date=pb_date(self.issue_date),
            due_date=pb_date(self.due_date),
            amount=types_pb2.Money(amount=str(self.amount), currency=self.currency),
        )


@strawberry.input(description="A payment received; without `amount` the invoice is settled.")
class RecordPaymentInput:
    invoice_id: strawberry.ID
    paid_date: date
    amount: Decimal | None = None

    def to_proto(self) -> ingest_pb2.RecordPaymentRequest:
        request = ingest_pb2.RecordPaymentRequest(
            invoice_id=str(self.invoice_id), paid_date=pb_date(self.paid_date)
        )
        if self.amount is not None:
            request.amount.CopyFrom(types_pb2.Money(amount=str(self.amount), currency="EUR"))
        return request
