"""Event handlers: the table at the bottom is the service's index."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from scoring.domain.commands import RecordExperience
from scoring.domain.model import ProfileChange, compute_profile
from scoring.service_layer.unit_of_work import UnitOfWork

CONSUMER = "scoring-invoices"
Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


async def record_experience(
    cmd: RecordExperience, uow: UnitOfWork, now: Clock = utcnow
) -> ProfileChange | None:
    """Apply one invoice fact and recompute the debtor's profile; None for a redelivery."""
    async with uow:
        if not await uow.store.claim(CONSUMER, cmd.event_id):
            return None
        previous = await uow.store.profile(cmd.vat)
        await uow.store.upsert_experience(cmd)
        sector = cmd.sector or (previous.sector if previous else "")
        current = compute_profile(
            cmd.vat, cmd.country, sector, await uow.store.experiences(cmd.vat), now()
        )
        await uow.store.save_profile(current)
        change = ProfileChange(previous, current)
        await uow.commit(change)
    return change


EVENT_HANDLERS = {
    RecordExperience: record_experience,
}
