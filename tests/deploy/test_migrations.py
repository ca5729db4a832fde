"""Each Deployment's migration init container, run as the manifest says against a fresh
PostgreSQL database: it brings the service's schema to head and exits 0."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "deploy" / "k8s" / "base"
SERVICES = sorted(p.parent.name for p in ROOT.glob("services/*/pyproject.toml"))


def migrate_command(service: str) -> list[str]:
    docs = [d for d in yaml.safe_load_all((BASE / f"{service}.yaml").read_text()) if d]
    deployment = next(d for d in docs if d["kind"] == "Deployment")
    init = deployment["spec"]["template"]["spec"]["initContainers"]
    command: list[str] = next(c for c in init if c["name"] == "migrate")["command"]
    return command


@pytest.mark.parametrize("service", SERVICES)
def test_the_migration_init_container_brings_its_database_to_head(
    service: str, databases: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlalchemy as sa

    url = databases.fresh(f"k8s_{service}")
    command = migrate_command(service)
    assert command[:2] == ["python", "-c"]
    monkeypatch.setenv(f"{service.upper()}_DATABASE_URL", url)
    # The container's exact program, run in this interpreter (a subprocess per service would
    # spend its time importing what this process has loaded already).
    exec(compile(command[2], f"<{service} migrate>", "exec"), {})
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            version = conn.execute(sa.text("SELECT version_num FROM alembic_version"))
            assert version.scalar_one()
            tables = conn.execute(
                sa.text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            )
            assert tables.scalar_one() > 1
    finally:
        engine.dispose()
