"""The SQL unit of work: the job row and its outbox event in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ocr.adapters.event_codec import encode
from ocr.adapters.jobs import SqlJobStore
from ocr.adapters.tables import outbox
from ocr.domain.model import Outcome


class SqlUnitOfWork:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], notify: Callable[[], None]
    ) -> None:
        self._sessions = sessions
        self._notify = notify

    @property
    def jobs(self) -> SqlJobStore:
        return self._jobs

    async def __aenter__(self) -> Self:
        self.session = self._sessions()
        await self.session.begin()
        self._jobs = SqlJobStore(self.session)
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.session.in_transaction():
            await self.session.rollback()
        await self.session.close()

    async def commit(self, outcome: Outcome) -> None:
        await outbox.write(self.session, [encode(outcome)])
        await self.session.commit()
        self._notify()
