"""Event handlers: the table at the bottom is the service's index."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from scoring.domain.commands import RecordExperience, merge_by_invoice
from scoring.domain.model import ProfileChange, compute_profile
from scoring.service_layer.unit_of_work import UnitOfWork

CONSUMER = "scoring-invoices"
Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


async def record_experiences(
    cmds: Sequence[RecordExperience], uow: UnitOfWork, now: Clock = utcnow
) -> list[ProfileChange]:
    """Apply a batch of invoice facts; each touched debtor is recomputed once.

    Events already processed (redeliveries) are skipped, so a batch retried
    after a crash changes nothing twice.
    """
    async with uow:
        new = await uow.store.claim_new(CONSUMER, [c.event_id for c in cmds])
        fresh = merge_by_invoice([c for c in cmds if c.event_id in new])
        if not fresh:
            return []
        vats = sorted({c.vat for c in fresh})  # sorted: replicas lock in one order
        await uow.store.lock(vats)
        previous = await uow.store.profiles(vats)
        await uow.store.upsert_experiences(fresh)
        history = await uow.store.experiences(vats)
        moment = now()
        changes = []
        for vat in vats:
            facts = [c for c in fresh if c.vat == vat]
            before = previous.get(vat)
            sector = next((c.sector for c in reversed(facts) if c.sector), "")
            current = compute_profile(
                vat,
                facts[-1].country,
                sector or (before.sector if before else ""),
                history.get(vat, []),
                moment,
            )
            changes.append(ProfileChange(before, current))
        await uow.store.save_profiles([c.current for c in changes])
        await uow.commit(*changes)
    return changes


async def record_experience(
    cmd: RecordExperience, uow: UnitOfWork, now: Clock = utcnow
) -> ProfileChange | None:
    """One invoice fact; None for a redelivery."""
    changes = await record_experiences([cmd], uow, now)
    return changes[0] if changes else None


EVENT_HANDLERS = {
    RecordExperience: record_experiences,
}
