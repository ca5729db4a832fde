"""Extraction jobs in PostgreSQL: one row per document, fields only."""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from ocr.adapters.tables import jobs
from ocr.domain.model import Extracted, Outcome


class SqlJobStore:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def done(self, document_id: str) -> bool:
        found = await self.session.execute(
            sa.select(jobs.c.document_id).where(jobs.c.document_id == document_id)
        )
        return found.first() is not None

    async def add(self, outcome: Outcome) -> bool:
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
