"""Event handlers: the table at the bottom is the service's index."""

from __future__ import annotations

from collections.abc import Sequence

from benchmark.domain.commands import RecordScore
from benchmark.domain.model import CompanyScore
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


async def record_scores(cmds: Sequence[RecordScore], uow: UnitOfWork) -> int:
    """Fold a batch of scores in; returns how many events were new."""
    async with uow:
        new = await uow.store.claim_many(CONSUMER, [c.event_id for c in cmds])
        latest: dict[str, CompanyScore] = {}
        for cmd in cmds:
            if cmd.event_id in new:
                known = latest.get(cmd.company.vat)
                if known is None or known.updated_at <= cmd.company.updated_at:
                    latest[cmd.company.vat] = cmd.company
        if latest:
            await uow.store.upsert_many(list(latest.values()))
            await uow.commit()
    return len(new)


EVENT_HANDLERS = {RecordScore: record_scores}
