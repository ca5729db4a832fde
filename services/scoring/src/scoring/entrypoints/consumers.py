"""JetStream consumers: ``invoice.*`` events into payment experiences, and
``company.status_changed`` into the debtors' legal statuses."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from chassis.messaging import ConsumerSpec, Delivery
from scoring.adapters.event_codec import decode, decode_status
from scoring.service_layer.handlers import CONSUMER, STATUS_CONSUMER
from scoring.service_layer.messagebus import MessageBus

log = logging.getLogger(__name__)


def invoice_consumer(bus: MessageBus) -> ConsumerSpec:
    async def handle_batch(deliveries: Sequence[Delivery]) -> None:
        facts = [f for d in deliveries if (f := decode(d.event_id, d.event_type, d.payload))]
        if facts:
            await bus.facts(facts)

    async def handle(delivery: Delivery) -> None:
        await handle_batch([delivery])

    return ConsumerSpec(
        stream="INVOICES",
        durable=CONSUMER,
        # Every change of an invoice, each carrying its whole state. invoice.paid is left
        # out: the invoice.payment_recorded before it carries the same settled state.
        subjects=[
            "invoice.recorded",
            "invoice.payment_recorded",
            "invoice.updated",
            "invoice.deleted",
        ],
        handler=handle,
        batch_handler=handle_batch,
        # Large batches: each touched debtor is recomputed once per batch.
        batch=512,
    )


def company_consumer(bus: MessageBus) -> ConsumerSpec:
    async def handle_batch(deliveries: Sequence[Delivery]) -> None:
        await bus.statuses([decode_status(d.event_id, d.event_type, d.payload) for d in deliveries])

    async def handle(delivery: Delivery) -> None:
        await handle_batch([delivery])

    return ConsumerSpec(
        stream="COMPANIES",
        durable=STATUS_CONSUMER,
        subjects=["company.status_changed"],
        handler=handle,
        batch_handler=handle_batch,
        batch=512,
    )
