"""Each service's migrations build exactly the schema its code declares."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from chassis.db import upgrade_to_head
from devstack.testing import Databases

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("service", ["gateway", "ingest", "ocr", "scoring", "benchmark"])
def test_migrations_at_head_match_the_tables_in_code(databases: Databases, service: str) -> None:
    url = databases.fresh(f"mig_{service}")
    upgrade_to_head(ROOT / "services" / service / "src" / service / "migrations", url)
    metadata = importlib.import_module(f"{service}.adapters.tables").metadata
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    # Indexes that need a server extension exist only where it does (ingest's trigrams).
    optional = metadata.info.get("optional_indexes", set())
    diff = [d for d in diff if not (d[0] == "remove_index" and d[1].name in optional)]
    assert diff == [], f"{service}: write a migration for {diff}"
