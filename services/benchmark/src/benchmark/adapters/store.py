"""Latest score per company, in PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from benchmark.adapters.tables import company_scores, outbox
from benchmark.domain.model import CompanyScore


class SqlScoreStore:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim(self, consumer: str, event_id: str) -> bool:
        return await outbox.claim(self.session, consumer, event_id)

    async def claim_many(self, consumer: str, event_ids: Sequence[str]) -> set[str]:
        return await outbox.claim_many(self.session, consumer, event_ids)

    async def upsert(self, company: CompanyScore) -> None:
        await self.upsert_many([company])

    async def upsert_many(self, companies: Sequence[CompanyScore]) -> None:
        stmt = postgresql.insert(company_scores).values(
            [
                {
                    "vat": c.vat,
                    "country": c.country,
                    "sector": c.sector,
                    "score": c.score,
                    "avg_days_late": c.avg_days_late,
                    "updated_at": c.updated_at,
                }
                for c in companies
            ]
        )
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["vat"],
                set_={
                    "country": stmt.excluded.country,
                    # An update without a sector keeps the one we know.
                    "sector": sa.func.coalesce(
                        sa.func.nullif(stmt.excluded.sector, ""), company_scores.c.sector
                    ),
                    "score": stmt.excluded.score,
                    "avg_days_late": stmt.excluded.avg_days_late,
                    "updated_at": stmt.excluded.updated_at,
                },
                where=company_scores.c.updated_at <= stmt.excluded.updated_at,
            )
        )
