"""Integration tests: a real, migrated PostgreSQL database per test."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import benchmark
from chassis import db
from devstack.testing import Databases

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

Sessions = async_sessionmaker[AsyncSession]


@pytest.fixture
async def sessions(databases: Databases) -> AsyncIterator[Sessions]:
    """A fresh database per test: the groups' counts must see only that test's companies."""
    url = databases.fresh("benchmark")
    db.upgrade_to_head(Path(benchmark.__file__).parent / "migrations", url)
    engine = db.create_engine(url, pool_size=4)
    yield db.session_factory(engine)
    await engine.dispose()
