"""Integration tests: a real, migrated PostgreSQL database per module."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

import scoring
from chassis import db
from devstack.testing import Databases

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


@pytest.fixture(scope="module")
async def engine(databases: Databases) -> AsyncIterator[AsyncEngine]:
    url = databases.fresh("scoring")
    db.upgrade_to_head(Path(scoring.__file__).parent / "migrations", url)
    engine = db.create_engine(url, pool_size=4)
    yield engine
    await engine.dispose()
