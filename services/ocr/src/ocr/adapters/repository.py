"""Extraction jobs in PostgreSQL: one row per document, fields only."""

from __future__ import annotations

import dataclasses
import hashlib

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from ocr.adapters.tables import erased_tenants, jobs, outbox
from ocr.domain.model import Extracted, Outcome


def _digest(tenant_id: str) -> str:
    return hashlib.sha256(tenant_id.encode()).hexdigest()


class SqlJobRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def erase_tenant(self, tenant_id: str) -> int:
        """Forget every job of a member that left the register, and the published events
        that named it."""
        gone = await self.session.execute(sa.delete(jobs).where(jobs.c.tenant_id == tenant_id))
        await self.session.execute(
            postgresql.insert(erased_tenants)
            .values(digest=_digest(tenant_id))
            .on_conflict_do_nothing()
        )
        await outbox.forget(self.session, tenant_id.encode())
        return int(gone.rowcount or 0)  # type: ignore[attr-defined]

    async def done(self, document_id: str) -> bool:
        found = await self.session.execute(
            sa.select(jobs.c.document_id).where(jobs.c.document_id == document_id)
        )
        return found.first() is not None

    async def add(self, outcome: Outcome) -> bool:
        erased = await self.session.execute(
            sa.select(erased_tenants.c.digest).where(
                erased_tenants.c.digest == _digest(outcome.tenant_id)
            )
        )
        if erased.first() is not None:  # finished after its member left: dropped
            return False
        values: dict[str, object] = {
            "document_id": outcome.document_id,
            "tenant_id": outcome.tenant_id,
        }
        if isinstance(outcome, Extracted):
            values |= {
                "status": "done",
                "fields": {k: dataclasses.asdict(v) for k, v in outcome.fields.items()},
                "page_count": outcome.page_count,
                "seconds": outcome.seconds,
            }
        else:
            values |= {"status": "failed", "error_code": outcome.code}
        stmt = (
            postgresql.insert(jobs)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["document_id"])
            .returning(jobs.c.document_id)
        )
        return (await self.session.execute(stmt)).first() is not None
