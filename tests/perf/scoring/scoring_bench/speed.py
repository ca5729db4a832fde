"""Speed and memory with PostgreSQL: the consumer from JetStream, the full rescore and the
daily ageing, each with its peak resident memory."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import threading
import time
import uuid
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import psutil
import psycopg
from scoring_bench import served, world

import scoring
from chassis import db
from datagen import GeneratorConfig, generate
from devstack.servers import libpq_url
from scoring.bootstrap import bus_for
from scoring.domain.commands import Rescore, Sweep

T = TypeVar("T")

EPOCH = dt.date(1970, 1, 1)


@dataclass
class Phase:
    name: str
    items: int
    seconds: float
    peak_rss_mib: float
    rss_growth_mib: float

    @property
    def rate(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0


@contextlib.contextmanager
def peak_rss() -> Iterator[Callable[[], tuple[float, float]]]:
    """Samples this process's resident memory every 20 ms; yields (peak, growth) in MiB."""
    proc = psutil.Process()
    base = proc.memory_info().rss
    peak = [base]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], proc.memory_info().rss)
            stop.wait(0.02)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    try:
        yield lambda: (peak[0] / 2**20, (peak[0] - base) / 2**20)
    finally:
        stop.set()
        t.join()


async def consumer_throughput(
    seed: int, database_url: str, nats_url: str, *, chronological: bool, relay: bool = True
) -> Phase:
    """The demo world's events already on the stream; the service started on them: events
    per second from JetStream to committed profiles. In ``make demo``'s order (all
    invoices, then all payments: every invoice is open for a while) or chronological (as
    a running register receives them)."""
    ds = world.world(seed)
    events = list(served.events_at(ds, ds.config.as_of, chronological=chronological))
    ns = f"bench{uuid.uuid4().hex[:6]}"
    # Publish first (the stream exists before the service), then time the consumption.
    import nats

    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        from chassis.messaging import Namespace, ensure_stream

        namespace = Namespace(ns)
        await ensure_stream(js, namespace, served.INVOICES)
        await served.publish(js, namespace, events)
    finally:
        await nc.close()
    with peak_rss() as peak:
        started = time.perf_counter()
        async with served.scoring_at(
            database_url, nats_url, ns, ds.config.as_of, relay=relay
        ) as svc:
            await served.wait_consumed(svc.js, svc.ns, 1800)
            seconds = time.perf_counter() - started
        top, growth = peak()
    order = "chronological" if chronological else "make demo's order"
    where = "outbox relay in the same process" if relay else "outbox relay in another replica"
    applied = sum(1 for e in events if e.subject != "invoice.paid")
    return Phase(
        f"consumer, {order}, {where} ({len(events):,} events on the stream, "
        f"{len(events) - applied:,} of them invoice.paid that it skips)",
        applied, seconds, top, growth,
    )  # fmt: skip


def _copy_experiences(url: str, cfg: GeneratorConfig) -> tuple[int, int, dt.date]:
    """A generated world's invoices as scoring's experiences at its as-of date, straight
    into the table with COPY (the events' effect, without a million events)."""
    ds = generate(cfg)
    inv = ds.invoices
    pay = ds.payments
    n_members = len(ds.members)
    paid = np.bincount(pay.invoice_id - 1, weights=pay.amount_cents, minlength=len(inv))
    last = np.full(len(inv), -1, dtype=np.int64)
    np.maximum.at(last, pay.invoice_id - 1, pay.paid_on.astype(np.int64))
    vats = [d.vat for d in ds.debtors]
    issue = inv.issue_date.astype(np.int64)
    due = inv.due_date.astype(np.int64)
    with psycopg.connect(libpq_url(url)) as conn, conn.cursor() as cur:
        with cur.copy(
            "COPY experiences (invoice_id, supplier, vat, issue_date, due_date, amount,"
            " paid_amount, settled_date, revision) FROM STDIN"
        ) as copy:
            for i in range(len(inv)):
                gross = int(inv.gross_cents[i])
                settled = EPOCH + dt.timedelta(days=int(last[i])) if paid[i] >= gross else None
                copy.write_row(
                    (
                        f"inv-{i + 1}",
                        f"member-{int(inv.member_id[i])}",
                        vats[int(inv.debtor_id[i]) - n_members - 1],
                        EPOCH + dt.timedelta(days=int(issue[i])),
                        EPOCH + dt.timedelta(days=int(due[i])),
                        f"{gross / 100:.2f}",
                        f"{int(paid[i]) / 100:.2f}",
                        settled,
                        2 if settled else 1,
                    )
                )
        conn.commit()
        cur.execute("ANALYZE experiences")
        cur.execute("SELECT count(DISTINCT vat) FROM experiences")
        row = cur.fetchone()
        debtors = int(row[0]) if row else 0
    return len(inv), debtors, cfg.as_of


async def rescore_and_ageing(
    database_url: str, invoices: int, debtors: int
) -> tuple[Phase, Phase, int]:
    cfg = GeneratorConfig(
        seed=7,
        n_invoices=invoices,
        invoices_per_debtor=invoices / debtors,
        invoices_per_member=20_000.0,
        invoices_per_relationship=4.0,
        period_start=dt.date(2024, 6, 1),
        period_end=dt.date(2026, 6, 30),
        as_of=dt.date(2026, 9, 30),
    )
    db.upgrade_to_head(Path(scoring.__file__).parent / "migrations", database_url)
    loaded, n_debtors, as_of = _copy_experiences(database_url, cfg)
    engine = db.create_engine(database_url, pool_size=2)
    try:
        clock = lambda: dt.datetime.combine(as_of, dt.time(12), dt.UTC)  # noqa: E731
        bus = bus_for(db.session_factory(engine), engine, lambda: None, clock)
        with peak_rss() as peak:
            started = time.perf_counter()
            seen = await bus.handle(Rescore())
            seconds = time.perf_counter() - started
            top, growth = peak()
        rescore = Phase(
            f"full rescore ({loaded:,} experiences, {n_debtors:,} debtors)", seen, seconds,
            top, growth,
        )  # fmt: skip
        next_day = as_of + dt.timedelta(days=1)
        tomorrow = lambda: dt.datetime.combine(next_day, dt.time(0, 5), dt.UTC)  # noqa: E731
        bus = bus_for(db.session_factory(engine), engine, lambda: None, tomorrow)
        with peak_rss() as peak:
            started = time.perf_counter()
            aged = await bus.handle(Sweep(next_day))
            seconds = time.perf_counter() - started
            top, growth = peak()
        ageing = Phase(f"daily ageing ({aged:,} debtors)", aged, seconds, top, growth)
    finally:
        await engine.dispose()
    return rescore, ageing, loaded


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)
