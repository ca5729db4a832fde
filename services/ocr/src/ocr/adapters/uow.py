"""The SQL unit of work: the job row and its outbox event in one transaction."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chassis.outbox import OutboxUnitOfWork
from ocr.adapters.event_codec import encode
from ocr.adapters.repository import SqlJobRepository
from ocr.adapters.tables import outbox
from ocr.domain.model import Outcome


class SqlUnitOfWork(OutboxUnitOfWork):
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], notify: Callable[[], None]
    ) -> None:
        super().__init__(sessions, outbox, notify)

    @property
    def jobs(self) -> SqlJobRepository:
        return SqlJobRepository(self.session)

    async def commit(self, outcome: Outcome) -> None:
        await self.commit_events([encode(outcome)])

    async def commit_quietly(self) -> None:
        await self.commit_events([])
