"""The SQL unit of work: one transaction for the profile, the claim and the outbox."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from scoring.adapters.event_codec import encode
from scoring.adapters.store import SqlScoringStore
from scoring.adapters.tables import outbox
from scoring.domain.model import ProfileChange


class SqlUnitOfWork:
    store: SqlScoringStore

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], notify: Callable[[], None]
    ) -> None:
        self._sessions = sessions
        self._notify = notify

    async def __aenter__(self) -> Self:
        self.session = self._sessions()
        await self.session.begin()
        self.store = SqlScoringStore(self.session)
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.session.in_transaction():
            await self.session.rollback()
        await self.session.close()

    async def commit(self, *changes: ProfileChange) -> None:
        staged = [event for change in changes for event in encode(change)]
        await outbox.write(self.session, staged)
        await self.session.commit()
        if staged:
            self._notify()
