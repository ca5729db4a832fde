"""Read side: sector aggregates computed in SQL."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from benchmark.adapters.tables import company_scores as cs
from benchmark.domain.model import SectorStats, percentile_of


class BenchmarkReader:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def sector(self, country: str, sector: str) -> SectorStats:
        where = [cs.c.country == country]
        if sector:
            where.append(cs.c.sector == sector)
        query = sa.select(
            sa.func.count(),
            sa.func.avg(cs.c.score),
            sa.func.percentile_cont(0.5).within_group(cs.c.score),
            sa.func.percentile_cont(0.25).within_group(cs.c.score),
            sa.func.percentile_cont(0.75).within_group(cs.c.score),
            sa.func.avg(cs.c.avg_days_late),
            sa.func.max(cs.c.updated_at),
        ).where(*where)
        async with self._sessions() as session:
            n, mean, median, p25, p75, late, at = (await session.execute(query)).one()
        return SectorStats(
            country=country,
            sector=sector,
            company_count=n,
            mean_score=round(float(mean or 0), 1),
            median_score=float(median or 0),
            p25_score=float(p25 or 0),
            p75_score=float(p75 or 0),
            mean_days_late=round(float(late or 0), 1),
            updated_at=at,
        )

    async def position(self, vat: str) -> tuple[float, SectorStats] | None:
        async with self._sessions() as session:
            me = (await session.execute(sa.select(cs).where(cs.c.vat == vat))).first()
            if me is None:
                return None
            peers = sa.and_(cs.c.country == me.country, cs.c.sector == me.sector)
            better, total = (
                await session.execute(
                    sa.select(sa.func.count().filter(cs.c.score < me.score), sa.func.count()).where(
                        peers
                    )
                )
            ).one()
        return percentile_of(me.score, better, total), await self.sector(me.country, me.sector)
