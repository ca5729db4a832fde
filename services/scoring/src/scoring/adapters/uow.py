"""The SQL unit of work: one transaction for the profile, the claim and the outbox."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chassis.outbox import OutboxUnitOfWork
from scoring.adapters.event_codec import encode
from scoring.adapters.store import SqlScoringStore
from scoring.adapters.tables import outbox
from scoring.domain.model import ProfileChange


class SqlUnitOfWork(OutboxUnitOfWork):
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], notify: Callable[[], None]
    ) -> None:
        super().__init__(sessions, outbox, notify)

    @property
    def store(self) -> SqlScoringStore:
        return SqlScoringStore(self.session)

    async def commit(self, *changes: ProfileChange) -> None:
        await self.commit_events([event for change in changes for event in encode(change)])
