"""Event handlers: the table at the bottom is the service's index."""

from __future__ import annotations

from benchmark.domain.commands import RecordScore
from benchmark.service_layer.unit_of_work import UnitOfWork

CONSUMER = "benchmark-scores"


async def record_score(cmd: RecordScore, uow: UnitOfWork) -> bool:
    """Fold one score into the aggregates; False for a redelivered event."""
    async with uow:
        if not await uow.store.claim(CONSUMER, cmd.event_id):
            return False
        await uow.store.upsert(cmd.company)
        await uow.commit()
    return True


EVENT_HANDLERS = {RecordScore: record_score}
