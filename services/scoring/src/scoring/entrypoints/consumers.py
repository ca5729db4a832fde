"""JetStream consumers: ``invoice.*`` events into payment experiences."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from chassis.messaging import ConsumerSpec, Delivery
from scoring.adapters.event_codec import decode
from scoring.service_layer import handlers
from scoring.service_layer.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


def invoice_consumer(uow: Callable[[], UnitOfWork]) -> ConsumerSpec:
    async def handle_batch(deliveries: Sequence[Delivery]) -> None:
        cmds = [decode(d.event_id, d.event_type, d.payload) for d in deliveries]
        changes = await handlers.record_experiences(cmds, uow())
        if len(changes) < len({c.vat for c in cmds}):
            log.info("redelivered events skipped", extra={"batch": len(cmds)})

    async def handle(delivery: Delivery) -> None:
        await handle_batch([delivery])

    return ConsumerSpec(
        stream="INVOICES",
        durable=handlers.CONSUMER,
        subjects=["invoice.>"],
        handler=handle,
        batch_handler=handle_batch,
        batch=256,
    )
