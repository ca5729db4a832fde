"""A migrated ingest database of its own, and sessions on it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import ingest
from chassis import db
from devstack.testing import Databases

MIGRATIONS = Path(ingest.__file__).parent / "migrations"


@pytest.fixture(scope="module")
def ingest_url(databases: Databases) -> str:
    url = databases.fresh("ingest")
    db.upgrade_to_head(MIGRATIONS, url)
    return url


@pytest.fixture(scope="module")
async def sessions(ingest_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = db.create_engine(ingest_url, pool_size=4)
    yield db.session_factory(engine)
    await engine.dispose()
