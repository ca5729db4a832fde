"""``python -m datagen.demo`` (``make demo``): load a demo world into a running platform.

Generates a Benelux data set with :mod:`datagen`, dated so that it ends today, and loads it
through the public GraphQL API only (``submitInvoices`` then ``recordPayments``, a few requests
in flight), one API key per generated member. Then it waits until scoring has caught up on a
few showcase debtors (good, slow and bad payers in the three countries), prints their risk
profiles and some queries worth trying.

Keys come from a pluggable :data:`KeyProvider`. The default one, :class:`DevstackKeys`, runs the
local stack's admin command (``python -m devstack admin create-member ... --if-missing``) and
keeps the keys in ``.data/demo-keys.json``, so a second ``make demo`` reuses them (and finds
the invoices already there). Tests pass keys of their own platform instead.

Imports only :mod:`datagen` and httpx: never a service package.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import (
    Awaitable,
    Callable,
    Collection,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO, TypeVar

import httpx

from datagen import Company, Dataset, GeneratorConfig, InvoiceRow, PaymentRow, generate

DEFAULT_URL = "http://127.0.0.1:8000/graphql"
BATCH_SIZE = 500  # the API's limit per bulk call
CONCURRENCY = 4
DEMO_SEED = 20261123
DEMO_INVOICES = 30_000

T = TypeVar("T")
# Members in, their API keys out (by compact VAT number).
KeyProvider = Callable[[Sequence[Company]], Mapping[str, str]]

# Ids and the few errors only: far cheaper for the gateway to serve than `results`.
SUBMIT_MANY = """
mutation($inputs: [SubmitInvoiceInput!]!) {
  submitInvoices(inputs: $inputs) { accepted invoiceIds errors { index error { code message } } }
}"""
PAY_MANY = """
mutation($inputs: [RecordPaymentInput!]!) {
  recordPayments(inputs: $inputs) { accepted errors { index error { code message } } }
}"""
PROFILE_FIELDS = "score level invoiceCount paidCount supplierCount avgDaysToPay avgDaysLate"


# --- The data set -----------------------------------------------------------------------------


def demo_config(
    as_of: dt.date, *, n_invoices: int = DEMO_INVOICES, seed: int = DEMO_SEED
) -> GeneratorConfig:
    """Two years of invoices ending a quarter before ``as_of`` (normally today), so scores are
    about recent behaviour and the last invoices are still open. Denser than the generator's
    defaults in debtors: a few thousand of them for tens of thousands of invoices, and about
    one member per 6,000 invoices."""
    period_end = as_of - dt.timedelta(days=90)
    return GeneratorConfig(
        seed=seed,
        n_invoices=n_invoices,
        period_start=period_end - dt.timedelta(days=730),
        period_end=period_end,
        as_of=as_of,
        invoices_per_debtor=6.0,
        invoices_per_member=6_000.0,
        invoices_per_relationship=4.0,
    )


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` items."""
    if size < 1:
        raise ValueError("size must be at least 1")
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def payment_batches(payments: Iterable[PaymentRow], size: int) -> Iterator[list[PaymentRow]]:
    """A member's payments in batches of at most ``size``, oldest first per invoice, never
    splitting one invoice's payments: the API applies a batch in order, so the payment that
    settles an invoice is the last one it sees. An invoice paid in more than ``size`` parts
    gets a batch of its own and must not exist (the generator pays in a few parts)."""
    by_invoice: dict[int, list[PaymentRow]] = defaultdict(list)
    for p in payments:
        by_invoice[p.invoice_id].append(p)
    batch: list[PaymentRow] = []
    for invoice_id in sorted(by_invoice):
        group = sorted(by_invoice[invoice_id], key=lambda p: (p.paid_on, p.payment_id))
        if len(group) > size:
            raise ValueError(f"invoice {invoice_id} has {len(group)} payments, batch is {size}")
        if len(batch) + len(group) > size:
            yield batch
            batch = []
        batch.extend(group)
    if batch:
        yield batch


def invoice_input(row: InvoiceRow, debtor: Company) -> dict[str, str]:
    """A generated invoice as a ``SubmitInvoiceInput``: exact decimal strings, ISO dates."""
    return {
        "debtorVat": row.debtor_vat,
        "debtorName": debtor.name,
        "debtorSector": debtor.nace,
        "invoiceNumber": row.invoice_number,
        "issueDate": row.issue_date.isoformat(),
        "dueDate": row.due_date.isoformat(),
        "amount": str(row.gross_amount),  # what the debtor owes, VAT included
        # currency: EUR, the API's default; sending it would only cost the gateway time
    }


def payment_input(row: PaymentRow, invoice_id: str) -> dict[str, str]:
    """A generated bank credit as a ``RecordPaymentInput`` on the invoice the API returned."""
    return {"invoiceId": invoice_id, "paidDate": row.paid_on.isoformat(), "amount": str(row.amount)}


# --- Showcase debtors -------------------------------------------------------------------------

PAYER_CLASS = {"low": "good payer", "medium": "slow payer", "high": "slow payer"}
SAMPLE_SIZE = 60  # debtors checked for complete profiles after the load


@dataclass(frozen=True, slots=True)
class Showcase:
    vat: str
    name: str
    country: str
    sector: str  # NACE section + division
    kind: str  # good payer | slow payer | bad payer
    invoices: int  # generated invoices to this debtor
    settled: int  # of which paid in full by the as-of date


def debtor_summaries(ds: Dataset) -> list[Showcase]:
    """Every debtor that receives an invoice, with what its risk profile should count."""
    invoices: Counter[str] = Counter()
    settled: Counter[str] = Counter()
    for row in ds.iter_invoices():
        invoices[row.debtor_vat] += 1
        if row.paid_date is not None:
            settled[row.debtor_vat] += 1
    debtors = {d.vat: d for d in ds.debtors}
    return [
        Showcase(
            vat=t.vat,
            name=debtors[t.vat].name,
            country=t.country,
            sector=debtors[t.vat].nace,
            kind=PAYER_CLASS.get(t.expected_risk_level, "bad payer"),
            invoices=invoices[t.vat],
            settled=settled[t.vat],
        )
        for t in ds.truth
        if invoices[t.vat]
    ]


def pick_showcase(ds: Dataset, per_class: int = 1) -> list[Showcase]:
    """For each country, the busiest good, slow and bad payers (by the generator's hidden
    truth), preferring sectors not shown yet so the list spans several."""
    everyone = debtor_summaries(ds)
    picked: list[Showcase] = []
    shown_sectors: set[str] = set()
    for country in ("BE", "NL", "LU"):
        for kind in ("good payer", "slow payer", "bad payer"):
            candidates = [
                s for s in everyone if s.country == country and s.kind == kind and s.invoices >= 3
            ]
            candidates.sort(key=lambda s: (s.sector[0] in shown_sectors, -s.invoices, s.vat))
            for s in candidates[:per_class]:
                shown_sectors.add(s.sector[0])
                picked.append(s)
    return picked


# --- Progress ---------------------------------------------------------------------------------


def render_bar(label: str, done: int, total: int, elapsed: float, width: int = 30) -> str:
    share = done / total if total else 1.0
    filled = round(width * share)
    rate = done / elapsed if elapsed > 0 else 0.0
    return (
        f"{label:<9} [{'#' * filled}{'.' * (width - filled)}] {done:>6}/{total:<6} "
        f"{share:>4.0%} {rate:>6.0f}/s"
    )


class Progress:
    """An in-place progress bar on plain stdout (``\\r``), redrawn at most 10 times a second."""

    def __init__(self, label: str, total: int, out: TextIO) -> None:
        self.label, self.total, self.out = label, total, out
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def advance(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if now - self._drawn >= 0.1 or self.done >= self.total:
            self._drawn = now
            self._draw()

    def close(self) -> float:
        self._draw()
        self.out.write("\n")
        self.out.flush()
        return time.monotonic() - self.started

    def _draw(self) -> None:
        elapsed = time.monotonic() - self.started
        self.out.write("\r" + render_bar(self.label, self.done, self.total, elapsed))
        self.out.flush()


# --- Loading ----------------------------------------------------------------------------------


class LoadError(RuntimeError):
    pass


@dataclass
class LoadReport:
    invoices_accepted: int = 0
    payments_accepted: int = 0
    already_loaded: int = 0  # invoices an earlier run stored (DUPLICATE_INVOICE)
    payments_skipped: int = 0  # payments of those: their ids are not known to this run
    errors: Counter[str] = field(default_factory=Counter)  # other per-item error codes
    invoice_seconds: float = 0.0
    payment_seconds: float = 0.0
    ids: dict[int, str] = field(default_factory=dict, repr=False)  # generated id -> API id


class GraphQL:
    """POSTs GraphQL with one member's key; retries a backend that is briefly unavailable."""

    def __init__(self, http: httpx.AsyncClient, url: str) -> None:
        self.http, self.url = http, url

    async def execute(self, key: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        for attempt in range(4):
            response = await self.http.post(
                self.url,
                json={"query": query, "variables": variables},
                headers={"Authorization": f"Bearer {key}"},
            )
            if response.status_code >= 500 and attempt < 3:
                await asyncio.sleep(0.5 * 2**attempt)
                continue
            body = response.json()
            errors = body.get("errors") or []
            codes = {(e.get("extensions") or {}).get("code") for e in errors}
            if "UNAVAILABLE" in codes and attempt < 3:
                await asyncio.sleep(0.5 * 2**attempt)
                continue
            if errors:
                raise LoadError(json.dumps(errors)[:500])
            data: dict[str, Any] = body["data"]
            return data
        raise LoadError("the API stayed unavailable")


Job = Callable[[], Awaitable[None]]


async def _run_all(jobs: Sequence[Job], concurrency: int) -> None:
    """Run the jobs in order with at most ``concurrency`` in flight; the first failure
    cancels the rest."""
    pending = iter(jobs)

    async def worker() -> None:
        for job in pending:  # one shared iterator: each job is taken once
            await job()

    async with asyncio.TaskGroup() as group:
        for _ in range(max(1, concurrency)):
            group.create_task(worker())


async def load(
    ds: Dataset,
    url: str,
    keys: Mapping[str, str],
    *,
    first: Collection[str] = (),
    concurrency: int = CONCURRENCY,
    batch_size: int = BATCH_SIZE,
    out: TextIO = sys.stdout,
) -> LoadReport:
    """Submit every invoice, then every payment (on the ids the API returned), as each
    invoice's member (``keys``: member VAT -> API key).

    The invoices and payments of the ``first`` debtors go ahead of all others: scoring
    consumes events in order, so their profiles are complete long before the rest are."""
    report = LoadReport()
    missing = {m.vat for m in ds.members} - set(keys)
    if missing:
        raise LoadError(f"no API key for members {sorted(missing)}")
    leading = set(first)
    invoices = list(ds.iter_invoices())
    payments = list(ds.iter_payments())
    debtor_of = {r.invoice_id: r.debtor_vat for r in invoices}
    parts = [
        (
            [r for r in invoices if (r.debtor_vat in leading) == ahead],
            [p for p in payments if (debtor_of[p.invoice_id] in leading) == ahead],
        )
        for ahead in (True, False)
    ]
    async with httpx.AsyncClient(timeout=120) as http:
        loader = _Loader(ds, GraphQL(http, url), keys, report, concurrency, batch_size)
        if parts[0][0]:
            bar = Progress("showcase", len(parts[0][0]) + len(parts[0][1]), out)
            await loader.invoices(parts[0][0], bar)
            await loader.payments(parts[0][1], bar)
            bar.close()
        bar = Progress("invoices", len(parts[1][0]), out)
        await loader.invoices(parts[1][0], bar)
        report.invoice_seconds = bar.close()
        bar = Progress("payments", len(parts[1][1]), out)
        await loader.payments(parts[1][1], bar)
        report.payment_seconds = bar.close()
    return report


class _Loader:
    def __init__(
        self,
        ds: Dataset,
        api: GraphQL,
        keys: Mapping[str, str],
        report: LoadReport,
        concurrency: int,
        batch_size: int,
    ) -> None:
        self.debtors = {d.vat: d for d in ds.debtors}
        self.members = {m.company_id: m.vat for m in ds.members}
        self.api, self.keys, self.report = api, keys, report
        self.concurrency, self.batch_size = concurrency, batch_size

    async def invoices(self, rows: Sequence[InvoiceRow], bar: Progress) -> None:
        report = self.report
        by_member: dict[str, list[InvoiceRow]] = defaultdict(list)
        for row in rows:
            by_member[row.member_vat].append(row)

        def submit(member: str, batch: list[InvoiceRow]) -> Job:
            async def job() -> None:
                inputs = [invoice_input(r, self.debtors[r.debtor_vat]) for r in batch]
                data = (await self.api.execute(self.keys[member], SUBMIT_MANY, {"inputs": inputs}))[
                    "submitInvoices"
                ]
                for row, invoice_id in zip(batch, data["invoiceIds"], strict=True):
                    if invoice_id is not None:
                        report.ids[row.invoice_id] = invoice_id
                report.invoices_accepted += data["accepted"]
                for item in data["errors"]:
                    code = item["error"]["code"]
                    if code == "DUPLICATE_INVOICE":
                        report.already_loaded += 1
                    else:
                        report.errors[code] += 1
                bar.advance(len(batch))

            return job

        jobs = [[submit(m, b) for b in batched(r, self.batch_size)] for m, r in by_member.items()]
        await _run_all(_interleave(jobs), self.concurrency)

    async def payments(self, rows: Sequence[PaymentRow], bar: Progress) -> None:
        report = self.report
        by_member: dict[str, list[PaymentRow]] = defaultdict(list)
        for p in rows:
            if p.invoice_id in report.ids:
                by_member[self.members[p.member_id]].append(p)
            else:
                report.payments_skipped += 1
                bar.advance(1)

        def pay(member: str, batch: list[PaymentRow]) -> Job:
            async def job() -> None:
                inputs = [payment_input(p, report.ids[p.invoice_id]) for p in batch]
                data = (await self.api.execute(self.keys[member], PAY_MANY, {"inputs": inputs}))[
                    "recordPayments"
                ]
                report.payments_accepted += data["accepted"]
                report.errors.update(item["error"]["code"] for item in data["errors"])
                bar.advance(len(batch))

            return job

        jobs = [
            [pay(m, b) for b in payment_batches(p, self.batch_size)] for m, p in by_member.items()
        ]
        await _run_all(_interleave(jobs), self.concurrency)


def _interleave(lists: Sequence[Sequence[T]]) -> list[T]:
    """Round-robin over the members' batches, so the requests in flight come from several."""
    longest = max((len(x) for x in lists), default=0)
    return [x[i] for i in range(longest) for x in lists if i < len(x)]


async def profiles(url: str, key: str, vats: Sequence[str]) -> dict[str, dict[str, Any] | None]:
    """Risk profiles of up to 30 companies in one query (aliases), by VAT number."""
    fields = " ".join(
        f'c{i}: company(vat: "{vat}") {{ riskProfile {{ {PROFILE_FIELDS} }} }}'
        for i, vat in enumerate(vats)
    )
    async with httpx.AsyncClient(timeout=30) as http:
        data = await GraphQL(http, url).execute(key, f"{{ {fields} }}", {})
    return {vat: data[f"c{i}"]["riskProfile"] for i, vat in enumerate(vats)}


async def wait_for_profiles(
    url: str, key: str, showcase: Sequence[Showcase], patience: float
) -> dict[str, dict[str, Any] | None]:
    """Poll until scoring has seen every generated invoice and settlement of the showcase
    debtors (events are asynchronous), or for ``patience`` seconds; the last answer either
    way."""
    deadline = time.monotonic() + patience
    while True:
        found: dict[str, dict[str, Any] | None] = {}
        for chunk in batched([s.vat for s in showcase], 30):  # the API allows 30 aliases
            found.update(await profiles(url, key, chunk))
        complete = all(
            (p := found[s.vat]) is not None
            and p["invoiceCount"] >= s.invoices
            and p["paidCount"] >= s.settled
            for s in showcase
        )
        if complete or time.monotonic() > deadline:
            return found
        await asyncio.sleep(1.0)


# --- API keys ---------------------------------------------------------------------------------


OPERATOR = "operator"


class DevstackKeys:
    """A :data:`KeyProvider` for ``make up``: one member and key per generated member through
    ``python -m devstack admin``; keys kept in ``<data>/demo-keys.json`` for the next run."""

    def __init__(
        self,
        data_dir: Path,
        admin: Callable[[list[str]], str] | None = None,
    ) -> None:
        self.path = data_dir / "demo-keys.json"
        self.data_dir = data_dir
        self._admin = admin or self._devstack_admin

    def __call__(self, members: Sequence[Company]) -> dict[str, str]:
        stored = self.stored()
        keys: dict[str, str] = {}
        for m in members:
            if m.vat in stored:
                keys[m.vat] = stored[m.vat]
                continue
            created = json.loads(
                self._admin(["create-member", "--name", m.name, "--vat", m.vat, "--if-missing"])
            )
            if created.get("api_key"):
                keys[m.vat] = created["api_key"]
            else:  # the member exists, but its key was not kept: issue another
                keys[m.vat] = json.loads(self._admin(["create-key", "--member-vat", m.vat]))[
                    "api_key"
                ]
            self._save({**stored, **keys})
        return keys

    def operator(self) -> str:
        """A key of the register's operator (``admin`` scope): it sees profiles' exact counts,
        which members' keys see only when at least three other members report a debtor."""
        stored = self.stored()
        if OPERATOR not in stored:
            created = json.loads(
                self._admin(["create-key", "--partner", "Demo operator", "--scope", "admin"])
            )
            stored[OPERATOR] = created["api_key"]
            self._save(stored)
        return stored[OPERATOR]

    def stored(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        found: dict[str, str] = json.loads(self.path.read_text())
        return found

    def _save(self, keys: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(keys, indent=2, sort_keys=True) + "\n")
        self.path.chmod(0o600)

    def _devstack_admin(self, args: list[str]) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "devstack", "--data", str(self.data_dir), "admin", *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode != 0:
            raise LoadError(f"devstack admin {args[0]} failed: {done.stderr.strip()[-500:]}")
        return done.stdout


# --- The command ------------------------------------------------------------------------------


def anchor_date(data_dir: Path, today: dt.date) -> dt.date:
    """The as-of date of the demo world: today on the first run, then the same date, so a
    second run regenerates the very same invoices (and the API reports them as loaded)."""
    path = data_dir / "demo-as-of"
    if path.exists():
        return dt.date.fromisoformat(path.read_text().strip())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(today.isoformat() + "\n")
    return today


def print_showcase(
    showcase: Sequence[Showcase], found: Mapping[str, dict[str, Any] | None], out: TextIO
) -> None:
    out.write(
        f"\n{'debtor':<36} {'VAT':<15} {'sector':<6} {'data says':<11} "
        f"{'score':>5} {'level':<9} {'invoices':>8} {'paid':>5} {'days late':>9}\n"
    )
    for s in showcase:
        p = found.get(s.vat)
        if p is None:
            out.write(f"{s.name[:36]:<36} {s.vat:<15} {s.sector:<6} {s.kind:<11} (no profile)\n")
            continue
        out.write(
            f"{s.name[:36]:<36} {s.vat:<15} {s.sector:<6} {s.kind:<11} {p['score']:>5} "
            f"{p['level'].lower():<9} {p['invoiceCount']:>8} {p['paidCount']:>5} "
            f"{p['avgDaysLate']:>9.1f}\n"
        )


def suggested_queries(showcase: Sequence[Showcase]) -> str:
    def first(kind: str) -> Showcase | None:
        return next((s for s in showcase if s.kind == kind), None)

    lines = []
    for kind in ("good payer", "slow payer", "bad payer"):
        s = first(kind)
        if s is not None:
            lines.append(
                f"# a {kind}: {s.name} ({s.country}, NACE {s.sector})\n"
                f'{{ company(vat: "{s.vat}") {{ vat riskProfile {{ score level avgDaysLate '
                f"avgDaysToPay invoiceCount supplierCount overdueAmount {{ amount }} }} "
                f"benchmark {{ placements {{ scope withheld measures {{ measure value sentence "
                f"group {{ median group {{ name }} }} }} }} }} }} }}"
            )
    sector = first("slow payer") or (showcase[0] if showcase else None)
    if sector is not None:
        lines.append(
            f"# the {sector.country} sector {sector.sector[0]} benchmark\n"
            f'{{ sectorBenchmark(country: "{sector.country}", sector: "{sector.sector[0]}") '
            f"{{ withheld group {{ name companyCount }} measures {{ measure p25 median p75 mean }} "
            f"levels {{ low medium high critical }} "
            f"trends {{ measure points {{ month median }} }} }} }}"
        )
    lines.append(
        "# your own overdue invoices (as the member whose key you use)\n"
        "{ invoices(first: 5, filter: { overdue: true }) { nodes { invoiceNumber status "
        "dueDate amount { amount } } pageInfo { hasNextPage endCursor } } }"
    )
    lines.append(
        "# your dashboard\n"
        "{ dashboard { openInvoices outstanding { amount } overdue { amount } "
        "ageing { label count amount { amount } } dso { days method } "
        "riskyDebtors { score level exposure { name outstanding { amount } } } "
        "sectorComparison { sentence } } }"
    )
    return "\n\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m datagen.demo", description=__doc__)
    parser.add_argument("--url", default=DEFAULT_URL, help="the gateway's GraphQL endpoint")
    parser.add_argument("--data", type=Path, default=Path(".data"), help="make up's data dir")
    parser.add_argument("--invoices", type=int, default=DEMO_INVOICES)
    parser.add_argument("--seed", type=int, default=DEMO_SEED)
    parser.add_argument("--concurrency", type=int, default=CONCURRENCY)
    parser.add_argument(
        "--wait", type=float, default=180.0, help="seconds to wait for scoring to catch up"
    )
    args = parser.parse_args(argv)
    out = sys.stdout

    started = time.monotonic()
    as_of = anchor_date(args.data, dt.date.today())
    ds = generate(demo_config(as_of, n_invoices=args.invoices, seed=args.seed))
    generated = time.monotonic() - started
    touched = len({r.debtor_vat for r in ds.iter_invoices()})
    out.write(
        f"generated {len(ds.members)} members, {touched} debtors (of {len(ds.debtors)}), "
        f"{len(ds.invoices)} invoices, {len(ds.payments)} payments up to {as_of} "
        f"in {generated:.1f} s\n"
    )
    try:
        provider = DevstackKeys(args.data)
        keys = provider(ds.members)
        operator = provider.operator()
        out.write(f"API keys for {len(keys)} members in {args.data / 'demo-keys.json'}\n")
        showcase = pick_showcase(ds)
        loading = time.monotonic()
        report = asyncio.run(
            load(
                ds,
                args.url,
                keys,
                first=[s.vat for s in showcase],
                concurrency=args.concurrency,
                out=out,
            )
        )
    except (LoadError, httpx.HTTPError) as exc:
        out.write(f"\nerror: {exc}\nIs the platform up (make up) at {args.url}?\n")
        return 1
    seconds = time.monotonic() - loading
    out.write(
        f"loaded {report.invoices_accepted} invoices and {report.payments_accepted} payments "
        f"in {seconds:.1f} s ({(report.invoices_accepted + report.payments_accepted) / seconds:.0f}"
        " items/s)\n"
    )
    if report.already_loaded:
        out.write(
            f"{report.already_loaded} invoices were loaded by an earlier make demo "
            f"({report.payments_skipped} of their payments skipped)\n"
        )
    if report.errors:
        out.write(f"rejected items by code: {dict(report.errors)}\n")

    out.write(f"\nwaiting for scoring to catch up (at most {args.wait:.0f} s)...")
    out.flush()
    first_key = keys[ds.members[0].vat]
    waited = time.monotonic()
    # The showcase loads first; a random sample of all debtors shows when scoring has
    # caught up with the whole load, not just with the ones printed below.
    everyone = debtor_summaries(ds)
    sample = random.Random(args.seed).sample(everyone, k=min(SAMPLE_SIZE, len(everyone)))
    found = asyncio.run(wait_for_profiles(args.url, operator, [*showcase, *sample], args.wait))
    out.write(f" {time.monotonic() - waited:.0f} s\n")
    levels = Counter((p or {}).get("level", "none") for s in sample if (p := found.get(s.vat)))
    complete = sum(
        1
        for s in sample
        if (p := found.get(s.vat))
        and p["invoiceCount"] >= s.invoices
        and p["paidCount"] >= s.settled
    )
    out.write(
        f"{complete} of {len(sample)} randomly sampled debtors have complete profiles; "
        f"their levels: {dict(sorted(levels.items()))}\n\n"
    )
    print_showcase(showcase, found, out)
    out.write(
        f"\nTry these in GraphiQL ({args.url}); set the header\n"
        f'  {{"Authorization": "Bearer {first_key}"}}\n\n'
    )
    out.write(suggested_queries(showcase) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
