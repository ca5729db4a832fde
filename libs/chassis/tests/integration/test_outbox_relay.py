"""The transactional outbox against real PostgreSQL and JetStream."""

from __future__ import annotations

import asyncio
from typing import Any

import sqlalchemy as sa
from opentelemetry import trace

from chassis.events import OutgoingEvent, outgoing
from chassis.outbox import COPY_FROM, OutboxRelay
from kmo.ingest.v1 import events_pb2 as ingest_events
from kmo.scoring.v1 import events_pb2 as scoring_events
from kmo.types.v1 import types_pb2


def recorded(invoice_id: str) -> OutgoingEvent:
    return outgoing(ingest_events.InvoiceRecorded(invoice_id=invoice_id))


async def stage(store: Any, *events: OutgoingEvent) -> None:
    async with store.sessions.begin() as session:
        await store.outbox.write(session, events)


async def stream_messages(bus: Any) -> int:
    return int((await bus.js.stream_info(bus.stream)).state.messages)


async def unpublished(store: Any) -> int:
    t = store.outbox.table
    async with store.sessions() as session:
        query = sa.select(sa.func.count()).select_from(t).where(t.c.published_at.is_(None))
        return int((await session.execute(query)).scalar_one())


async def test_a_staged_event_reaches_the_stream_with_id_type_version_and_trace_headers(
    store: Any, bus: Any, relay: OutboxRelay
) -> None:
    event = recorded("i-1")
    with trace.get_tracer("tests").start_as_current_span("submit invoice") as span:
        await stage(store, event)
        trace_id = format(span.get_span_context().trace_id, "032x")

    assert await relay.publish_pending() == 1

    msg = await bus.js.get_last_msg(bus.stream, bus.ns.subject("invoice.recorded"))
    assert msg.data == event.payload
    headers = msg.headers or {}
    assert headers["Nats-Msg-Id"] == event.event_id
    assert headers["kmo-event-type"] == "kmo.ingest.v1.InvoiceRecorded"
    assert headers["kmo-schema-version"] == "1"
    # W3C traceparent: version-traceid-spanid-flags, continuing the writer's trace.
    version, traced, _, _ = headers["traceparent"].split("-")
    assert (version, traced) == ("00", trace_id)


async def test_published_rows_are_marked_and_not_published_again(
    store: Any, bus: Any, relay: OutboxRelay
) -> None:
    await stage(store, recorded("i-1"), recorded("i-2"))

    assert await relay.publish_pending() == 2
    assert await unpublished(store) == 0
    assert await relay.publish_pending() == 0
    assert await stream_messages(bus) == 2


async def test_a_large_write_goes_by_copy_and_reaches_the_stream_byte_for_byte(
    store: Any, bus: Any, relay: OutboxRelay
) -> None:
    # From COPY_FROM events on the rows go by COPY: payloads with every byte value, the
    # trace headers as JSON, the order kept.
    events = [
        outgoing(ingest_events.InvoiceRecorded(invoice_id=f"i-{i}", debtor_name="\\\t\x00é"))
        for i in range(COPY_FROM + 6)
    ]
    with trace.get_tracer("tests").start_as_current_span("import"):
        await stage(store, *events)

    assert await relay.publish_pending() == len(events)
    for seq, event in enumerate(events, start=1):
        msg = await bus.js.get_msg(bus.stream, seq)
        assert msg.data == event.payload
        assert (msg.headers or {})["Nats-Msg-Id"] == event.event_id
        assert "traceparent" in (msg.headers or {})


async def test_a_rolled_back_transaction_publishes_nothing(
    store: Any, bus: Any, relay: OutboxRelay
) -> None:
    async with store.sessions() as session:
        await session.begin()
        await store.outbox.write(session, [recorded("i-1")])
        await session.rollback()

    assert await relay.publish_pending() == 0
    assert await stream_messages(bus) == 0


async def test_events_are_published_in_the_order_they_were_staged(
    store: Any, bus: Any, relay: OutboxRelay
) -> None:
    first, second = recorded("i-1"), recorded("i-2")
    changed = outgoing(
        scoring_events.RiskChanged(company=types_pb2.CompanyRef(country="BE", vat="BE0123456749")),
        country="BE",
        vat="BE0123456749",
    )
    await stage(store, first, second)
    await stage(store, changed)

    assert await relay.publish_pending() == 3

    seen = [await bus.js.get_msg(bus.stream, seq) for seq in (1, 2, 3)]
    assert [m.headers["Nats-Msg-Id"] for m in seen] == [
        first.event_id, second.event_id, changed.event_id
    ]  # fmt: skip
    assert seen[2].subject == bus.ns.subject("risk.changed.BE.BE0123456749")


async def test_a_row_published_again_after_a_crash_is_dropped_by_the_stream(
    store: Any, bus: Any, relay: OutboxRelay
) -> None:
    await stage(store, recorded("i-1"))
    await relay.publish_pending()
    # The relay died after publishing and before its commit: the row is still pending.
    async with store.sessions.begin() as session:
        await session.execute(sa.update(store.outbox.table).values(published_at=None))

    assert await relay.publish_pending() == 1
    assert await stream_messages(bus) == 1


async def test_a_running_relay_publishes_soon_after_it_is_notified(
    store: Any, bus: Any, relay: OutboxRelay
) -> None:
    task = asyncio.create_task(relay.run())
    try:
        await stage(store, recorded("i-1"))
        relay.notify()
        # The message reaches the stream just before the relay commits the row
        # as published: wait for both. Generous: a loaded CI machine is slow, not wrong.
        for _ in range(200):
            if await stream_messages(bus) == 1 and await unpublished(store) == 0:
                break
            await asyncio.sleep(0.05)
        assert await stream_messages(bus) == 1
        assert await unpublished(store) == 0
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def test_a_consumer_claims_an_event_only_once(store: Any) -> None:
    async with store.sessions.begin() as session:
        assert await store.outbox.claim(session, "scoring-invoices", "e-1") is True
    async with store.sessions.begin() as session:
        assert await store.outbox.claim(session, "scoring-invoices", "e-1") is False
        # Another consumer processes the same event independently.
        assert await store.outbox.claim(session, "benchmark-scores", "e-1") is True


async def test_a_claim_rolled_back_with_its_transaction_can_be_made_again(store: Any) -> None:
    async with store.sessions() as session:
        await session.begin()
        assert await store.outbox.claim(session, "scoring-invoices", "e-2") is True
        await session.rollback()

    async with store.sessions.begin() as session:
        assert await store.outbox.claim(session, "scoring-invoices", "e-2") is True
