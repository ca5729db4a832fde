"""Domain events to the protobuf events of ``kmo.ingest.v1``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from chassis.events import OutgoingEvent, outgoing
from ingest.domain import events
from kmo.ingest.v1 import events_pb2
from kmo.types.v1 import types_pb2


def pb_date(value: date) -> types_pb2.Date:
    return types_pb2.Date(year=value.year, month=value.month, day=value.day)


def pb_money(amount: Decimal, currency: str) -> types_pb2.Money:
    return types_pb2.Money(amount=str(amount), currency=currency)


def encode(event: events.Event) -> OutgoingEvent:
    facts = event.invoice
    debtor = types_pb2.CompanyRef(country=facts.debtor.country, vat=facts.debtor.number)
    match event:
        case events.InvoiceRecorded():
            return outgoing(
                events_pb2.InvoiceRecorded(
                    invoice_id=facts.invoice_id,
                    tenant_id=facts.tenant_id,
                    debtor=debtor,
                    debtor_name=facts.debtor_name,
                    debtor_sector=facts.debtor_sector,
                    issue_date=pb_date(facts.issue_date),
                    due_date=pb_date(facts.due_date),
                    amount=pb_money(facts.amount, facts.currency),
                )
            )
        case events.InvoicePaid():
            return outgoing(
                events_pb2.InvoicePaid(
                    invoice_id=facts.invoice_id,
                    tenant_id=facts.tenant_id,
                    debtor=debtor,
                    issue_date=pb_date(facts.issue_date),
                    due_date=pb_date(facts.due_date),
                    paid_date=pb_date(event.paid_date),
                    amount=pb_money(facts.amount, facts.currency),
                )
            )
