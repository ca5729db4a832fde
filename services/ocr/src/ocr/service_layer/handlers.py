"""Use cases: the table at the bottom is the service's index."""

from __future__ import annotations

from ocr.domain.model import Outcome
from ocr.service_layer.unit_of_work import UnitOfWork


async def erase_tenant(tenant_id: str, uow: UnitOfWork) -> int:
    """GDPR erasure (``document.erased``): the member's extraction results go."""
    async with uow:
        gone = await uow.jobs.erase_tenant(tenant_id)
        await uow.commit_quietly()
    return gone


async def already_processed(document_id: str, uow: UnitOfWork) -> bool:
    async with uow:
        return await uow.jobs.done(document_id)


async def record_outcome(outcome: Outcome, uow: UnitOfWork) -> bool:
    """Keep the job's outcome and announce it, once per document."""
    async with uow:
        if not await uow.jobs.add(outcome):
            return False
        await uow.commit(outcome)
    return True
