"""``python -m ingest import-csv`` as an operator runs it, on a real database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

import ingest
from chassis import db
from devstack.testing import Databases

EXPORT = (
    "Factuurnummer;Klant;BTW-nummer;Factuurdatum;Vervaldatum;Bedrag\r\n"
    "F-1;Brasserie Émile;BE 0403.170.701;01/08/2026;31/08/2026;1.234,56\r\n"
    "F-2;Garage Wouters;BE0123456749;02/08/2026;01/09/2026;250,00\r\n"
    "F-3;Kapot;BE0123456748;02/08/2026;01/09/2026;10,00\r\n"
)


def run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INGEST_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "ingest", *args], env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


def test_an_export_is_imported_with_its_events_and_a_second_import_changes_nothing(
    databases: Databases, tmp_path: Path
) -> None:
    url = databases.fresh("ingest_csv")
    db.upgrade_to_head(Path(ingest.__file__).parent / "migrations", url)
    export = tmp_path / "facturen.csv"
    export.write_bytes(EXPORT.encode("cp1252"))  # as Windows accounting software writes it

    first = run(url, "import-csv", "--tenant", "member-a", str(export))
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert (report["accepted"], report["rejected"]) == (2, 1)
    assert report["errors"][0]["line"] == 4 and report["errors"][0]["code"] == "invalid_vat"
    assert "importing facturen.csv" in first.stderr

    again = json.loads(run(url, "import-csv", "--tenant", "member-a", str(export)).stdout)
    assert (again["accepted"], again["rejected"]) == (0, 3)

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        names = conn.execute(sa.text("SELECT debtor_name FROM invoices ORDER BY 1")).scalars()
        events = conn.execute(sa.text("SELECT subject FROM outbox")).scalars().all()
    engine.dispose()
    assert list(names) == ["Brasserie Émile", "Garage Wouters"]
    assert events == ["invoice.recorded", "invoice.recorded"]
