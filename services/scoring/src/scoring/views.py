"""Read side: risk profiles straight from SQL."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from scoring.adapters.store import profile_from_row
from scoring.adapters.tables import profiles
from scoring.domain.model import RiskProfile


class ProfileReader:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def many(self, vats: list[str]) -> dict[str, RiskProfile]:
        if not vats:
            return {}
        async with self._sessions() as session:
            rows = await session.execute(sa.select(profiles).where(profiles.c.vat.in_(vats)))
            return {r.vat: profile_from_row(r) for r in rows}
