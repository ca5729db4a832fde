"""The async database engine, sessions and migrations of one service."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import psycopg
import sqlalchemy as sa
import sqlalchemy.ext.asyncio as sa_async
from alembic import command, context
from alembic.config import Config

log = logging.getLogger(__name__)

# Any constant works; it only has to be the same for every replica of every
# service, and each service has its own database.
_MIGRATION_LOCK_ID = 0x6B6D6F


def create_engine(url: str, *, pool_size: int = 10) -> sa_async.AsyncEngine:
    # Looked up on the module at call time so the OpenTelemetry instrumentor's
    # patched factory is the one used. No server-side prepared statements: their
    # generic plans are made once per connection, and a plan made while a table was
    # small (a seq scan) stays after it grew; planning anew costs well under a
    # millisecond and always sees the current size.
    return sa_async.create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        connect_args={"prepare_threshold": None},
    )


def session_factory(
    engine: sa_async.AsyncEngine,
) -> sa_async.async_sessionmaker[sa_async.AsyncSession]:
    return sa_async.async_sessionmaker(engine, expire_on_commit=False)


async def driver_connection(session: sa_async.AsyncSession) -> psycopg.AsyncConnection[Any]:
    """The psycopg connection under ``session``'s transaction: for ``COPY`` and pipelines,
    which SQLAlchemy does not offer, in the same transaction."""
    connection = await session.connection()
    driver = (await connection.get_raw_connection()).driver_connection
    assert isinstance(driver, psycopg.AsyncConnection)
    return driver


def _alembic_config(migrations: Path, url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade_to_head(migrations: Path, url: str) -> None:
    """Run the service's Alembic migrations (blocking; see :func:`migrate`)."""
    command.upgrade(_alembic_config(migrations, url), "head")


async def migrate(migrations: Path, url: str) -> None:
    """Bring the schema to head before the service serves anything."""
    await asyncio.to_thread(upgrade_to_head, migrations, url)
    log.info("database schema at head", extra={"migrations": str(migrations.parent.name)})


def run_migrations_online(target_metadata: sa.MetaData) -> None:
    """Body of every service's ``migrations/env.py``.

    Uses a synchronous psycopg connection (migrations run in a thread before
    the loop serves) and a PostgreSQL advisory lock, so replicas starting
    together migrate one at a time.
    """
    url = context.config.get_main_option("sqlalchemy.url")
    assert url is not None, "sqlalchemy.url must be set by chassis.db.upgrade_to_head"
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text("SELECT pg_advisory_lock(:id)"), {"id": _MIGRATION_LOCK_ID})
            connection.commit()
        try:
            context.configure(
                connection=connection, target_metadata=target_metadata, compare_type=True
            )
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
        finally:
            if connection.dialect.name == "postgresql":
                connection.execute(
                    sa.text("SELECT pg_advisory_unlock(:id)"), {"id": _MIGRATION_LOCK_ID}
                )
                connection.commit()
    engine.dispose()


class TransactionUnitOfWork:
    """One transaction per ``async with``: begun on entry, rolled back on exit unless
    committed. A service subclasses it with its repositories over ``self.session``."""

    def __init__(self, sessions: sa_async.async_sessionmaker[sa_async.AsyncSession]) -> None:
        self._sessions = sessions

    async def __aenter__(self) -> Self:
        self.session = self._sessions()
        await self.session.begin()
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.session.in_transaction():
            await self.session.rollback()
        await self.session.close()
