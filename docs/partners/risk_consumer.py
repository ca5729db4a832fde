"""A minimal internal consumer of risk changes: a durable JetStream pull consumer on the
RISK stream, decoding each ``risk.changed`` with the published protobuf.

    NATS_URL=nats://127.0.0.1:4222 python docs/partners/risk_consumer.py

Each message carries ``Nats-Msg-Id`` (the event id: de-duplicate on it), ``kmo-event-type``
(``kmo.scoring.v1.RiskChanged``) and ``kmo-schema-version``. Ack after your own commit;
unacked messages come back after ``ack_wait``.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable

import nats
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy

from kmo.scoring.v1 import events_pb2

Handler = Callable[[str, events_pb2.RiskChanged], Awaitable[None]]


async def consume(
    url: str, handle: Handler, *, prefix: str = "", durable: str = "my-team", stop: int = 0
) -> int:
    """Handle risk changes until ``stop`` were handled (0: forever); how many."""
    stream = f"{prefix}_RISK" if prefix else "RISK"
    subject = f"{prefix}.risk.changed.>" if prefix else "risk.changed.>"
    nc = await nats.connect(url)
    js = nc.jetstream()
    await js.add_consumer(
        stream,
        ConsumerConfig(
            durable_name=durable,
            filter_subject=subject,  # or one country: risk.changed.BE.>
            ack_policy=AckPolicy.EXPLICIT,
            deliver_policy=DeliverPolicy.ALL,  # the stream keeps 30 days to replay
            ack_wait=30,
            max_deliver=10,
        ),
    )
    sub = await js.pull_subscribe_bind(durable=durable, stream=stream)
    handled = 0
    try:
        while not stop or handled < stop:
            try:
                msgs = await sub.fetch(batch=50, timeout=5)
            except (nats.errors.TimeoutError, TimeoutError):
                continue
            for msg in msgs:
                event = events_pb2.RiskChanged.FromString(msg.data)
                await handle((msg.headers or {}).get("Nats-Msg-Id", ""), event)
                await msg.ack()
                handled += 1
    finally:
        await nc.close()
    return handled


async def _print(event_id: str, event: events_pb2.RiskChanged) -> None:
    print(event_id, event.company.vat, event.previous_score, "->", event.score)


if __name__ == "__main__":
    asyncio.run(consume(os.environ.get("NATS_URL", "nats://127.0.0.1:4222"), _print))
