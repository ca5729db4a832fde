"""NATS JetStream: connections, streams, publishing and idempotent durable consumers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import nats
import nats.errors
import nats.js.errors
from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.js.api import (
    AckPolicy,
    ConsumerConfig,
    DeliverPolicy,
    RetentionPolicy,
    StorageType,
    StreamConfig,
)
from nats.js.client import JetStreamContext
from opentelemetry import propagate, trace
from opentelemetry.trace import Link, SpanKind, Status, StatusCode

from chassis import metrics
from chassis.events import HEADER_EVENT_TYPE, HEADER_MSG_ID, UndecodableEvent
from chassis.telemetry import tracer

log = logging.getLogger(__name__)

DAY = 24 * 3600.0


@dataclass(frozen=True, slots=True)
class Namespace:
    """Prefix for stream names and subjects; empty in production."""

    prefix: str = ""

    def subject(self, subject: str) -> str:
        return f"{self.prefix}.{subject}" if self.prefix else subject

    def stream(self, name: str) -> str:
        return f"{self.prefix}_{name}" if self.prefix else name

    def strip(self, subject: str) -> str:
        head = f"{self.prefix}."
        return subject[len(head) :] if self.prefix and subject.startswith(head) else subject


@dataclass(frozen=True, slots=True)
class StreamSpec:
    """A stream owned by the service that publishes to it."""

    name: str
    subjects: Sequence[str]
    work_queue: bool = False
    max_age_seconds: float = 30 * DAY


async def connect(
    url: str, name: str, on_state: Callable[[bool], Awaitable[None]] | None = None
) -> NATS:
    """A client that reconnects for ever; ``on_state(False)`` when the broker goes away,
    ``on_state(True)`` when it is back (readiness follows it)."""

    async def on_error(exc: Exception) -> None:
        log.warning("nats error: %s", exc)

    async def on_disconnect() -> None:
        log.warning("nats disconnected")
        if on_state is not None:
            await on_state(False)

    async def on_reconnect() -> None:
        log.info("nats reconnected")
        if on_state is not None:
            await on_state(True)

    return await nats.connect(
        url,
        name=name,
        max_reconnect_attempts=-1,  # the default gives up after ~2 minutes
        reconnect_time_wait=1,
        drain_timeout=5,
        error_cb=on_error,
        disconnected_cb=on_disconnect,
        reconnected_cb=on_reconnect,
    )


async def ensure_stream(js: JetStreamContext, ns: Namespace, spec: StreamSpec) -> None:
    """Create or update the stream so its configuration matches the code."""
    config = StreamConfig(
        name=ns.stream(spec.name),
        subjects=[ns.subject(s) for s in spec.subjects],
        retention=RetentionPolicy.WORK_QUEUE if spec.work_queue else RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        max_age=spec.max_age_seconds,
        duplicate_window=120.0,
    )
    try:
        await js.add_stream(config)
    except nats.js.errors.BadRequestError:
        await js.update_stream(config)


class PermanentFailure(Exception):
    """The event can never be applied: terminate it instead of redelivering."""


@dataclass(frozen=True, slots=True)
class Delivery:
    event_id: str
    event_type: str
    subject: str
    payload: bytes
    attempt: int
    msg: Msg = field(repr=False)

    async def in_progress(self) -> None:
        """Tell JetStream the work goes on, so the message is not redelivered yet."""
        await self.msg.in_progress()


Handler = Callable[[Delivery], Awaitable[None]]
BatchHandler = Callable[[Sequence[Delivery]], Awaitable[None]]


class Admission(Protocol):
    """Decides, moment by moment, how many more messages a concurrent consumer takes.

    OCR's says so by free worker processes, a look-ahead and per-tenant page caps; a
    consumer with none takes up to its ``concurrency``.
    """

    def room(self, in_flight: int) -> int:
        """How many more messages to take now, ``in_flight`` being handled (0: none)."""
        ...

    async def changed(self) -> None:
        """Return once ``room()`` may have grown; it must block until then (no spinning)."""
        ...


@dataclass(frozen=True, slots=True)
class ConsumerSpec:
    stream: str
    durable: str
    subjects: Sequence[str]
    handler: Handler
    # Optional: a whole fetched batch in one transaction. When it fails, the
    # messages are retried one by one through ``handler`` to isolate the bad one.
    batch_handler: BatchHandler | None = None
    max_deliver: int = 10
    # Short: after a crash, messages handed to the dead process come back after
    # this long. Slow handlers (OCR) extend it with Delivery.in_progress().
    ack_wait_seconds: float = 10.0
    batch: int = 32  # at most this many messages per fetch
    # How many messages are handled at once, each acked (or nak'd) on its own when its
    # handler returns. One is the sequential loop, the only one that uses batch_handler.
    concurrency: int = 1
    # Optional: how many to take from moment to moment, instead of up to ``concurrency``.
    admission: Admission | None = None

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        if self.batch_handler is not None and (self.concurrency > 1 or self.admission):
            raise ValueError("a batch handler runs one batch at a time: concurrency must be 1")

    @property
    def concurrent(self) -> bool:
        return self.concurrency > 1 or self.admission is not None


async def run_consumer(js: JetStreamContext, ns: Namespace, spec: ConsumerSpec) -> None:
    """Pull, handle and acknowledge messages until cancelled.

    The handler commits before we ack, so a crash in between redelivers the
    message and the handler's idempotency check (:meth:`chassis.outbox.Outbox.claim`)
    drops the copy. A concurrent consumer (``concurrency`` > 1 or an ``admission``)
    keeps several handlers running and fetches only when there is room, so nothing
    sits fetched but unhandled while its ack wait runs out.
    """
    stream = ns.stream(spec.stream)
    subjects = [ns.subject(s) for s in spec.subjects]
    config = ConsumerConfig(
        durable_name=spec.durable,
        ack_policy=AckPolicy.EXPLICIT,
        deliver_policy=DeliverPolicy.ALL,
        max_deliver=spec.max_deliver,
        ack_wait=spec.ack_wait_seconds,
        # One subject goes in filter_subject, which every server applies; a server before
        # 2.10 ignores filter_subjects and would deliver the whole stream.
        filter_subject=subjects[0] if len(subjects) == 1 else None,
        filter_subjects=subjects if len(subjects) > 1 else None,
    )
    while True:  # the publisher owns and creates the stream: wait for it
        try:
            await js.add_consumer(stream, config=config)
            break
        except nats.js.errors.NotFoundError:
            log.info("waiting for stream %s", stream)
            await asyncio.sleep(1)
    psub = await js.pull_subscribe_bind(durable=spec.durable, stream=stream)
    log.info("consuming", extra={"stream": stream, "durable": spec.durable})
    if spec.concurrent:
        await _run_concurrently(psub, ns, spec)
        return
    try:
        while True:
            try:
                msgs = await psub.fetch(batch=spec.batch, timeout=5)
            except (nats.errors.TimeoutError, TimeoutError):
                continue  # nothing arrived: fetch raises (either kind) instead of returning []
            except (nats.errors.ConnectionClosedError, nats.errors.ConnectionReconnectingError):
                await asyncio.sleep(1)
                continue
            if (
                spec.batch_handler is not None
                and len(msgs) > 1
                and await _handle_batch(msgs, ns, spec)
            ):
                continue
            for msg in msgs:
                await _handle(msg, ns, spec)
    finally:
        # A fetch cancelled mid-flight leaves replies queued on the inbox;
        # without this, nc.drain() waits for them until its timeout.
        with contextlib.suppress(Exception):
            await psub.unsubscribe()


async def _run_concurrently(
    psub: JetStreamContext.PullSubscription, ns: Namespace, spec: ConsumerSpec
) -> None:
    busy: set[asyncio.Task[None]] = set()
    failed: list[BaseException] = []

    def done(task: asyncio.Task[None]) -> None:
        busy.discard(task)
        if not task.cancelled() and (exc := task.exception()) is not None:
            failed.append(exc)

    try:
        while True:
            if failed:
                # What the sequential loop would raise (an ack to a broken connection): the
                # consumer stops and the process with it, rather than run half-working.
                raise failed[0]
            room = (
                spec.admission.room(len(busy))
                if spec.admission is not None
                else spec.concurrency - len(busy)
            )
            if room <= 0:
                await _until_room(busy, spec.admission)
                continue
            try:
                msgs = await psub.fetch(batch=min(room, spec.batch), timeout=5)
            except (nats.errors.TimeoutError, TimeoutError):
                continue
            except (nats.errors.ConnectionClosedError, nats.errors.ConnectionReconnectingError):
                await asyncio.sleep(1)
                continue
            for msg in msgs:
                task = asyncio.create_task(_handle(msg, ns, spec), name=f"{spec.durable} handler")
                busy.add(task)
                task.add_done_callback(done)
    finally:
        # Cancelled (shutdown): the handlers stop too; what they had not acked comes back
        # after its ack wait, to this replica or another.
        for task in busy:
            task.cancel()
        await asyncio.gather(*busy, return_exceptions=True)
        with contextlib.suppress(Exception):
            await psub.unsubscribe()


async def _until_room(busy: set[asyncio.Task[None]], admission: Admission | None) -> None:
    """Wait for a handler to finish or, with an admission, for it to say room may have grown."""
    waits: set[asyncio.Future[None]] = set(busy)
    wake = asyncio.ensure_future(admission.changed()) if admission is not None else None
    if wake is not None:
        waits.add(wake)
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        if wake is not None:
            wake.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await wake


def _delivery(msg: Msg, ns: Namespace) -> Delivery:
    headers = msg.headers or {}
    return Delivery(
        event_id=headers.get(HEADER_MSG_ID, ""),
        event_type=headers.get(HEADER_EVENT_TYPE, ""),
        subject=ns.strip(msg.subject),
        payload=msg.data,
        attempt=msg.metadata.num_delivered or 1,
        msg=msg,
    )


async def _handle_batch(msgs: list[Msg], ns: Namespace, spec: ConsumerSpec) -> bool:
    """Handle and ack a whole batch; False (nothing acked) sends it one by one."""
    assert spec.batch_handler is not None
    deliveries = [_delivery(m, ns) for m in msgs]
    if any(not d.event_id for d in deliveries):
        return False
    contexts = [propagate.extract(m.headers or {}) for m in msgs]
    # One span for the batch: a child of the first message's trace, linked to
    # the others, so every producer's trace leads here.
    links = [
        Link(span.get_span_context())
        for ctx in contexts[1:]
        if (span := trace.get_current_span(ctx)).get_span_context().is_valid
    ]
    started = time.perf_counter()
    with tracer().start_as_current_span(
        f"{deliveries[0].subject} process batch",
        context=contexts[0],
        kind=SpanKind.CONSUMER,
        links=links,
        attributes={
            "messaging.system": "nats",
            "messaging.consumer.group.name": spec.durable,
            "messaging.batch.message_count": len(msgs),
        },
    ) as span:
        try:
            await spec.batch_handler(deliveries)
        except Exception as exc:
            span.record_exception(exc)
            log.warning("batch of %d failed; retrying one by one", len(msgs), exc_info=True)
            return False
        for msg in msgs:
            await msg.ack()
        elapsed = time.perf_counter() - started
        log.info(
            "events handled",
            extra={
                "count": len(msgs),
                "subject": deliveries[0].subject,
                "ms": round(elapsed * 1000, 1),
            },
        )
    metrics.EVENTS_CONSUMED.labels(consumer=spec.durable, outcome="handled").inc(len(msgs))
    metrics.EVENT_LATENCY.labels(consumer=spec.durable).observe(elapsed / len(msgs))
    return True


async def _handle(msg: Msg, ns: Namespace, spec: ConsumerSpec) -> None:
    delivery = _delivery(msg, ns)
    attempt = delivery.attempt
    headers = msg.headers or {}
    started = time.perf_counter()
    with tracer().start_as_current_span(
        f"{delivery.subject} process",
        context=propagate.extract(headers),
        kind=SpanKind.CONSUMER,
        attributes={
            "messaging.system": "nats",
            "messaging.destination.name": msg.subject,
            "messaging.consumer.group.name": spec.durable,
            "messaging.message.id": delivery.event_id,
        },
    ) as span:
        try:
            if not delivery.event_id:
                raise PermanentFailure("message has no Nats-Msg-Id header")
            await spec.handler(delivery)
        except (PermanentFailure, UndecodableEvent) as exc:
            span.set_status(Status(StatusCode.ERROR, str(exc)))
            log.error("event dead-lettered: %s", exc, extra={"event_id": delivery.event_id})
            metrics.EVENTS_CONSUMED.labels(consumer=spec.durable, outcome="dead_lettered").inc()
            await msg.term()
            return
        except Exception as exc:
            span.record_exception(exc)
            span.set_status(Status(StatusCode.ERROR, str(exc)))
            if attempt >= spec.max_deliver:
                log.exception(
                    "event failed for the last time", extra={"event_id": delivery.event_id}
                )
                metrics.EVENTS_CONSUMED.labels(consumer=spec.durable, outcome="dead_lettered").inc()
                await msg.term()
            else:
                log.exception("event failed; will retry", extra={"event_id": delivery.event_id})
                metrics.EVENTS_CONSUMED.labels(consumer=spec.durable, outcome="retried").inc()
                await msg.nak(delay=min(2.0**attempt, 60.0))
            return
        await msg.ack()
        elapsed = time.perf_counter() - started
        log.info(
            "event handled",
            extra={
                "event_id": delivery.event_id,
                "subject": delivery.subject,
                "attempt": attempt,
                "ms": round(elapsed * 1000, 1),
            },
        )
    metrics.EVENTS_CONSUMED.labels(consumer=spec.durable, outcome="handled").inc()
    metrics.EVENT_LATENCY.labels(consumer=spec.durable).observe(elapsed)
