"""The SQL unit of work: one transaction per ``async with``."""

from __future__ import annotations

from types import TracebackType
from typing import Any, Self

import psycopg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from benchmark.adapters.repository import SqlRegister


class SqlUnitOfWork:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def __aenter__(self) -> Self:
        self.session = self._sessions()
        # The register runs its statements on the driver's connection, in this transaction.
        connection = await self.session.connection()
        driver = (await connection.get_raw_connection()).driver_connection
        assert isinstance(driver, psycopg.AsyncConnection)
        self.pg: psycopg.AsyncConnection[Any] = driver
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.session.in_transaction():
            await self.session.rollback()
        await self.session.close()

    @property
    def register(self) -> SqlRegister:
        return SqlRegister(self.pg)

    async def commit(self) -> None:
        await self.session.commit()
