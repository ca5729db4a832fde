from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum

import strawberry

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


@strawberry.type(description="An invoice a member sent to a debtor.")
class Invoice:
    id: strawberry.ID
    debtor: Company
    debtor_name: str
    invoice_number: str
    issue_date: date
    due_date: date
    amount: Money
    paid_amount: Money
    paid_date: date | None
    status: InvoiceStatus
    recorded_at: datetime
    credited_amount: Money = strawberry.field(description="credit notes against it")
    disputed: bool = strawberry.field(description="not counted as late while disputed")
    dispute_reason: str
    written_off_date: date | None

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


@strawberry.type
class InvoicePage:
    items: list[Invoice]
    next_cursor: str | None = strawberry.field(description="pass as `after` for the next page")


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
