"""Ingest speed: an accounting CSV export imported by ``python -m ingest import-csv`` (its own
process, real PostgreSQL, every invoice with its outbox event), beside a bare ``COPY`` of the
same rows into the same table in the same run, and the peak memory of a 1,000,000-row file.
``make bench-ingest`` runs it after the e-invoice part.

    python tests/perf/ingest/csv_import.py                   # 100,000 rows, then 1,000,000
    python tests/perf/ingest/csv_import.py --rows 20000 --big 0
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import TypedDict

import psycopg

from chassis.db import upgrade_to_head
from devstack.samples import belgian_vat
from devstack.servers import (
    bench_servers,
    calibration_ms,
    drop_databases,
    ensure_databases,
    with_database,
)
from ingest import bootstrap

ROOT = Path(__file__).resolve().parents[3]
HEADER = "Factuurnummer;Klant;BTW-nummer;Factuurdatum;Vervaldatum;Bedrag;Munt\n"


def write_csv(path: Path, rows: int, seed: int) -> list[tuple[str, str, str, date, date, str]]:
    """A Dutch export (semicolons, decimal commas, day-first dates) of ``rows`` invoices to
    5,000 debtors; returns the first 100,000 rows as the register would store them."""
    rng = random.Random(seed)
    debtors = [(belgian_vat(rng), f"Klant {i} BV") for i in range(5000)]
    start = date(2025, 1, 1)
    kept: list[tuple[str, str, str, date, date, str]] = []
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        f.write(HEADER)
        for i in range(rows):
            vat, name = debtors[rng.randrange(len(debtors))]
            issue = start + timedelta(days=rng.randrange(600))
            due = issue + timedelta(days=rng.choice((14, 30, 60)))
            cents = rng.randrange(5_000, 5_000_000)
            amount = f"{cents // 100:,}".replace(",", ".") + f",{cents % 100:02d}"
            number = f"F{i:08d}"
            f.write(
                f"{number};{name};BE {vat[2:6]}.{vat[6:9]}.{vat[9:]};"
                f"{issue:%d/%m/%Y};{due:%d/%m/%Y};{amount};EUR\n"
            )
            if len(kept) < 100_000:
                kept.append((number, name, vat, issue, due, f"{cents / 100:.2f}"))
    return kept


class ImportReport(TypedDict):
    """The figures of import-csv's JSON report this benchmark reads."""

    accepted: int
    rejected: int
    rows_per_second: float
    peak_rss_kib: int


def import_csv(url: str, path: Path) -> tuple[ImportReport, float, int]:
    """The operator command as its own process: its report, wall seconds, and its peak RSS
    in KiB as the process itself measured it."""
    env = dict(os.environ, INGEST_DATABASE_URL=url, INGEST_LOG_LEVEL="WARNING")
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "ingest", "import-csv", "--tenant", "bench", str(path)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t
    report: ImportReport = json.loads(out.stdout.strip().splitlines()[-1])
    return report, wall, int(report["peak_rss_kib"])


def bare_copy(url: str, rows: list[tuple[str, str, str, date, date, str]]) -> float:
    """Seconds for COPY of the same rows into ``invoices`` (same indexes), no checks, no
    events: the floor any import into this table has."""
    libpq = url.replace("postgresql+psycopg://", "postgresql://", 1)
    recorded = "2026-12-01 00:00:00+00"
    with psycopg.connect(libpq) as conn:
        with conn.cursor() as cur, cur.copy("COPY companies (vat, country, name) FROM STDIN") as cp:
            for vat in sorted({r[2] for r in rows}):
                cp.write_row((vat, "BE", vat))
        conn.commit()
        buf = io.StringIO()
        for number, name, vat, issue, due, amount in rows:
            buf.write(
                f"{uuid.uuid4()}\tbare\t{vat}\t{name}\t{number}\t{issue}\t{due}\t{amount}\t"
                f"EUR\tOPEN\t{recorded}\n"
            )
        data = buf.getvalue().encode()
        t = time.perf_counter()
        with (
            conn.cursor() as cur,
            cur.copy(
                "COPY invoices (id, tenant_id, debtor_vat, debtor_name, invoice_number, "
                "issue_date, due_date, amount, currency, status, recorded_at) FROM STDIN"
            ) as cp,
        ):
            for i in range(0, len(data), 1 << 20):
                cp.write(data[i : i + (1 << 20)])
        conn.commit()
        return time.perf_counter() - t


def count(url: str, table: str) -> int:
    libpq = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(libpq) as conn:
        found = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(found[0]) if found else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--big", type=int, default=1_000_000, help="rows of the memory run (0: none)")
    args = ap.parse_args(argv)
    load = os.getloadavg()
    print(
        f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
        f"reference loop {calibration_ms():.0f} ms (the machine's speed now)"
    )
    work = ROOT / ".data" / "bench-ingest"
    work.mkdir(parents=True, exist_ok=True)
    with bench_servers(work) as (admin_url, _nats_url):
        names = [f"bench_csv_{uuid.uuid4().hex[:6]}" for _ in range(3)]
        ensure_databases(admin_url, names)
        urls = [
            with_database(admin_url, n).replace("postgresql://", "postgresql+psycopg://", 1)
            for n in names
        ]
        try:
            for url in urls:
                upgrade_to_head(bootstrap.build().migrations, url)
            path = work / "invoices.csv"
            rows = write_csv(path, args.rows, 2026)
            size = path.stat().st_size
            copy_s = bare_copy(urls[0], rows)
            report, wall, rss = import_csv(urls[1], path)
            rate = float(report["rows_per_second"])
            print(f"{args.rows:,} rows, {size / 1e6:.1f} MB")
            print(f"bare COPY of the same rows into invoices: {args.rows / copy_s:,.0f} rows/s")
            print(
                f"import-csv: {rate:,.0f} rows/s ({rate * copy_s / args.rows:.2f}x COPY), "
                f"{report['accepted']:,} accepted, {report['rejected']:,} refused, "
                f"{count(urls[1], 'outbox'):,} events; {wall:.1f} s wall with start-up; "
                f"peak RSS {rss / 1024:.0f} MiB"
            )
            again, _, _ = import_csv(urls[1], path)
            print(
                f"the same file again: {again['accepted']} accepted, "
                f"{again['rejected']:,} refused as duplicates, "
                f"{count(urls[1], 'invoices'):,} invoices stored"
            )
            if args.big:
                write_csv(path, args.big, 2027)
                report, wall, rss = import_csv(urls[2], path)
                print(
                    f"{args.big:,} rows ({path.stat().st_size / 1e6:.0f} MB): "
                    f"{float(report['rows_per_second']):,.0f} rows/s, "
                    f"peak RSS {rss / 1024:.0f} MiB"
                )
            path.unlink()
        finally:
            drop_databases(admin_url, names)
    load = os.getloadavg()
    print(
        f"load average at end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
        f"reference loop {calibration_ms():.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
