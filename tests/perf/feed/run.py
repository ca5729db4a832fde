"""``make bench-feed``: the partner feed's speed, with the gateway as ``make up`` runs it.

Risk changes are published on the RISK stream as scoring's outbox relay publishes them; a
receiver in its own process answers every webhook call and notes when it arrived. Prints:

- a score change to its webhook: p50 / p95 / max over single changes (target p95 < 200 ms);
- one change fanned out to 1,000 webhooks: time until the last call (target < 5 s);
- 10,000 changes (500 debtors) to one webhook: events/s, from the first publish to the
  last call.

    make bench-feed ARGS='--events 2000 --webhooks 200'
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import nats

from chassis.messaging import Namespace
from devstack.risk_events import publish, risk_changed
from devstack.samples import belgian_vat
from devstack.servers import (
    bench_servers,
    calibration_ms,
    drop_databases,
    ensure_databases,
    free_port,
    with_database,
)
from devstack.stack import Stack, StackConfig

ROOT = Path(__file__).resolve().parents[3]
WATCH = "mutation($i: WatchlistInput!) { createWatchlist(input: $i) { watchlist { id } } }"
ADD = "mutation($id: ID!, $v: [String!]!) { addToWatchlist(id: $id, vats: $v) { added } }"
HOOK = "mutation($url: String!) { createWebhook(url: $url) { webhook { id } } }"


class Sink:
    """The receiver process, and every call it noted: webhook-id -> arrival times."""

    def __init__(self) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "devstack.webhook_sink", "--port", str(self.port)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().startswith("listening")
        self.arrivals: dict[str, list[float]] = {}
        self.count = 0
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            msg_id, _, at = line.split()
            with self.lock:
                self.arrivals.setdefault(msg_id, []).append(float(at))
                self.count += 1

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait(self, done: Any, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError("the webhook calls did not all arrive")
            time.sleep(0.005)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def gql(client: httpx.Client, query: str, variables: dict[str, Any]) -> Any:
    body = client.post("/graphql", json={"query": query, "variables": variables}).json()
    if body.get("errors"):
        raise RuntimeError(json.dumps(body["errors"])[:500])
    return body["data"]


def partner(stack: Stack, base: str, name: str) -> httpx.Client:
    out = stack.admin("create-key", "--partner", name, "--scope", "risk:subscribe")
    key = json.loads(out.stdout)["api_key"]
    return httpx.Client(base_url=base, headers={"authorization": f"Bearer {key}"}, timeout=60)


def watch(client: httpx.Client, vats: list[str]) -> None:
    wl = gql(client, WATCH, {"i": {"name": "bench", "vats": []}})["createWatchlist"]
    for start in range(0, len(vats), 500):
        gql(client, ADD, {"id": wl["watchlist"]["id"], "v": vats[start : start + 500]})


def run(stack: Stack, args: argparse.Namespace) -> dict[str, float]:
    base = stack.gateway_url.rsplit("/graphql", 1)[0]
    ns = Namespace(stack.config.namespace)
    sink = Sink()
    figures: dict[str, float] = {}
    try:
        # One partner following 500 debtors with one webhook; another following one debtor
        # with many webhooks.
        debtors = [belgian_vat() for _ in range(500)]
        single = partner(stack, base, "Bench insurer")
        watch(single, debtors)
        gql(single, HOOK, {"url": sink.url("/single")})
        fanned = belgian_vat()
        many = partner(stack, base, "Bench collector")
        watch(many, [fanned])
        for n in range(args.webhooks):
            gql(many, HOOK, {"url": sink.url(f"/fan/{n}")})

        async def scenario() -> None:
            nc = await nats.connect(stack.config.nats_url)
            js = nc.jetstream()
            await publish(js, ns, [risk_changed(debtors[0], 40, 20)])  # warm-up
            await asyncio.to_thread(sink.wait, lambda: sink.count >= 1, 60)

            latencies = []
            for n in range(args.latency):
                event = risk_changed(debtors[n % len(debtors)], 30 + n % 60, 20)
                sent = time.time()
                await publish(js, ns, [event])
                await asyncio.to_thread(sink.wait, lambda e=event: e.event_id in sink.arrivals, 30)
                latencies.append((sink.arrivals[event.event_id][0] - sent) * 1000)
                await asyncio.sleep(0.02)
            latencies.sort()
            figures["latency_p50_ms"] = statistics.median(latencies)
            figures["latency_p95_ms"] = latencies[int(len(latencies) * 0.95) - 1]
            figures["latency_max_ms"] = latencies[-1]

            event = risk_changed(fanned, 75, 30)
            sent = time.time()
            await publish(js, ns, [event])
            await asyncio.to_thread(
                sink.wait, lambda: len(sink.arrivals.get(event.event_id, ())) >= args.webhooks, 120
            )
            figures["fanout_s"] = max(sink.arrivals[event.event_id]) - sent

            burst = [
                risk_changed(debtors[n % len(debtors)], 20 + (n * 7) % 80, 20 + (n * 3) % 80)
                for n in range(args.events)
            ]
            started = time.time()
            await publish(js, ns, burst)
            figures["publish_s"] = time.time() - started
            await asyncio.to_thread(
                sink.wait, lambda: all(e.event_id in sink.arrivals for e in burst), 600
            )
            last = max(sink.arrivals[e.event_id][0] for e in burst)
            figures["burst_s"] = last - started
            figures["burst_events_per_s"] = args.events / (last - started)
            await nc.close()

        asyncio.run(scenario())
    finally:
        sink.stop()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency", type=int, default=200, help="single changes timed")
    parser.add_argument("--webhooks", type=int, default=1000, help="webhooks one change reaches")
    parser.add_argument("--events", type=int, default=10_000, help="changes to one webhook")
    args = parser.parse_args()
    print(
        f"load average {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores); "
        f"reference loop {calibration_ms():.0f} ms"
    )
    suffix = uuid.uuid4().hex[:6]
    with bench_servers(ROOT / ".data" / "bench-feed") as (admin_url, nats_url):
        name = f"bench_feed_gateway_{suffix}"
        ensure_databases(admin_url, [name])
        stack = Stack(
            StackConfig(
                database_urls={"gateway": with_database(admin_url, name)},
                nats_url=nats_url,
                log_dir=ROOT / ".data" / "bench-feed" / "logs",
                namespace=f"benchfeed{suffix}",
                gateway_port=free_port(),
                extra_env={"GATEWAY_RATE_PER_SECOND": "0"},
            )
        )
        try:
            stack.start(("gateway",))
            stack.wait_ready(timeout=120, services=("gateway",))
            f = run(stack, args)
        finally:
            stack.stop()
            drop_databases(admin_url, [name])
    print(
        f"load average {os.getloadavg()[0]:.2f} after; reference loop {calibration_ms():.0f} ms\n"
    )
    rows = [
        (
            "score change -> webhook",
            f"p50 {f['latency_p50_ms']:.0f} ms, p95 {f['latency_p95_ms']:.0f} ms, "
            f"max {f['latency_max_ms']:.0f} ms ({args.latency} changes)",
            "p95 < 200 ms",
        ),
        (f"one change -> {args.webhooks:,} webhooks", f"{f['fanout_s']:.2f} s", "< 5 s"),
        (
            f"{args.events:,} changes -> one webhook",
            f"{f['burst_events_per_s']:,.0f} events/s ({f['burst_s']:.1f} s; publishing "
            f"took {f['publish_s']:.1f} s)",
            "printed",
        ),
    ]
    for label, value, target in rows:
        print(f"{label:<34} {value:<62} {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
