"""The SQL unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from benchmark.adapters.store import SqlScoreStore
from benchmark.adapters.tables import outbox
from chassis.outbox import OutboxUnitOfWork


class SqlUnitOfWork(OutboxUnitOfWork):
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        super().__init__(sessions, outbox)

    @property
    def store(self) -> SqlScoreStore:
        return SqlScoreStore(self.session)

    async def commit(self) -> None:
        await self.commit_events([])
