"""Protobuf messages into publishable events, and back."""

from __future__ import annotations

import uuid

import pytest

from chassis.events import EventRegistry, UndecodableEvent, outgoing, subject_template
from kmo.ingest.v1 import events_pb2 as ingest_events
from kmo.scoring.v1 import events_pb2 as scoring_events
from kmo.types.v1 import types_pb2


def risk_changed() -> scoring_events.RiskChanged:
    return scoring_events.RiskChanged(
        company=types_pb2.CompanyRef(country="BE", vat="BE0123456749"), score=63
    )


def test_outgoing_fills_the_subject_placeholders_from_keyword_fields() -> None:
    event = outgoing(risk_changed(), country="BE", vat="BE0123456749")

    assert event.subject == "risk.changed.BE.BE0123456749"


def test_outgoing_takes_type_and_version_from_the_proto_options() -> None:
    event = outgoing(ingest_events.InvoicePaid(invoice_id="i-1"))

    assert event.subject == "invoice.paid"
    assert event.event_type == "kmo.ingest.v1.InvoicePaid"
    assert event.schema_version == 1
    assert ingest_events.InvoicePaid.FromString(event.payload).invoice_id == "i-1"


def test_outgoing_keeps_a_given_event_id_and_makes_a_fresh_one_otherwise() -> None:
    given = outgoing(ingest_events.InvoicePaid(), event_id="evt-42")
    first = outgoing(ingest_events.InvoicePaid())
    second = outgoing(ingest_events.InvoicePaid())

    assert given.event_id == "evt-42"
    assert first.event_id != second.event_id
    uuid.UUID(first.event_id)


def test_outgoing_refuses_a_subject_with_a_missing_placeholder() -> None:
    with pytest.raises(KeyError):
        outgoing(risk_changed(), country="BE")


def test_a_message_without_an_event_subject_is_not_an_event() -> None:
    with pytest.raises(TypeError, match=r"kmo\.types\.v1\.Money"):
        subject_template(types_pb2.Money)


def test_the_registry_decodes_a_known_type() -> None:
    registry = EventRegistry(ingest_events.InvoiceRecorded, ingest_events.InvoicePaid)
    event = outgoing(ingest_events.InvoiceRecorded(invoice_id="i-7", debtor_sector="F"))

    message = registry.decode(event.event_type, event.payload)

    assert isinstance(message, ingest_events.InvoiceRecorded)
    assert (message.invoice_id, message.debtor_sector) == ("i-7", "F")


@pytest.mark.parametrize("event_type", ["", "kmo.ingest.v1.OcrRequested", "InvoiceRecorded"])
def test_the_registry_rejects_an_unknown_type(event_type: str) -> None:
    registry = EventRegistry(ingest_events.InvoiceRecorded)

    with pytest.raises(UndecodableEvent, match="unknown event type"):
        registry.decode(event_type, b"")


@pytest.mark.parametrize("payload", [b"\x0a\xff", b"\xff\xff\xff", b"\x0a\x05ab"])
def test_the_registry_rejects_a_garbage_payload(payload: bytes) -> None:
    registry = EventRegistry(ingest_events.InvoiceRecorded)

    with pytest.raises(UndecodableEvent, match="not a valid"):
        registry.decode("kmo.ingest.v1.InvoiceRecorded", payload)
