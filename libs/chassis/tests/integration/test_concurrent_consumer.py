"""Concurrent durable consumers over real JetStream: several handlers at once, each message
acked on its own, and an admission that decides how many are taken."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import nats.js.errors
import pytest

from chassis.messaging import ConsumerSpec, Delivery, run_consumer


@contextlib.asynccontextmanager
async def consuming(bus: Any, spec: ConsumerSpec) -> AsyncIterator[asyncio.Task[None]]:
    task = asyncio.create_task(run_consumer(bus.js, bus.ns, spec))
    try:
        yield task
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def publish(bus: Any, *ids: str) -> None:
    for msg_id in ids:
        await bus.js.publish(
            bus.ns.subject("invoice.recorded"),
            b"",
            headers={"Nats-Msg-Id": msg_id, "kmo-event-type": "kmo.ingest.v1.InvoiceRecorded"},
        )


async def state(bus: Any, durable: str) -> tuple[int, int, int]:
    """(delivered, awaiting ack, still pending) as the server counts them."""
    try:
        info = await bus.js.consumer_info(bus.stream, durable)
    except nats.js.errors.NotFoundError:
        return (0, 0, -1)
    return info.delivered.consumer_seq, info.num_ack_pending, info.num_pending


async def until(check: Any, within: float = 15.0) -> None:
    async with asyncio.timeout(within):
        while not await check():  # noqa: ASYNC110 - polling the broker's state
            await asyncio.sleep(0.05)


async def test_handlers_run_at_once_up_to_the_concurrency_and_each_is_acked_alone(
    bus: Any,
) -> None:
    inside: set[str] = set()
    most = 0
    release = asyncio.Event()
    three_inside = asyncio.Event()

    async def handle(delivery: Delivery) -> None:
        nonlocal most
        inside.add(delivery.event_id)
        most = max(most, len(inside))
        if len(inside) == 3:
            three_inside.set()
        if delivery.event_id != "quick":
            await release.wait()
        inside.discard(delivery.event_id)

    await publish(bus, "slow-1", "slow-2", "quick", "late-1", "late-2")
    spec = ConsumerSpec(
        "EVENTS", "together", ["invoice.>"], handle, concurrency=3, ack_wait_seconds=30
    )
    async with consuming(bus, spec):
        await asyncio.wait_for(three_inside.wait(), 15)
        # "quick" returned and was acked while both slow ones still run; its place went
        # to the next message, and no more than three were ever handled at once.
        await until(lambda: _is_inside(inside, "late-1"))
        assert inside == {"slow-1", "slow-2", "late-1"}
        await until(lambda: _is(bus, "together", delivered=4, unacked=3))
        release.set()
        await until(lambda: _is(bus, "together", delivered=5, unacked=0))
    assert most == 3


async def test_a_failing_handler_is_retried_without_holding_up_the_others(bus: Any) -> None:
    attempts: dict[str, list[int]] = {}
    done = asyncio.Event()

    async def handle(delivery: Delivery) -> None:
        attempts.setdefault(delivery.event_id, []).append(delivery.attempt)
        if delivery.event_id == "flaky" and delivery.attempt == 1:
            raise RuntimeError("database hiccup")
        if delivery.event_id == "flaky":
            done.set()

    await publish(bus, "flaky", "fine-1", "fine-2")
    spec = ConsumerSpec("EVENTS", "retrying", ["invoice.>"], handle, concurrency=2)
    async with consuming(bus, spec):
        await asyncio.wait_for(done.wait(), 15)
        await until(lambda: _is(bus, "retrying", unacked=0, pending=0))
    assert attempts == {"flaky": [1, 2], "fine-1": [1], "fine-2": [1]}


class Gate:
    """An admission that lets ``open`` messages in in all, and says when it was asked."""

    def __init__(self) -> None:
        self.open = 0
        self.finished = 0
        self.asked = asyncio.Event()  # the consumer found no room and waits on changed()
        self._changed = asyncio.Event()

    def room(self, in_flight: int) -> int:
        return max(0, self.open - self.finished - in_flight)

    def finish(self) -> None:
        self.finished += 1
        self.asked.clear()  # the consumer looks again once this handler is done

    async def changed(self) -> None:
        self._changed.clear()
        self.asked.set()
        await self._changed.wait()

    def let_in(self, n: int) -> None:
        self.open += n
        self.asked.clear()
        self._changed.set()


async def test_an_admission_with_no_room_takes_nothing_until_it_says_so(bus: Any) -> None:
    handled: list[str] = []
    gate = Gate()

    async def handle(delivery: Delivery) -> None:
        handled.append(delivery.event_id)
        gate.finish()

    await publish(bus, "a", "b", "c")
    spec = ConsumerSpec("EVENTS", "gated", ["invoice.>"], handle, admission=gate)
    async with consuming(bus, spec):
        await asyncio.wait_for(gate.asked.wait(), 15)  # asked, found no room, waits
        assert await state(bus, "gated") == (0, 0, 3)
        gate.let_in(1)
        await until(lambda: _is(bus, "gated", delivered=1, unacked=0))
        await asyncio.wait_for(gate.asked.wait(), 15)  # the one handled, no room again
        assert handled == ["a"] and await state(bus, "gated") == (1, 0, 2)
        gate.let_in(5)
        await until(lambda: _is(bus, "gated", delivered=3, unacked=0, pending=0))
    assert handled == ["a", "b", "c"]


def test_a_batch_handler_cannot_be_run_concurrently() -> None:
    async def one(delivery: Delivery) -> None:
        pass

    async def many(deliveries: Any) -> None:
        pass

    with pytest.raises(ValueError, match="one batch at a time"):
        ConsumerSpec("EVENTS", "x", ["invoice.>"], one, batch_handler=many, concurrency=2)


async def _is_inside(inside: set[str], event_id: str) -> bool:
    return event_id in inside


async def _is(
    bus: Any,
    durable: str,
    *,
    delivered: int | None = None,
    unacked: int | None = None,
    pending: int | None = None,
) -> bool:
    got_delivered, got_unacked, got_pending = await state(bus, durable)
    return (
        got_pending >= 0
        and (delivered is None or got_delivered == delivered)
        and (unacked is None or got_unacked == unacked)
        and (pending is None or got_pending == pending)
    )
