"""Each Deployment's migration init container, run as the manifest says against a fresh
PostgreSQL database: it brings the service's schema to head and exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def test_every_migration_init_container_brings_its_database_to_head(databases: Any) -> None:
    import sqlalchemy as sa

    urls = {s: databases.fresh(f"k8s_{s}") for s in SERVICES}
    running = {}
    for service in SERVICES:
        command = migrate_command(service)
        assert command[0] == "python"
        env = {**os.environ, f"{service.upper()}_DATABASE_URL": urls[service]}
        running[service] = subprocess.Popen(
            [sys.executable, *command[1:]], env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
    for service, proc in running.items():
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"{service}: {out}"
        engine = sa.create_engine(urls[service])
        try:
            with engine.connect() as conn:
                version = conn.execute(sa.text("SELECT version_num FROM alembic_version"))
                assert version.scalar_one()
        finally:
            engine.dispose()
