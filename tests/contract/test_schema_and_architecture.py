"""The published GraphQL schema and the dependency rules between packages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gateway.entrypoints.graphql.schema import schema

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_graphql_schema_is_the_served_one() -> None:
    committed = (ROOT / "services" / "gateway" / "schema.graphql").read_text()
    assert committed.strip() == schema.as_str().strip(), "run `make schema` and commit it"


def test_packages_keep_their_import_contracts() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_every_service_migration_history_is_linear() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    for svc in ("gateway", "ingest", "ocr", "scoring", "benchmark"):
        cfg = Config()
        cfg.set_main_option(
            "script_location", str(ROOT / "services" / svc / "src" / svc / "migrations")
        )
        heads = ScriptDirectory.from_config(cfg).get_heads()
        assert len(heads) == 1, f"{svc} has {len(heads)} migration heads"
