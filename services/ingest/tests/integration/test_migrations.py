"""Ingest's Alembic migrations on a fresh PostgreSQL database."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

import ingest
from chassis import db
from devstack.testing import Databases
from ingest.adapters.tables import metadata

MIGRATIONS = Path(ingest.__file__).parent / "migrations"
OPTIONAL = metadata.info["optional_indexes"]


def test_migrations_create_the_schema_on_a_fresh_database_and_can_run_again(
    databases: Databases,
) -> None:
    url = databases.fresh("ingest_migrate")

    db.upgrade_to_head(MIGRATIONS, url)
    db.upgrade_to_head(MIGRATIONS, url)  # every replica runs them on start

    engine = sa.create_engine(url, poolclass=sa.NullPool)
    try:
        tables = set(sa.inspect(engine).get_table_names())
        with engine.connect() as conn:
            version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
            drift = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    assert {
        "companies",
        "invoices",
        "payments",
        "documents",
        "outbox",
        "processed_events",
    } <= tables
    assert version == ScriptDirectory.from_config(_config()).get_current_head()
    # The trigram index exists only where pg_trgm does (migration 0008), so the tables
    # cannot declare it.
    drift = [d for d in drift if not (d[0] == "remove_index" and d[1].name in OPTIONAL)]
    assert drift == []  # the migrations build exactly the tables the code declares


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg
