"""JetStream consumer of ``score.updated``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from benchmark.adapters.event_codec import decode
from benchmark.service_layer import handlers
from benchmark.service_layer.unit_of_work import UnitOfWork
from chassis.messaging import ConsumerSpec, Delivery


def score_consumer(uow: Callable[[], UnitOfWork]) -> ConsumerSpec:
    async def handle_batch(deliveries: Sequence[Delivery]) -> None:
        cmds = [decode(d.event_id, d.event_type, d.payload) for d in deliveries]
        await handlers.record_scores(cmds, uow())

    async def handle(delivery: Delivery) -> None:
        await handle_batch([delivery])

    return ConsumerSpec(
        stream="RISK",
        durable=handlers.CONSUMER,
        subjects=["score.updated"],
        handler=handle,
        batch_handler=handle_batch,
        batch=512,
    )
