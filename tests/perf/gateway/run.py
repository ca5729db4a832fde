"""``make bench-gateway``: the gateway's speed against the platform as ``make up`` runs it.

Seeds one member with 30,000 invoices to 1,000 debtors through GraphQL, waits until scoring
and benchmark know them, then prints, with the ``{__typename}`` floor of the same run:

- the risk-profile query under load (wrk, a Lua script rotating the debtors, 8
  connections): requests/s and p50/p99, beside the CPU share wrk itself took;
- its median latency alone against a direct gRPC ``GetRiskProfile`` to scoring;
- 1,000 companies with risk profile and benchmark in one request;
- the member's dashboard over its 30,000 invoices.

    make bench-gateway ARGS='--seconds 5 --invoices 5000'
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import grpc
import grpc.aio
import httpx

from devstack.samples import belgian_vat
from devstack.servers import (
    SERVICES,
    bench_servers,
    calibration_ms,
    caller_metadata,
    drop_databases,
    ensure_databases,
    free_port,
    with_database,
)
from devstack.stack import Stack, StackConfig
from kmo.benchmark.v1 import benchmark_pb2, benchmark_pb2_grpc
from kmo.ingest.v1 import ingest_pb2, ingest_pb2_grpc
from kmo.scoring.v1 import scoring_pb2, scoring_pb2_grpc
from kmo.types.v1 import types_pb2

ROOT = Path(__file__).resolve().parents[3]
PROFILE = "query($vat: String!) { company(vat: $vat) { riskProfile { score level trend } } }"
FLOOR = "{ __typename }"
MANY = (
    "query($vats: [String!]!) { companies(vats: $vats) { vat name"
    " riskProfile { score level confidence } benchmark { section placements { scope } } } }"
)
DASHBOARD = (
    "{ dashboard { openInvoices outstanding { amount } overdue { amount }"
    " ageing { label count amount { amount } } dso { days } debtors { name }"
    " riskyDebtors { score } recentActivity { kind } paymentBehaviour { avgDaysToPay } } }"
)


def gql(client: httpx.Client, query: str, variables: dict[str, Any] | None = None) -> Any:
    reply = client.post("/graphql", json={"query": query, "variables": variables or {}})
    body = reply.json()
    if reply.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"{reply.status_code}: {json.dumps(body)[:500]}")
    return body["data"]


def seed(client: httpx.Client, debtors: list[str], invoices: int) -> None:
    """``invoices`` invoices spread over the debtors, issued over the last 200 days; two
    thirds paid (some late), the rest open (some overdue)."""
    today = date.today()
    submit = (
        "mutation($inputs: [SubmitInvoiceInput!]!) { submitInvoices(inputs: $inputs) {"
        " accepted invoiceIds } }"
    )
    pay = (
        "mutation($inputs: [RecordPaymentInput!]!) { recordPayments(inputs: $inputs) { accepted } }"
    )
    started, done = time.monotonic(), 0
    for start in range(0, invoices, 500):
        batch = []
        for n in range(start, min(invoices, start + 500)):
            issued = today - timedelta(days=5 + n % 200)
            batch.append({
                "debtorVat": debtors[n % len(debtors)],
                "debtorName": f"Debiteur {n % len(debtors)}",
                "debtorSector": ("41.20", "10.71", "45.20", "62.01")[n % 4],
                "invoiceNumber": f"B-{n}",
                "issueDate": issued.isoformat(),
                "dueDate": (issued + timedelta(days=30)).isoformat(),
                "amount": f"{100 + n % 900}.00",
            })  # fmt: skip
        ids = gql(client, submit, {"inputs": batch})["submitInvoices"]["invoiceIds"]
        payments = []
        for offset, invoice_id in enumerate(ids):
            n = start + offset
            if invoice_id and n % 3:
                due = today - timedelta(days=5 + n % 200) + timedelta(days=30)
                paid = min(today, due + timedelta(days=(n * 7) % 45 - 10))
                payments.append({"invoiceId": invoice_id, "paidDate": paid.isoformat()})
        if payments:
            gql(client, pay, {"inputs": payments})
        done += len(batch)
        print(f"\r  seeded {done:,} invoices ({time.monotonic() - started:.0f} s)", end="")
    print()


def wait_scored(client: httpx.Client, debtors: list[str], timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = gql(client, MANY, {"vats": debtors})["companies"]
        scored = sum(1 for c in got if c["riskProfile"])
        placed = sum(1 for c in got if c["benchmark"])
        print(f"\r  scored {scored:,} / {len(debtors):,}, benchmarked {placed:,}", end="")
        if scored == placed == len(debtors):
            print()
            return
        time.sleep(1)
    raise TimeoutError("scoring and benchmark did not catch up")


async def _on_streams(
    nats_url: str, namespace: str, each: Callable[[Any, str], Awaitable[int]]
) -> int:
    """``each(jsm, stream)`` for the run's streams (those of its namespace), summed."""
    import nats

    nc = await nats.connect(nats_url)
    try:
        js = nc.jsm()
        names = [s.config.name for s in await js.streams_info() if s.config.name]
        return sum([await each(js, n) for n in names if n.startswith(f"{namespace}_")])
    finally:
        await nc.close()


async def _lag(js: Any, stream: str) -> int:
    return sum(
        (c.num_pending or 0) + (c.num_ack_pending or 0) for c in await js.consumers_info(stream)
    )


async def _drop(js: Any, stream: str) -> int:
    await js.delete_stream(stream)
    return 1


async def consumer_lag(nats_url: str, namespace: str) -> int:
    """Messages the stack's JetStream consumers have not yet acknowledged."""
    return await _on_streams(nats_url, namespace, _lag)


async def drop_streams(nats_url: str, namespace: str) -> None:
    """The run's streams, so a shared NATS does not keep every run's events."""
    await _on_streams(nats_url, namespace, _drop)


def settle(stack: Stack, most: float = 0.05, timeout: float = 300) -> None:
    """Wait until the platform is idle: every consumer has acknowledged the seeded events
    (no ``score.updated`` still on its way to drop cached profiles), then all its processes
    together under ``most`` of a core for two seconds."""
    pids = [p.popen.pid for p in stack.processes.values()]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lag = asyncio.run(consumer_lag(stack.config.nats_url, stack.config.namespace))
        print(f"\r  waiting for the consumers: {lag:,} events behind", end="")
        if lag == 0:
            print()
            break
        time.sleep(2)
    while time.monotonic() < deadline:
        before = sum(tree_cpu(pid) for pid in pids)
        time.sleep(2)
        busy = (sum(tree_cpu(pid) for pid in pids) - before) / 2
        print(f"\r  waiting for the platform to settle: {busy:.0%} of a core", end="")
        if busy < most:
            print()
            return
    print()


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process and its children (uvicorn workers), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def served(port: int) -> dict[str, float]:
    """Calls a service has answered, by method (its Prometheus counter)."""
    out: dict[str, float] = {}
    for line in httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text.splitlines():
        if line.startswith("kmo_grpc_server_requests_total{"):
            method = line.split('method="', 1)[1].split('"', 1)[0].rsplit("/", 1)[-1]
            out[method] = out.get(method, 0.0) + float(line.rsplit(" ", 1)[1])
    return out


def machine_busy() -> tuple[float, float, float]:
    """(busy, total, stolen) jiffies of all CPUs since boot, from /proc/stat: stolen is
    what the hypervisor gave to other machines."""
    fields = [float(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields), fields[7]


def wrk(url: str, key: str, bodies: list[str], seconds: int, connections: int) -> dict[str, float]:
    lua = "\n".join(
        [
            'wrk.method = "POST"',
            'wrk.headers["Content-Type"] = "application/json"',
            f'wrk.headers["Authorization"] = "Bearer {key}"',
            "bodies = {" + ",".join(json.dumps(b) for b in bodies) + "}",
            "i = 0",
            "request = function()",
            "  i = i % #bodies + 1",
            "  return wrk.format(nil, nil, nil, bodies[i])",
            "end",
        ]
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(lua)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    out = subprocess.run(
        ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "--latency",
         "-s", f.name, url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    os.unlink(f.name)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    def ms(label: str) -> float:
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        assert m, out
        return float(m[1]) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m[2]]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    assert rps, out
    return {
        "rps": float(rps[1]),
        "p50": ms("50"),
        "p99": ms("99"),
        "wrk_cpu_share": cpu / wall / (os.cpu_count() or 1),
        "non_2xx": float(errors[1]) if errors else 0.0,
    }


def median_ms(call: Any, n: int) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        call()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


async def grpc_median_ms(port: int, debtors: list[str], n: int) -> float:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = scoring_pb2_grpc.ScoringServiceStub(channel)
        times = []
        for i in range(n):
            vat = debtors[i % len(debtors)]
            t = time.perf_counter()
            await stub.GetRiskProfile(
                scoring_pb2.GetRiskProfileRequest(
                    company=types_pb2.CompanyRef(country=vat[:2], vat=vat)
                ),
                metadata=caller_metadata("risk:read"),
                timeout=5,
            )
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


async def batch_ms(stack: Stack, debtors: list[str], n: int = 5) -> dict[str, float]:
    """Each backend's batch call for all the debtors, direct over gRPC (median of n)."""
    refs = [types_pb2.CompanyRef(country=v[:2], vat=v) for v in debtors]
    out: dict[str, float] = {}
    calls: dict[str, Callable[[grpc.aio.Channel], Awaitable[Any]]] = {
        "scoring": lambda ch: scoring_pb2_grpc.ScoringServiceStub(ch).BatchGetRiskProfiles(
            scoring_pb2.BatchGetRiskProfilesRequest(companies=refs),
            metadata=caller_metadata("risk:read"), timeout=30,
        ),
        "benchmark": lambda ch: benchmark_pb2_grpc.BenchmarkServiceStub(
            ch
        ).BatchGetCompanyPositions(
            benchmark_pb2.BatchGetCompanyPositionsRequest(companies=refs),
            metadata=caller_metadata("risk:read"), timeout=30,
        ),
        "placements": lambda ch: benchmark_pb2_grpc.BenchmarkServiceStub(
            ch
        ).BatchGetCompanyPositions(
            benchmark_pb2.BatchGetCompanyPositionsRequest(companies=refs, without_measures=True),
            metadata=caller_metadata("risk:read"), timeout=30,
        ),
        "ingest": lambda ch: ingest_pb2_grpc.IngestServiceStub(ch).BatchGetCompanies(
            ingest_pb2.BatchGetCompaniesRequest(companies=refs),
            metadata=caller_metadata("risk:read"), timeout=30,
        ),
    }  # fmt: skip
    for service, call in calls.items():
        port = stack.grpc_ports["benchmark" if service == "placements" else service]
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as ch:
            times = []
            for _ in range(n):
                t = time.perf_counter()
                await call(ch)
                times.append((time.perf_counter() - t) * 1000)
        out[service] = statistics.median(times)
    return out


def run(stack: Stack, args: argparse.Namespace) -> dict[str, float]:
    member_vat = belgian_vat()
    created = json.loads(
        stack.admin("create-member", "--name", "Bench Groothandel", "--vat", member_vat).stdout
    )
    key = created["api_key"]
    url = f"http://127.0.0.1:{stack.config.gateway_port}"
    debtors = list(dict.fromkeys(belgian_vat() for _ in range(args.companies)))
    figures: dict[str, float] = {}
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=120) as c:
        seed(c, debtors, args.invoices)
        wait_scored(c, debtors)
        settle(stack)
        profile = [json.dumps({"query": PROFILE, "variables": {"vat": v}}) for v in debtors]
        floor = [json.dumps({"query": FLOOR})]
        gateway_pid = stack.processes["gateway"].popen.pid
        pids = {n: p.popen.pid for n, p in stack.processes.items()}
        for name, bodies in (("floor", floor), ("profile", profile)):
            if name == "profile":
                # Warm up right before: each worker's profile cache fills on its first pass
                # over the debtors (and entries live 30 s, so not before the floor's run).
                wrk(url + "/graphql", key, profile, 12, args.connections)
            cpu0 = tree_cpu(gateway_pid)
            each0 = {n: tree_cpu(pid) for n, pid in pids.items()}
            calls0 = served(stack.metrics_ports["scoring"])
            busy0 = machine_busy()
            spy = None
            if args.py_spy and name == "profile":
                spy = subprocess.Popen(
                    [args.py_spy, "record", "-f", "raw", "-o", f"/tmp/gateway-{name}.txt",
                     "-d", str(args.seconds - 1), "-p", str(gateway_pid), "--subprocesses"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )  # fmt: skip
            got = wrk(url + "/graphql", key, bodies, args.seconds, args.connections)
            if spy is not None:
                spy.wait()
            if name == "profile":
                text = httpx.get(url + "/metrics", timeout=5).text
                for result in ("hit", "miss"):
                    m = re.search(
                        rf'kmo_gateway_profile_cache_total{{result="{result}"}} ([\d.e+]+)', text
                    )
                    got[f"cache_{result}"] = float(m[1]) if m else 0.0
            got["gateway_cpu_ms"] = (
                (tree_cpu(gateway_pid) - cpu0) * 1000 / max(1.0, got["rps"] * args.seconds)
            )
            busy1 = machine_busy()
            got["machine_busy"] = (busy1[0] - busy0[0]) / max(1.0, busy1[1] - busy0[1])
            got["machine_stolen"] = (busy1[2] - busy0[2]) / max(1.0, busy1[1] - busy0[1])
            for n, pid in pids.items():
                got[f"cpu_{n}"] = (tree_cpu(pid) - each0[n]) / args.seconds
            calls1 = served(stack.metrics_ports["scoring"])
            print(f"  scoring calls during {name}:", {
                m: int(v - calls0.get(m, 0)) for m, v in calls1.items() if v > calls0.get(m, 0)
            })  # fmt: skip
            figures.update({f"{name}_{k}": v for k, v in got.items()})
        figures["profile_alone_ms"] = median_ms(lambda: gql(c, PROFILE, {"vat": debtors[0]}), 200)
        figures["floor_alone_ms"] = median_ms(lambda: gql(c, FLOOR), 200)
        figures["grpc_alone_ms"] = asyncio.run(
            grpc_median_ms(stack.grpc_ports["scoring"], debtors, 200)
        )
        spy = None
        if args.py_spy:
            spy = subprocess.Popen(
                [args.py_spy, "record", "-f", "raw", "-o", "/tmp/gateway-many.txt",
                 "-d", "6", "-p", str(gateway_pid), "--subprocesses"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        figures["many_ms"] = median_ms(lambda: gql(c, MANY, {"vats": debtors}), 10)
        if args.explore:
            for part in ("vat", "name", "riskProfile { score }", "benchmark { section }",
                         "riskProfile { score level confidence }",
                         "benchmark { section placements { scope } }"):  # fmt: skip
                q = "query($vats: [String!]!) { companies(vats: $vats) { " + part + " } }"
                took = median_ms(lambda q=q: gql(c, q, {"vats": debtors}), 5)
                print(f"  1,000 companies {{ {part} }}: {took:.0f} ms")
        if spy is not None:
            spy.wait()
        figures["dashboard_ms"] = median_ms(lambda: gql(c, DASHBOARD), 20)
        for service, ms in asyncio.run(batch_ms(stack, debtors)).items():
            figures[f"batch_{service}_ms"] = ms
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--invoices", type=int, default=30_000)
    parser.add_argument("--workers", type=int, default=2, help="gateway uvicorn workers")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--explore", action="store_true", help="time parts of the queries")
    parser.add_argument("--py-spy", default="", help="a py-spy binary: profile the gateway")
    args = parser.parse_args()
    print(
        f"load average {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores); "
        f"reference loop {calibration_ms():.0f} ms; gateway workers {args.workers}"
    )
    suffix = uuid.uuid4().hex[:6]
    with bench_servers(ROOT / ".data" / "bench-gateway") as (admin_url, nats_url):
        names = {svc: f"bench_gw_{svc}_{suffix}" for svc in SERVICES}
        ensure_databases(admin_url, list(names.values()))
        stack = Stack(
            StackConfig(
                database_urls={svc: with_database(admin_url, n) for svc, n in names.items()},
                nats_url=nats_url,
                log_dir=ROOT / ".data" / "bench-gateway" / "logs",
                namespace=f"benchgw{suffix}",
                gateway_port=free_port(),
                extra_env={
                    "GATEWAY_RATE_PER_SECOND": "0",
                    "GATEWAY_ANONYMOUS_RATE_PER_SECOND": "0",
                    "GATEWAY_WORKERS": str(args.workers),
                },
            )
        )
        try:
            stack.start()
            stack.wait_ready(timeout=120)
            f = run(stack, args)
        finally:
            stack.stop()
            if args.keep:
                print(f"databases kept: {', '.join(names.values())}")
            else:
                drop_databases(admin_url, list(names.values()))
                asyncio.run(drop_streams(nats_url, stack.config.namespace))
    print(
        f"load average {os.getloadavg()[0]:.2f} after; reference loop {calibration_ms():.0f} ms\n"
    )

    def load(name: str) -> str:
        return (
            f"{f[name + '_rps']:,.0f} req/s, p50 {f[name + '_p50']:.1f} ms, "
            f"p99 {f[name + '_p99']:.1f} ms"
        )

    alone = f["profile_alone_ms"] / f["grpc_alone_ms"]
    rows = [
        ("{__typename} floor under load", load("floor"), ""),
        ("risk profile under load", load("profile"), ">= 800 req/s, p99 < 50 ms"),
        ("  share of the floor's rate", f"{f['profile_rps'] / f['floor_rps']:.2f}x", ""),
        (
            "  gateway CPU per request",
            f"{f['profile_gateway_cpu_ms']:.2f} ms (floor {f['floor_gateway_cpu_ms']:.2f} ms)",
            "",
        ),
        ("  wrk's CPU share", f"{f['profile_wrk_cpu_share']:.0%} of the machine", ""),
        (
            "  machine busy (all processes)",
            f"{f['profile_machine_busy']:.0%} ({f['profile_machine_stolen']:.0%} stolen by the "
            "host); cores used: "
            + ", ".join(f"{k[12:]} {v:.2f}" for k, v in f.items() if k.startswith("profile_cpu_")),
            "",
        ),
        (
            "  profile cache (one worker)",
            f"{f['profile_cache_hit']:,.0f} hits, {f['profile_cache_miss']:,.0f} misses",
            "",
        ),
        (
            "  non-2xx answers",
            f"{f['profile_non_2xx']:.0f} (floor {f['floor_non_2xx']:.0f})",
            "0",
        ),
        (
            "risk profile alone, median",
            f"{f['profile_alone_ms']:.2f} ms = {alone:.1f}x gRPC GetRiskProfile "
            f"({f['grpc_alone_ms']:.2f} ms); floor {f['floor_alone_ms']:.2f} ms",
            "<= 2.5x gRPC",
        ),
        (
            f"{args.companies:,} companies, profile + benchmark",
            f"{f['many_ms']:.0f} ms",
            "< 150 ms",
        ),
        (
            "  the batch calls alone (gRPC)",
            f"scoring {f['batch_scoring_ms']:.0f} ms, benchmark {f['batch_benchmark_ms']:.0f} ms "
            f"({f['batch_placements_ms']:.0f} ms without measures), "
            f"ingest {f['batch_ingest_ms']:.0f} ms",
            "",
        ),
        (f"dashboard, {args.invoices:,} invoices", f"{f['dashboard_ms']:.0f} ms", "< 100 ms"),
    ]
    for label, value, target in rows:
        print(f"{label:<38} {value:<70} {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
