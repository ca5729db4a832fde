"""JetStream consumer of ``score.updated``."""

from __future__ import annotations

from collections.abc import Callable

from benchmark.adapters.event_codec import decode
from benchmark.service_layer import handlers
from benchmark.service_layer.unit_of_work import UnitOfWork
from chassis.messaging import ConsumerSpec, Delivery


def score_consumer(uow: Callable[[], UnitOfWork]) -> ConsumerSpec:
    async def handle(delivery: Delivery) -> None:
        await handlers.record_score(
            decode(delivery.event_id, delivery.event_type, delivery.payload), uow()
        )

    return ConsumerSpec(
        stream="RISK", durable=handlers.CONSUMER, subjects=["score.updated"], handler=handle
    )
