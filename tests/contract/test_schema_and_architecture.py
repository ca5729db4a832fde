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


def test_the_queries_the_docs_and_the_demo_print_are_valid_against_the_schema() -> None:
    import re

    from graphql import parse, validate

    from datagen.demo import Showcase, suggested_queries

    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```graphql\n(.*?)```", readme, flags=re.S)
    showcase = [
        Showcase("BE0403170701", "Test", "BE", "F41", kind, invoices=3, settled=2)
        for kind in ("good payer", "slow payer", "bad payer")
    ]
    printed = suggested_queries(showcase).split("\n\n")
    assert blocks and printed
    for text in [*blocks, *printed]:
        errors = validate(schema._schema, parse(text))
        assert not errors, f"{text[:80]}...: {errors[0].message}"
