"""Latest score per company, in PostgreSQL."""

from __future__ import annotations

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

    async def upsert(self, company: CompanyScore) -> None:
        stmt = postgresql.insert(company_scores).values(
            vat=company.vat,
            country=company.country,
            sector=company.sector,
            score=company.score,
            avg_days_late=company.avg_days_late,
            updated_at=company.updated_at,
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
