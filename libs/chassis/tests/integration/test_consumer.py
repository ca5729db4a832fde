"""Durable JetStream consumers: retries, dead letters and one trace across the hop."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import nats.js.errors
import sqlalchemy as sa

from chassis.events import EventRegistry, outgoing
from chassis.messaging import ConsumerSpec, Delivery, PermanentFailure, run_consumer
from chassis.outbox import OutboxRelay
from kmo.ingest.v1 import events_pb2 as ingest_events

REGISTRY = EventRegistry(ingest_events.InvoiceRecorded)


@contextlib.asynccontextmanager
async def consuming(bus: Any, spec: ConsumerSpec) -> AsyncIterator[None]:
    task = asyncio.create_task(run_consumer(bus.js, bus.ns, spec))
    try:
        yield
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def eventually(check: Callable[[], Awaitable[bool]], seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


async def consumer_state(bus: Any, durable: str) -> tuple[int, int, int]:
    """(messages pending, awaiting ack, redelivered) as the server sees them."""
    info = await bus.js.consumer_info(bus.stream, durable)
    return info.num_pending, info.num_ack_pending, info.num_redelivered


async def publish_raw(bus: Any, payload: bytes, headers: dict[str, str]) -> None:
    await bus.js.publish(bus.ns.subject("invoice.recorded"), payload, headers=headers)


async def test_a_handler_that_fails_once_is_retried_and_applied_once(
    store: Any, bus: Any, relay: OutboxRelay
) -> None:
    attempts: list[int] = []

    async def handle(delivery: Delivery) -> None:
        attempts.append(delivery.attempt)
        message = REGISTRY.decode(delivery.event_type, delivery.payload)
        assert isinstance(message, ingest_events.InvoiceRecorded)
        async with store.sessions.begin() as session:
            if not await store.outbox.claim(session, "ledger", delivery.event_id):
                return
            await session.execute(
                sa.insert(store.ledger).values(event_id=delivery.event_id, note=message.invoice_id)
            )
            if delivery.attempt == 1:
                raise RuntimeError("database hiccup")  # rolls back the claim and the row

    event = outgoing(ingest_events.InvoiceRecorded(invoice_id="i-1"))
    async with store.sessions.begin() as session:
        await store.outbox.write(session, [event])
    await relay.publish_pending()

    async def ledger_rows() -> list[tuple[str, str]]:
        async with store.sessions() as session:
            return [tuple(r) for r in await session.execute(sa.select(store.ledger))]

    spec = ConsumerSpec("EVENTS", "ledger", ["invoice.>"], handle, ack_wait_seconds=5)
    async with consuming(bus, spec):

        async def applied() -> bool:
            return bool(await ledger_rows()) and await _settled(bus, "ledger")

        await eventually(applied)

    assert attempts == [1, 2]
    assert await ledger_rows() == [(event.event_id, "i-1")]


async def test_an_undecodable_payload_is_terminated_not_retried_forever(bus: Any) -> None:
    calls: list[str] = []

    async def handle(delivery: Delivery) -> None:
        calls.append(delivery.event_id)
        REGISTRY.decode(delivery.event_type, delivery.payload)

    headers = {"kmo-event-type": "kmo.ingest.v1.InvoiceRecorded"}
    await publish_raw(bus, b"\x0a\xff garbage", {**headers, "Nats-Msg-Id": "bad-1"})
    good = outgoing(ingest_events.InvoiceRecorded(invoice_id="i-2"))
    await publish_raw(bus, good.payload, {**headers, "Nats-Msg-Id": good.event_id})

    spec = ConsumerSpec("EVENTS", "strict", ["invoice.>"], handle, ack_wait_seconds=1)
    async with consuming(bus, spec):
        # Settled: both acknowledged or terminated, none waiting for a retry (a nak'd or
        # unacknowledged message stays ack-pending until redelivered), none redelivered.
        await eventually(lambda: _settled(bus, "strict"))

    assert calls == ["bad-1", good.event_id]
    assert await consumer_state(bus, "strict") == (0, 0, 0)


async def test_a_permanent_failure_and_a_message_without_an_id_are_dead_lettered(
    bus: Any,
) -> None:
    calls: list[str] = []

    async def handle(delivery: Delivery) -> None:
        calls.append(delivery.event_id)
        raise PermanentFailure("this debtor no longer exists")

    await publish_raw(bus, b"", {"kmo-event-type": "kmo.ingest.v1.InvoiceRecorded"})
    await publish_raw(bus, b"", {"Nats-Msg-Id": "doomed-1"})

    spec = ConsumerSpec("EVENTS", "doomed", ["invoice.>"], handle, ack_wait_seconds=1)
    async with consuming(bus, spec):
        await eventually(lambda: _settled(bus, "doomed"))

    assert calls == ["doomed-1"]  # the message without an id never reaches the handler
    assert await consumer_state(bus, "doomed") == (0, 0, 0)


async def test_the_consumer_continues_the_producers_trace(
    store: Any, bus: Any, relay: OutboxRelay, span_exporter: Any
) -> None:
    from opentelemetry import trace

    handled = asyncio.Event()

    async def handle(delivery: Delivery) -> None:
        handled.set()

    with trace.get_tracer("tests").start_as_current_span("submit invoice") as span:
        async with store.sessions.begin() as session:
            await store.outbox.write(session, [outgoing(ingest_events.InvoiceRecorded())])
        trace_id = span.get_span_context().trace_id
    await relay.publish_pending()

    spec = ConsumerSpec("EVENTS", "traced", ["invoice.>"], handle)
    async with consuming(bus, spec):
        await asyncio.wait_for(handled.wait(), 10)
        await eventually(lambda: _settled(bus, "traced"))

    names = {s.name for s in span_exporter.get_finished_spans() if s.context.trace_id == trace_id}
    assert {"submit invoice", "invoice.recorded publish", "invoice.recorded process"} <= names


async def _settled(bus: Any, durable: str) -> bool:
    """Everything delivered and acknowledged (or terminated)."""
    try:
        pending, unacked, _ = await consumer_state(bus, durable)
    except nats.js.errors.NotFoundError:
        return False  # run_consumer has not created the consumer yet
    return pending == 0 and unacked == 0


async def test_a_consumer_of_one_subject_gets_only_that_subject_on_any_server(bus: Any) -> None:
    """Servers before 2.10 ignore ``filter_subjects``: a consumer of one subject must still
    see only it, not the rest of its stream (a batch handler failing on a foreign event
    type fell back to one message at a time)."""
    seen: list[str] = []

    async def handle(delivery: Delivery) -> None:
        seen.append(delivery.subject)

    headers = {"kmo-event-type": "kmo.ingest.v1.InvoiceRecorded"}
    await bus.js.publish(
        bus.ns.subject("risk.changed.BE.BE0123456749"),
        b"",
        headers={**headers, "Nats-Msg-Id": "r-1"},
    )
    await publish_raw(bus, b"", {**headers, "Nats-Msg-Id": "i-1"})

    spec = ConsumerSpec("EVENTS", "only-invoices", ["invoice.recorded"], handle)
    async with consuming(bus, spec):
        await eventually(lambda: _settled(bus, "only-invoices"))

    assert seen == ["invoice.recorded"]
    info = await bus.js.consumer_info(bus.stream, "only-invoices")
    assert info.delivered.consumer_seq == 1  # the other subject was never delivered
