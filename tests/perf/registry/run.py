"""Company registry speed: 2,000,000 generated enterprises in the KBO open-data format loaded
by ``python -m ingest registry-import`` (its own process, real PostgreSQL), its rows per second
and peak memory; a daily update of 2,000 changes; the name search's latency at that size.
``make bench-registry`` runs it; it is not part of ``make test``.

    python tests/perf/registry/run.py                       # 2,000,000 enterprises
    python tests/perf/registry/run.py --enterprises 100000  # a quick look
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import psycopg

from chassis import db
from chassis.db import upgrade_to_head
from datagen import kbo
from devstack.servers import (
    bench_servers,
    calibration_ms,
    drop_databases,
    ensure_databases,
    with_database,
)
from ingest import bootstrap
from ingest.views import CompanyReader

ROOT = Path(__file__).resolve().parents[3]


def load_average(when: str) -> None:
    a, b, c = os.getloadavg()
    print(f"load average {when}: {a:.2f} {b:.2f} {c:.2f}; reference loop {calibration_ms():.0f} ms")


def registry_import(url: str, path: Path) -> tuple[dict[str, Any], float]:
    env = dict(os.environ, INGEST_DATABASE_URL=url, INGEST_LOG_LEVEL="WARNING")
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "ingest", "registry-import", str(path)],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1]), time.perf_counter() - t


def daily_update(n: int, changes: int, seed: int) -> tuple[list[kbo.Enterprise], list[str]]:
    """``changes`` changed entities: half renamed, a quarter in a new juridical situation
    (bankruptcy, reorganisation, liquidation), a tenth gone, the rest new enterprises."""
    rng = random.Random(seed)
    picked = rng.sample(range(n), changes)
    renamed, moved = picked[: changes // 2], picked[changes // 2 : changes * 3 // 4]
    gone = picked[changes * 3 // 4 : changes * 17 // 20]
    new = changes - len(renamed) - len(moved) - len(gone)
    wanted = set(renamed) | set(moved)
    changed = []
    for seq, e in enumerate(kbo.synthetic(n)):  # the same enterprises as the full extract
        if seq in wanted:
            if seq in set(renamed):
                e.names = [("2", "001", f"Hernoemd {seq} BV"), *e.names[1:]]
            else:
                e.situation = rng.choice((kbo.BANKRUPTCY, kbo.REORGANISATION, kbo.LIQUIDATION))
            changed.append(e)
    changed += list(kbo.synthetic(new, seed=seed, start=n + 1000))
    return changed, [kbo.enterprise_number(s) for s in gone]


QUERIES = ("prefix", "words", "typo", "number")


def queries(n: int, count: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    names = {}
    wanted = set(rng.sample(range(n), count))
    for seq, e in enumerate(kbo.synthetic(n)):
        if seq in wanted:
            names[seq] = e.names[0][2]
    out = []
    for i, (seq, name) in enumerate(sorted(names.items())):
        kind = QUERIES[i % len(QUERIES)]
        words = name.split()
        if kind == "prefix":
            q = name[: max(4, len(name) * 2 // 3)]
        elif kind == "words":
            q = f"{words[1]} {words[2]}"  # family or place and the number, any order
        elif kind == "typo":
            q = name[:3] + name[4:]  # one letter dropped
        else:
            q = kbo.dotted(kbo.enterprise_number(seq))
        out.append((kind, q))
    return out


async def search_latency(url: str, qs: list[tuple[str, str]]) -> dict[str, list[float]]:
    engine = db.create_engine(url, pool_size=2)
    reader = CompanyReader(db.session_factory(engine))
    times: dict[str, list[float]] = {k: [] for k in QUERIES}
    try:
        for _, q in qs[:20]:  # warm the cache and the connection
            await reader.search(q)
        for kind, q in qs:
            t = time.perf_counter()
            await reader.search(q, limit=20)
            times[kind].append((time.perf_counter() - t) * 1000)
    finally:
        await engine.dispose()
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--enterprises", type=int, default=2_000_000)
    ap.add_argument("--changes", type=int, default=2000)
    ap.add_argument("--searches", type=int, default=400)
    args = ap.parse_args(argv)
    load_average("at start")
    work = ROOT / ".data" / "bench-registry"
    work.mkdir(parents=True, exist_ok=True)
    with bench_servers(work) as (admin_url, _nats_url):
        name = f"bench_registry_{uuid.uuid4().hex[:6]}"
        ensure_databases(admin_url, [name])
        url = with_database(admin_url, name).replace("postgresql://", "postgresql+psycopg://", 1)
        try:
            upgrade_to_head(bootstrap.build().migrations, url)
            with psycopg.connect(with_database(admin_url, name)) as conn:
                trigrams = conn.execute(
                    "SELECT 1 FROM pg_indexes WHERE indexname = 'ix_registry_name_words_trigrams'"
                ).fetchone()
            full = work / "KboOpenData_0001_2026_12_Full.zip"
            t = time.perf_counter()
            kbo.write_full(full, kbo.synthetic(args.enterprises), 1, date(2026, 12, 1))
            print(
                f"generated {args.enterprises:,} enterprises in {time.perf_counter() - t:.0f} s "
                f"({full.stat().st_size / 1e6:.0f} MB zip); pg_trgm: {'yes' if trigrams else 'no'}"
            )
            summary, wall = registry_import(url, full)
            rows = sum(summary["rows"].values())
            print(
                f"full extract: {rows:,} rows ({summary['rows']}) in {summary['seconds']:.1f} s: "
                f"{summary['rows_per_second']:,} rows/s (target >= 50,000); {wall:.1f} s wall "
                f"with start-up; peak RSS {summary['peak_rss_kib'] / 1024:.0f} MiB; "
                f"{summary['status_changes']:,} companies announced in distress"
            )
            changed, gone = daily_update(args.enterprises, args.changes, 7)
            update = work / "KboOpenData_0002_2026_12_Update.zip"
            kbo.write_update(update, changed, gone, 2, date(2026, 12, 2))
            summary, wall = registry_import(url, update)
            print(
                f"daily update of {len(changed) + len(gone):,} changes: {summary['seconds']:.2f} s "
                f"(target < 5 s; {wall:.1f} s wall with start-up): "
                f"{summary['enterprises_added']} added, {summary['enterprises_changed']} changed, "
                f"{summary['enterprises_stopped']} stopped, {summary['status_changes']} "
                "status changes"
            )
            again = subprocess.run(
                [sys.executable, "-m", "ingest", "registry-import", str(update)],
                env=dict(os.environ, INGEST_DATABASE_URL=url), capture_output=True, text=True,
            )  # fmt: skip
            print(f"the same update again: exit {again.returncode}, {again.stderr.strip()[-90:]}")
            qs = queries(args.enterprises, args.searches, 11)
            times = asyncio.run(search_latency(url, qs))
            every = [v for vs in times.values() for v in vs]
            print(
                f"name search over {args.enterprises:,} companies, {len(every)} queries: "
                f"p50 {statistics.median(every):.1f} ms, p95 {p95(every):.1f} ms (target < 50)"
            )
            for kind, vs in times.items():
                print(f"  {kind:7s} p50 {statistics.median(vs):6.1f} ms  p95 {p95(vs):6.1f} ms")
            full.unlink()
            update.unlink()
        finally:
            drop_databases(admin_url, [name])
    load_average("at end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
