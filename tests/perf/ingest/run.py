"""Ingest speed: 1,000 Peppol UBL e-invoices through ``ImportEInvoice`` into the real service
(PostgreSQL, the outbox, JetStream), beside the same 1,000 invoices as ``SubmitInvoice``
calls in the same run, and the parser alone. ``make bench-ingest`` runs it.

    python tests/perf/ingest/run.py               # 1,000 files
    python tests/perf/ingest/run.py --files 200   # quicker
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path

import grpc.aio
import nats

from chassis.run import started
from devstack.samples import belgian_vat
from devstack.servers import (
    bench_servers,
    caller_metadata,
    drop_databases,
    ensure_databases,
    with_database,
)
from ingest import bootstrap
from ingest.adapters.einvoice import parse
from ingest.settings import Settings
from kmo.ingest.v1 import ingest_pb2, ingest_pb2_grpc
from kmo.types.v1 import types_pb2

ROOT = Path(__file__).resolve().parents[3]
TEMPLATE = (ROOT / "services/ingest/tests/einvoices/peppol-invoice.xml").read_bytes()
SELLER = "BE0202239951"


def files(n: int, seed: int) -> list[tuple[bytes, ingest_pb2.SubmitInvoiceRequest]]:
    """n distinct UBL invoices (number, buyer, dates, amount) and the same as a request."""
    rng = random.Random(seed)
    buyers = [belgian_vat(rng) for _ in range(200)]
    out = []
    for i in range(n):
        buyer, issue = rng.choice(buyers), date(2026, 6, 1) + timedelta(days=rng.randrange(150))
        due, amount = issue + timedelta(days=30), f"{rng.randint(100, 90_000)}.{i % 100:02d}"
        xml = (
            TEMPLATE.replace(b"F-2026-0147", f"UBL-{i:06d}".encode())
            .replace(b"BE 0417.497.106", buyer.encode())
            .replace(b"0417497106", buyer[2:].encode())
            .replace(b"2026-10-02", issue.isoformat().encode())
            .replace(b"2026-11-01", due.isoformat().encode())
            .replace(b">2041.00<", f">{amount}<".encode())
        )
        request = ingest_pb2.SubmitInvoiceRequest(
            debtor_vat=buyer,
            debtor_name="Immo Verbeke NV",
            invoice_number=f"JSON-{i:06d}",
            issue_date=types_pb2.Date(year=issue.year, month=issue.month, day=issue.day),
            due_date=types_pb2.Date(year=due.year, month=due.month, day=due.day),
            amount=types_pb2.Money(amount=amount, currency="EUR"),
        )
        out.append((xml, request))
    return out


async def rate(n: int, call: Callable[[int], Awaitable[object]], concurrency: int = 8) -> float:
    """Calls per second with ``concurrency`` in flight (a member's import tool would)."""
    queue = iter(range(n))

    async def worker() -> None:
        for i in queue:
            await call(i)

    started_at = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return n / (time.perf_counter() - started_at)


async def run(url: str, nats_url: str, n: int) -> None:
    batch = files(n, 2026)
    t = time.perf_counter()
    for xml, _ in batch:
        parse(xml)
    print(
        f"parse alone: {n / (time.perf_counter() - t):,.0f} files/s "
        f"({len(batch[0][0]):,} bytes each)"
    )
    settings = Settings(
        database_url=url,
        nats_url=nats_url,
        nats_namespace=f"benchingest{uuid.uuid4().hex[:6]}",
        grpc_host="127.0.0.1",
        grpc_port=0,
        log_level="WARNING",
    )
    async with started(bootstrap.build(), settings) as running:
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{running.grpc_port}")
        stub = ingest_pb2_grpc.IngestServiceStub(channel)
        md = caller_metadata("invoices:write", "bench", SELLER)
        ubl = await rate(
            n,
            lambda i: stub.ImportEInvoice(
                ingest_pb2.ImportEInvoiceRequest(content=batch[i][0]), metadata=md
            ),
        )
        plain = await rate(n, lambda i: stub.SubmitInvoice(batch[i][1], metadata=md))
        print(f"ImportEInvoice through gRPC into PostgreSQL, 8 in flight: {ubl:,.0f} files/s")
        print(
            f"SubmitInvoice of the same invoices, same run: {plain:,.0f} invoices/s "
            f"(the e-invoice path runs at {ubl / plain:.2f}x)"
        )
        await channel.close()
        namespace = running.resources.namespace
    # The streams go once the service (and its outbox relay) has stopped.
    nc = await nats.connect(nats_url)
    try:
        for spec in bootstrap.STREAMS:
            await nc.jetstream().delete_stream(namespace.stream(spec.name))
    finally:
        await nc.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--files", type=int, default=1000)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    with bench_servers(ROOT / ".data" / "bench-ingest") as (admin_url, nats_url):
        name = f"bench_ingest_{uuid.uuid4().hex[:6]}"
        ensure_databases(admin_url, [name])
        url = with_database(admin_url, name).replace("postgresql://", "postgresql+psycopg://", 1)
        try:
            asyncio.run(run(url, nats_url, args.files))
        finally:
            drop_databases(admin_url, [name])
    load = os.getloadavg()
    print(f"load average at end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
