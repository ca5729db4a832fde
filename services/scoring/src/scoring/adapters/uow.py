"""The SQL unit of work: one transaction for the profiles, the claims and the outbox."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chassis.outbox import OutboxUnitOfWork
from scoring.adapters.event_codec import encode
from scoring.adapters.repository import SqlScoringRepository
from scoring.adapters.tables import outbox
from scoring.domain.profile import ProfileChange


class SqlUnitOfWork(OutboxUnitOfWork):
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], notify: Callable[[], None]
    ) -> None:
        super().__init__(sessions, outbox, notify)

    @property
    def repo(self) -> SqlScoringRepository:
        return SqlScoringRepository(self.session)

    async def commit(self, *changes: ProfileChange) -> None:
        await self.commit_events([event for change in changes for event in encode(change)])
