"""``risk.changed`` from the RISK stream, two ways.

- **Intake** (a durable consumer every replica shares): each event is kept once and
  queued for the webhooks that want it; the deliverer is woken.
- **Replay** (an ordered consumer per GraphQL subscription): from a stream position, a
  time, or now, in stream order (so in order per debtor).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import nats.js.errors
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig, DeliverPolicy

from chassis.events import HEADER_EVENT_TYPE, HEADER_MSG_ID, EventRegistry, UndecodableEvent
from chassis.messaging import ConsumerSpec, Delivery, Namespace
from gateway.adapters.feed import FeedStore
from gateway.domain.feed import LEVELS, Reason, RiskChange
from kmo.scoring.v1 import events_pb2, scoring_pb2

log = logging.getLogger(__name__)
STREAM = "RISK"
SUBJECT = "risk.changed.>"
DURABLE = "gateway-partner-feed"
EVENTS = EventRegistry(events_pb2.RiskChanged)

_LEVELS = {
    scoring_pb2.RISK_LEVEL_LOW: LEVELS[0],
    scoring_pb2.RISK_LEVEL_MEDIUM: LEVELS[1],
    scoring_pb2.RISK_LEVEL_HIGH: LEVELS[2],
    scoring_pb2.RISK_LEVEL_CRITICAL: LEVELS[3],
}
_TRENDS = {
    scoring_pb2.TREND_IMPROVING: "improving",
    scoring_pb2.TREND_STABLE: "stable",
    scoring_pb2.TREND_DETERIORATING: "deteriorating",
}
_CAUSES = {
    events_pb2.CAUSE_NEW_FACTS: "new_facts",
    events_pb2.CAUSE_AGEING: "ageing",
    events_pb2.CAUSE_RESCORE: "rescore",
    events_pb2.CAUSE_MODEL_CHANGE: "model_change",
}


@dataclass(frozen=True)
class PartnerFeed:
    """What the API needs of the feed: the store, the stream, and the deliverer's bell."""

    store: FeedStore
    js: JetStreamContext
    ns: Namespace
    allow_loopback: bool = False
    wake: Callable[[], None] = field(default=lambda: None)


def change_of(event: events_pb2.RiskChanged, event_id: str, sequence: int) -> RiskChange:
    first = event.previous_level == scoring_pb2.RISK_LEVEL_UNSPECIFIED
    return RiskChange(
        event_id=event_id,
        sequence=sequence,
        vat=event.company.vat,
        country=event.company.country,
        sector=event.sector,
        previous_score=None if first else event.previous_score,
        previous_level=None if first else _LEVELS.get(event.previous_level),
        score=event.score,
        level=_LEVELS.get(event.level, "low"),
        changed_at=event.changed_at.ToDatetime(tzinfo=UTC),
        reasons=tuple(Reason(r.reason, r.points, r.sentence) for r in event.reasons),
        model_version=event.model_version,
        model_change=event.model_change or event.cause == events_pb2.CAUSE_MODEL_CHANGE,
        cause=_CAUSES.get(event.cause, "new_facts"),
        trend=_TRENDS.get(event.trend, "unknown"),
    )


def _decode(event_type: str, payload: bytes, event_id: str, sequence: int) -> RiskChange:
    event = EVENTS.decode(event_type, payload)
    assert isinstance(event, events_pb2.RiskChanged)
    return change_of(event, event_id, sequence)


def ack_floor(js: JetStreamContext, ns: Namespace) -> Callable[[], Awaitable[int]]:
    """The intake's ack floor: every risk.changed up to it is stored. Deliveries wait for
    it, so a debtor's events go out in stream order even after a crash (JetStream hands
    the dead process's messages out again later, after newer ones)."""
    stream = ns.stream(STREAM)

    async def floor() -> int:
        try:
            info = await js.consumer_info(stream, DURABLE)
        except nats.js.errors.NotFoundError:
            return 0  # the intake has not started yet
        return int(info.ack_floor.stream_seq) if info.ack_floor else 0

    return floor


def intake(store: FeedStore, queued: Callable[[], None]) -> ConsumerSpec:
    """The shared consumer: events into the delivery queue, then ``queued()``."""

    async def handle_batch(batch: Sequence[Delivery]) -> None:
        changes = [
            _decode(d.event_type, d.payload, d.event_id, d.msg.metadata.sequence.stream)
            for d in batch
        ]
        if await store.record_changes(changes):
            queued()

    async def handle(delivery: Delivery) -> None:
        await handle_batch([delivery])

    return ConsumerSpec(
        stream=STREAM,
        durable=DURABLE,
        subjects=[SUBJECT],
        handler=handle,
        batch_handler=handle_batch,
        batch=64,
    )


async def replay(
    js: JetStreamContext,
    ns: Namespace,
    *,
    after: int | None = None,
    since: datetime | None = None,
    until: asyncio.Event | None = None,
) -> AsyncIterator[RiskChange]:
    """Every ``risk.changed`` after stream position ``after`` (or from ``since``, or from
    now), then live ones, until ``until`` is set."""
    if after is not None:
        config = ConsumerConfig(
            deliver_policy=DeliverPolicy.BY_START_SEQUENCE, opt_start_seq=after + 1
        )
    elif since is not None:
        config = ConsumerConfig(
            deliver_policy=DeliverPolicy.BY_START_TIME,
            opt_start_time=since.astimezone(UTC),
        )
    else:
        config = ConsumerConfig(deliver_policy=DeliverPolicy.NEW)
    sub = await js.subscribe(
        ns.subject(SUBJECT),
        stream=ns.stream(STREAM),
        ordered_consumer=True,
        config=config,
        pending_msgs_limit=10_000,
    )
    stop = asyncio.ensure_future((until or asyncio.Event()).wait())
    try:
        while True:
            get = asyncio.ensure_future(sub.next_msg(timeout=None))
            await asyncio.wait({get, stop}, return_when=asyncio.FIRST_COMPLETED)
            if stop.done():
                get.cancel()
                return
            msg: Msg = get.result()
            headers = msg.headers or {}
            try:
                yield _decode(
                    headers.get(HEADER_EVENT_TYPE, ""),
                    msg.data,
                    headers.get(HEADER_MSG_ID, ""),
                    msg.metadata.sequence.stream,
                )
            except UndecodableEvent:
                log.warning("skipped an undecodable risk.changed")
    finally:
        stop.cancel()
        with contextlib.suppress(Exception):
            await sub.unsubscribe()
