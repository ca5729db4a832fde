"""Benchmark-service speed at 100,000 companies: the full rebuild, one incremental update,
company positions and a sector's figures through gRPC from the real service process, each
beside the old design's read (``percentile_cont`` over the latest scores, three queries per
company) measured on the same data in the same run. ``make bench-benchmark`` runs it.

    python tests/perf/benchmark/run.py                     # 100,000 companies
    python tests/perf/benchmark/run.py --companies 10000   # quicker
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import logging
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import grpc
import grpc.aio
import nats
import sqlalchemy as sa
from grpc_health.v1 import health_pb2, health_pb2_grpc

from benchmark.adapters.uow import SqlUnitOfWork
from benchmark.bootstrap import build
from benchmark.domain.commands import RecordScore
from benchmark.domain.measures import Figures, Measure, level_of, scaled
from benchmark.domain.model import Company
from benchmark.service_layer import handlers
from benelux.nace import DIVISIONS, SECTIONS, section_of
from chassis import db
from chassis.messaging import Namespace, ensure_stream
from devstack.servers import (
    bench_servers,
    calibration_ms,
    caller_metadata,
    drop_databases,
    ensure_databases,
    free_port,
    with_database,
)
from kmo.benchmark.v1 import benchmark_pb2, benchmark_pb2_grpc
from kmo.types.v1 import types_pb2
from scoring import bootstrap as scoring_bootstrap

ROOT = Path(__file__).resolve().parents[3]
CURRENT = date(2026, 12, 1)


def reader() -> tuple[tuple[str, str], ...]:
    return caller_metadata("risk:read")


TARGETS = {"rebuild_s": 2.0, "update_ms": 5.0, "position_ms": 5.0, "batch_ms": 100.0}


def world(n: int, seed: int) -> list[Company]:
    """n companies, each scored once or twice over the last twelve months, oldest first."""
    rng = random.Random(seed)
    divisions = sorted(DIVISIONS)
    weights = [8 if d in ("41", "43", "46", "47", "56", "62", "69", "70") else 1 for d in divisions]
    updates: list[Company] = []
    start = datetime(2025, 12, 1, tzinfo=UTC)
    for i in range(n):
        country = rng.choices(["BE", "NL", "LU"], [60, 32, 8])[0]
        r = rng.random()
        division = rng.choices(divisions, weights)[0] if r < 0.85 else ""
        section = (
            section_of(division) if division else (rng.choice(list(SECTIONS)) if r < 0.93 else "")
        )
        vat = f"{country}{i:010d}"
        first = rng.uniform(0, 330)
        for at in [first] + ([rng.uniform(first, 364)] if rng.random() < 0.5 else []):
            score = min(100, max(0, round(rng.gauss(35, 18))))
            when = start + timedelta(days=at)
            level = level_of(score)
            figures = Figures(score, level, None, None, None)
            if rng.random() < 0.9:  # one in ten has no paid invoice yet
                figures = Figures(
                    score,
                    level,
                    scaled(Measure.DAYS_TO_PAY, round(rng.lognormvariate(3.7, 0.45), 1)),
                    scaled(Measure.DAYS_BEYOND_TERMS, round(max(0.0, rng.gauss(8, 10)), 2)),
                    scaled(Measure.LATE_SHARE, round(rng.betavariate(2, 4), 4)),
                )
            updates.append(Company(vat, country, section, division, figures, when.date(), when))
    updates.sort(key=lambda c: c.updated_at)
    return updates


def ms(samples: list[float]) -> tuple[float, float]:
    s = sorted(samples)
    return statistics.median(s) * 1000, s[int(0.95 * (len(s) - 1))] * 1000


async def timed(n: int, call: Callable[[int], Awaitable[Any]]) -> list[float]:
    out = []
    for i in range(n):
        t = time.perf_counter()
        await call(i)
        out.append(time.perf_counter() - t)
    return out


OLD_ME = sa.text("SELECT * FROM company_scores WHERE vat = :vat")
OLD_RANK = sa.text(
    "SELECT count(*) FILTER (WHERE score < :score), count(*) FROM company_scores "
    "WHERE country = :country AND sector = :sector"
)
OLD_SECTOR = sa.text(
    "SELECT count(*), avg(score), percentile_cont(0.5) WITHIN GROUP (ORDER BY score), "
    "percentile_cont(0.25) WITHIN GROUP (ORDER BY score), "
    "percentile_cont(0.75) WITHIN GROUP (ORDER BY score), avg(avg_days_late), max(updated_at) "
    "FROM company_scores WHERE country = :country AND sector = :sector"
)


async def old_design(sessions: Any) -> None:
    """The table and index the old service read, filled from the same companies."""
    async with sessions() as s, s.begin():
        await s.execute(
            sa.text(
                "CREATE TABLE company_scores AS SELECT vat, country, section AS sector, score, "
                "coalesce(days_beyond_terms, 0) / 100.0 AS avg_days_late, updated_at FROM companies"
            )
        )
        await s.execute(sa.text("ALTER TABLE company_scores ADD PRIMARY KEY (vat)"))
        await s.execute(sa.text("CREATE INDEX ON company_scores (country, sector, score)"))
        await s.execute(sa.text("ANALYZE company_scores"))


async def old_position(sessions: Any, vat: str) -> None:
    async with sessions() as s:
        me = (await s.execute(OLD_ME, {"vat": vat})).one()
        key = {"country": me.country, "sector": me.sector}
        await s.execute(OLD_RANK, {**key, "score": me.score})
        (await s.execute(OLD_SECTOR, key)).one()


async def risk_stream(nats_url: str, namespace: str) -> None:
    """Scoring's RISK stream, which the service's consumer reads."""
    nc = await nats.connect(nats_url)
    try:
        for spec in scoring_bootstrap.STREAMS:
            await ensure_stream(nc.jetstream(), Namespace(namespace), spec)
    finally:
        await nc.close()


def start_service(url: str, nats_url: str, namespace: str) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {
        **os.environ,
        "BENCHMARK_DATABASE_URL": url,
        "BENCHMARK_GRPC_PORT": str(port),
        "BENCHMARK_GRPC_HOST": "127.0.0.1",
        "BENCHMARK_LOG_LEVEL": "WARNING",
        "NATS_URL": nats_url,
        "NATS_NAMESPACE": namespace,
    }
    proc = subprocess.Popen([sys.executable, "-m", "benchmark"], env=env)
    return proc, port


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def run(url: str, nats_url: str, n: int, seed: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    await db.migrate(build().migrations, url)
    engine = db.create_engine(url, pool_size=2)
    sessions = db.session_factory(engine)
    uow = functools.partial(SqlUnitOfWork, sessions)
    try:
        updates = world(n, seed)
        companies = sorted({c.vat for c in updates})
        t = time.perf_counter()
        for i in range(0, len(updates), 512):
            await handlers.record_scores(
                [RecordScore(str(i + k), c) for k, c in enumerate(updates[i : i + 512])], uow()
            )
        took = time.perf_counter() - t
        print(
            f"loaded {len(updates):,} score updates for {n:,} companies through the consumer's "
            f"handler in batches of 512: {took:.1f} s ({len(updates) / took:,.0f} updates/s)"
        )

        steps: list[float] = []
        runs, lives = [], []
        for _ in range(3):
            steps.clear()
            t = time.perf_counter()
            done = await handlers.rebuild(uow(), lambda _n: steps.append(time.perf_counter()))
            runs.append(time.perf_counter() - t)
            lives.append(steps[0] - t)
        figures["rebuild_s"] = statistics.median(runs)
        figures["rebuild_live_s"] = statistics.median(lives)
        print(
            f"full rebuild ({done.companies:,} companies, {done.groups} groups, {done.months} "
            f"closed months): median of 3 {figures['rebuild_s']:.2f} s; the live counts "
            f"alone (one GROUP BY) {figures['rebuild_live_s']:.2f} s"
        )

        t = time.perf_counter()
        done = await handlers.rebuild(uow(), trend=True)
        figures["rebuild_trend_s"] = time.perf_counter() - t
        print(
            f"rebuild with the trend's {done.months} closed months recomputed from the monthly "
            f"history (rebuild --trend): {figures['rebuild_trend_s']:.1f} s"
        )
        await old_design(sessions)
        rng = random.Random(seed + 1)
        sample = [rng.choice(companies) for _ in range(200)]
        old = await timed(len(sample), lambda i: old_position(sessions, sample[i]))
        figures["old_position_ms"], old_p95 = ms(old)
        print(
            f"old design, one company position (3 queries, percentile_cont): median "
            f"{figures['old_position_ms']:.1f} ms, p95 {old_p95:.1f} ms"
        )

        namespace = f"benchbm{uuid.uuid4().hex[:6]}"
        await risk_stream(nats_url, namespace)
        proc, port = start_service(url, nats_url, namespace)
        try:
            channel = grpc.aio.insecure_channel(f"127.0.0.1:{port}")
            stub = benchmark_pb2_grpc.BenchmarkServiceStub(channel)
            deadline = time.monotonic() + 60
            while True:
                try:
                    await stub.ListSectors(
                        benchmark_pb2.ListSectorsRequest(), metadata=reader(), timeout=2
                    )
                    break
                except grpc.aio.AioRpcError:
                    if time.monotonic() > deadline:
                        raise
                    await asyncio.sleep(0.2)

            def refs(vats: list[str]) -> benchmark_pb2.BatchGetCompanyPositionsRequest:
                return benchmark_pb2.BatchGetCompanyPositionsRequest(
                    companies=[types_pb2.CompanyRef(country=v[:2], vat=v) for v in vats]
                )

            one = await timed(
                500,
                lambda i: stub.BatchGetCompanyPositions(
                    refs([companies[rng.randrange(n)]]), metadata=reader()
                ),
            )
            figures["position_ms"], p95 = ms(one)
            health = health_pb2_grpc.HealthStub(channel)
            floor = await timed(
                500, lambda i: health.Check(health_pb2.HealthCheckRequest(), metadata=reader())
            )
            figures["grpc_floor_ms"], _ = ms(floor)
            print(
                f"new, one company position through gRPC: median {figures['position_ms']:.2f} ms, "
                f"p95 {p95:.2f} ms; the old design's read alone (no gRPC hop) took "
                f"{figures['old_position_ms'] / figures['position_ms']:.1f}x as long; a gRPC "
                f"health check, the floor of any call here: {figures['grpc_floor_ms']:.2f} ms"
            )

            batches = [[companies[rng.randrange(n)] for _ in range(1000)] for _ in range(30)]
            many = await timed(
                len(batches),
                lambda i: stub.BatchGetCompanyPositions(refs(batches[i]), metadata=reader()),
            )
            figures["batch_ms"], p95 = ms(many)
            reply = await stub.BatchGetCompanyPositions(refs(batches[0]), metadata=reader())
            size = reply.ByteSize() / 1024
            print(
                f"new, 1,000 positions in one gRPC call: median {figures['batch_ms']:.1f} ms, "
                f"p95 {p95:.1f} ms, {size:,.0f} KiB; the old design, one call per company: "
                f"about {figures['old_position_ms']:.0f} ms x 1,000 = "
                f"{figures['old_position_ms']:.0f} s"
            )

            groups = [("BE", "41"), ("NL", "F"), ("LU", ""), ("BNL", "62"), ("BE", "")]
            sector = await timed(
                200,
                lambda i: stub.GetSectorBenchmark(
                    benchmark_pb2.GetSectorBenchmarkRequest(
                        country=groups[i % 5][0], sector=groups[i % 5][1]
                    ),
                    metadata=reader(),
                ),
            )
            figures["sector_ms"], p95 = ms(sector)
            async with sessions() as s:
                old_sector = await timed(
                    50, lambda i: s.execute(OLD_SECTOR, {"country": "BE", "sector": "F"})
                )
            figures["old_sector_ms"], _ = ms(old_sector)
            print(
                f"new, one sector's figures (4 measures, levels, 12-month trend) through gRPC: "
                f"median {figures['sector_ms']:.2f} ms, p95 {p95:.2f} ms; old, BE/F "
                f"aggregate alone: {figures['old_sector_ms']:.1f} ms"
            )
            figures["service_rss_mib"] = peak_rss_mib(proc.pid)
            print(f"service process peak RSS: {figures['service_rss_mib']:.0f} MiB")
            await channel.close()
        finally:
            proc.terminate()
            proc.wait(20)

        later = datetime(2027, 1, 1, tzinfo=UTC)
        movers = [companies[rng.randrange(n)] for _ in range(300)]
        async with sessions() as s:
            rows = {
                r.vat: r
                for r in await s.execute(
                    sa.text("SELECT * FROM companies WHERE vat = ANY(:v)"), {"v": movers}
                )
            }

        def moved(i: int) -> RecordScore:
            r = rows[movers[i]]
            f = Figures(
                rng.randint(0, 100),
                rng.randint(0, 3),
                r.days_to_pay,
                r.days_beyond_terms,
                r.late_share,
            )
            at = later + timedelta(seconds=i)
            return RecordScore(
                f"m{i}", Company(r.vat, r.country, r.section, r.division, f, CURRENT, at)
            )

        upd = await timed(len(movers), lambda i: handlers.record_scores([moved(i)], uow()))
        figures["update_ms"], p95 = ms(upd)
        print(
            f"one incremental update (a score moves: lock, read, 12 groups' counts adjusted, "
            f"commit): median {figures['update_ms']:.2f} ms, p95 {p95:.2f} ms"
        )
    finally:
        await engine.dispose()
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--companies", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    load = os.getloadavg()
    print(
        f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        f"({os.cpu_count()} cores); reference loop {calibration_ms():.0f} ms"
    )
    with bench_servers(ROOT / ".data" / "bench-benchmark") as (admin_url, nats_url):
        name = f"bench_benchmark_{uuid.uuid4().hex[:6]}"
        ensure_databases(admin_url, [name])
        url = with_database(admin_url, name).replace("postgresql://", "postgresql+psycopg://", 1)
        try:
            figures = asyncio.run(run(url, nats_url, args.companies, args.seed))
        finally:
            drop_databases(admin_url, [name])
    load = os.getloadavg()
    print(
        f"load average at end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
        f"reference loop {calibration_ms():.0f} ms"
    )
    print("\ntarget                                   measured    target")
    misses = 0
    for key, label in (
        ("rebuild_s", "full rebuild (s)"),
        ("update_ms", "one incremental update (ms)"),
        ("position_ms", "one position via gRPC (ms)"),
        ("batch_ms", "1,000 positions in one call (ms)"),
    ):
        ok = figures[key] <= TARGETS[key]
        misses += not ok
        print(f"{label:<40} {figures[key]:>8.2f}  <= {TARGETS[key]:<6g} {'ok' if ok else 'MISS'}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
