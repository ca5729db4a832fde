"""The SQL unit of work: one transaction per ``async with``."""

from __future__ import annotations

from typing import Any, Self

import psycopg

from benchmark.adapters.repository import SqlRegisterRepository
from chassis.db import TransactionUnitOfWork, driver_connection


class SqlUnitOfWork(TransactionUnitOfWork):
    async def __aenter__(self) -> Self:
        await super().__aenter__()
        # The register runs its statements on the driver's connection, in this transaction.
        self.pg: psycopg.AsyncConnection[Any] = await driver_connection(self.session)
        return self

    @property
    def register(self) -> SqlRegisterRepository:
        return SqlRegisterRepository(self.pg)

    async def commit(self) -> None:
        await self.session.commit()
