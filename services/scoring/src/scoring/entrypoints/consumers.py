"""JetStream consumers: ``invoice.*`` events into payment experiences."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from chassis.messaging import ConsumerSpec, Delivery
from scoring.adapters.event_codec import decode
from scoring.service_layer.handlers import CONSUMER
from scoring.service_layer.messagebus import MessageBus

log = logging.getLogger(__name__)


def invoice_consumer(bus: MessageBus) -> ConsumerSpec:
    async def handle_batch(deliveries: Sequence[Delivery]) -> None:
        facts = [decode(d.event_id, d.event_type, d.payload) for d in deliveries]
        await bus.facts(facts)

    async def handle(delivery: Delivery) -> None:
        await handle_batch([delivery])

    return ConsumerSpec(
        stream="INVOICES",
        durable=CONSUMER,
        subjects=["invoice.>"],
        handler=handle,
        batch_handler=handle_batch,
        batch=256,
    )
