"""Domain events into the ``kmo.ingest.v1`` protobuf events, exactly."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from benelux.vat import VatNumber
from ingest.adapters.event_codec import encode
from ingest.domain.events import InvoiceFacts, InvoicePaid, InvoiceRecorded
from ingest.domain.model import Invoice, money
from kmo.ingest.v1 import events_pb2


def facts(amount: str = "1234.50") -> InvoiceFacts:
    return InvoiceFacts(
        invoice_id="6f1c1f8e-8f6b-4bb0-9d7c-2f1f7e0f0a01",
        tenant_id="member-a",
        debtor=VatNumber(country="BE", number="BE0123456749"),
        debtor_name="Bouwbedrijf Peeters NV",
        debtor_sector="F41",
        issue_date=date(2026, 8, 1),
        due_date=date(2026, 8, 31),
        amount=Decimal(amount),
        currency="EUR",
    )


def test_invoice_recorded_round_trips_into_its_protobuf_with_the_exact_amount() -> None:
    out = encode(InvoiceRecorded(facts("1234.50")))

    assert out.subject == "invoice.recorded"
    assert out.event_type == "kmo.ingest.v1.InvoiceRecorded"
    assert out.schema_version == 1
    uuid.UUID(out.event_id)
    msg = events_pb2.InvoiceRecorded.FromString(out.payload)
    assert msg.invoice_id == "6f1c1f8e-8f6b-4bb0-9d7c-2f1f7e0f0a01"
    assert msg.tenant_id == "member-a"
    assert (msg.debtor.country, msg.debtor.vat) == ("BE", "BE0123456749")
    assert msg.debtor_name == "Bouwbedrijf Peeters NV"
    assert msg.debtor_sector == "F41"
    assert (msg.issue_date.year, msg.issue_date.month, msg.issue_date.day) == (2026, 8, 1)
    assert (msg.due_date.year, msg.due_date.month, msg.due_date.day) == (2026, 8, 31)
    assert (msg.amount.amount, msg.amount.currency) == ("1234.50", "EUR")


def test_amounts_keep_their_cents_as_decimal_strings_not_floats() -> None:
    for written in ["0.10", "1000.00", "999999999.99", "0.01"]:
        out = encode(InvoiceRecorded(facts(written)))
        msg = events_pb2.InvoiceRecorded.FromString(out.payload)
        assert msg.amount.amount == written
        assert Decimal(msg.amount.amount) == Decimal(written)


def test_invoice_paid_round_trips_with_its_paid_date() -> None:
    out = encode(InvoicePaid(facts("99.99"), date(2026, 9, 10)))

    assert out.subject == "invoice.paid"
    assert out.event_type == "kmo.ingest.v1.InvoicePaid"
    msg = events_pb2.InvoicePaid.FromString(out.payload)
    assert (msg.paid_date.year, msg.paid_date.month, msg.paid_date.day) == (2026, 9, 10)
    assert msg.amount.amount == "99.99"
    assert msg.debtor.vat == "BE0123456749"
    assert msg.tenant_id == "member-a"


def test_every_encoded_event_gets_its_own_id() -> None:
    ids = {encode(InvoiceRecorded(facts())).event_id for _ in range(5)}

    assert len(ids) == 5


def test_a_submitted_invoice_encodes_the_amount_it_was_normalised_to() -> None:
    invoice = Invoice.record(
        tenant_id="member-a",
        debtor=VatNumber(country="BE", number="BE0123456749"),
        debtor_name="x",
        debtor_sector="",
        invoice_number="F-1",
        issue_date=date(2026, 8, 1),
        due_date=date(2026, 8, 31),
        amount=money("1e3"),
        currency="EUR",
        now=datetime(2026, 9, 1, tzinfo=UTC),
    )

    msg = events_pb2.InvoiceRecorded.FromString(encode(invoice.events[0]).payload)
    assert msg.amount.amount == "1000.00"
