"""JetStream consumers: ``invoice.*`` events into payment experiences."""

from __future__ import annotations

import logging
from collections.abc import Callable

from chassis.messaging import ConsumerSpec, Delivery
from scoring.adapters.event_codec import decode
from scoring.service_layer import handlers
from scoring.service_layer.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


def invoice_consumer(uow: Callable[[], UnitOfWork]) -> ConsumerSpec:
    async def handle(delivery: Delivery) -> None:
        cmd = decode(delivery.event_id, delivery.event_type, delivery.payload)
        change = await handlers.record_experience(cmd, uow())
        if change is None:
            log.info("duplicate event skipped", extra={"event_id": delivery.event_id})

    return ConsumerSpec(
        stream="INVOICES", durable=handlers.CONSUMER, subjects=["invoice.>"], handler=handle
    )
