"""How long a one-page invoice waits behind a long scanned PDF: before and after fair scheduling.

Runs the OCR service's own parts (``PoolExtractor``: the spawned Tesseract process pool;
``WorkScheduler``: shortest first with ageing, pages capped per tenant, the job consumer's
admission rule) on documents it renders itself with Pillow, and compares:

- **before**: the old job consumer, one job at a time per replica in arrival order, whatever
  the pool size;
- **after**: the new one, up to ``processes`` jobs at once, the scheduler choosing among the
  jobs it holds (it takes a job only when ``WorkScheduler.room()`` allows, as
  ``chassis.messaging.run_consumer`` does).

No broker and no database: JetStream and PostgreSQL cost milliseconds per job, Tesseract
seconds per page. Usage: ``make bench-ocr-queue`` (``ARGS='--pages 30'``, ``ARGS='--quick'``).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import shutil
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFont

from ocr.adapters.extractor import PoolExtractor
from ocr.adapters.scheduler import WorkScheduler

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


# --- documents -----------------------------------------------------------------------------


def page(title: str, number: int) -> Image.Image:
    """An A4 page at 150 dpi with an invoice's worth of text: a scan, no text layer."""
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    big, body = ImageFont.truetype(FONT, 40), ImageFont.truetype(FONT, 22)
    draw.text((80, 80), f"{title} - pagina {number}", fill=0, font=big)
    draw.text((80, 150), "BTW BE 0403.019.261   Factuurdatum: 03/11/2026", fill=0, font=body)
    for line in range(18):
        text = f"{line + 1:>3}  Levering bouwmateriaal lot {number}-{line}   2 x 12,50   25,00 EUR"
        draw.text((80, 260 + 48 * line), text, fill=0, font=body)
    draw.text((700, 1250), "Te betalen: EUR 1.210,00", fill=0, font=big)
    return image


def pdf(pages: int, title: str) -> bytes:
    images = [page(title, n + 1) for n in range(pages)]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=150)
    return out.getvalue()


# --- the two policies ----------------------------------------------------------------------


@dataclass
class Job:
    name: str
    tenant: str
    pages: int
    data: bytes
    after: float = 0.0  # seconds after the run starts that the job arrives
    arrived: float = 0.0
    began: float = 0.0
    done: float = 0.0


@dataclass
class Run:
    jobs: list[Job]
    wall: float = 0.0
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        self.pages = sum(j.pages for j in self.jobs)

    def job(self, name: str) -> Job:
        return next(j for j in self.jobs if j.name == name)


async def before(extractor: PoolExtractor, jobs: list[Job]) -> Run:
    """The old consumer: take one job, read it, take the next (the pool's other processes idle)."""
    start = time.perf_counter()
    for job in jobs:
        job.arrived = start + job.after
    for job in jobs:
        now = time.perf_counter()
        if now < job.arrived:
            await asyncio.sleep(job.arrived - now)
        job.began = time.perf_counter()
        await extractor.extract(job.data, tenant_vat=None)
        job.done = time.perf_counter()
    return Run(jobs, time.perf_counter() - start)


async def after(
    extractor: PoolExtractor, jobs: list[Job], *, lookahead: int, tenant_pages: int
) -> Run:
    """The new consumer: jobs taken while the scheduler has room, read as it chooses."""
    scheduler = WorkScheduler(extractor.processes, tenant_pages=tenant_pages, lookahead=lookahead)
    start = time.perf_counter()
    for job in jobs:
        job.arrived = start + job.after

    async def handle(job: Job) -> None:
        pages = await extractor.count_pages(job.data)
        async with scheduler.turn(job.tenant, pages):
            job.began = time.perf_counter()
            await extractor.extract(job.data, tenant_vat=None)
        job.done = time.perf_counter()

    busy: set[asyncio.Task[None]] = set()
    queue = sorted(jobs, key=lambda j: j.after)  # the stream: first in, first out
    while queue:
        now = time.perf_counter()
        if queue[0].arrived > now:
            await asyncio.sleep(queue[0].arrived - now)
            continue
        if scheduler.room(len(busy)) <= 0:
            wake = asyncio.ensure_future(scheduler.changed())
            await asyncio.wait({*busy, wake}, return_when=asyncio.FIRST_COMPLETED)
            wake.cancel()
            continue
        task = asyncio.create_task(handle(queue.pop(0)))
        busy.add(task)
        task.add_done_callback(busy.discard)
        await asyncio.sleep(0)  # let it join the queue before the next is taken
    await asyncio.gather(*busy)
    return Run(jobs, time.perf_counter() - start)


# --- scenarios -----------------------------------------------------------------------------


def fresh(jobs: list[Job]) -> list[Job]:
    return [Job(j.name, j.tenant, j.pages, j.data, j.after) for j in jobs]


def pages_before(run: Run, names: list[str]) -> int:
    """Pages of other documents finished before the first short one began: the work it
    waited behind, which unlike seconds does not depend on how loaded the machine is."""
    first = min(run.job(n).began for n in names)
    return sum(j.pages for j in run.jobs if j.name not in names and j.done <= first)


def waits(run: Run, names: list[str]) -> tuple[float, float, float]:
    """Of the named (short) documents: the first's wait to start, the mean wait, and when
    the last was done (seconds after the run began)."""
    chosen = [run.job(n) for n in names]
    start = min(j.arrived - j.after for j in run.jobs)
    w = [j.began - j.arrived for j in chosen]
    return w[0], sum(w) / len(w), max(j.done for j in chosen) - start


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} ({len(os.sched_getaffinity(0))} CPUs)"


Policy = Callable[[PoolExtractor, list[Job]], Awaitable[Run]]


async def compare(
    title: str, jobs: list[Job], invoices: list[str], processes: int, args: argparse.Namespace
) -> None:
    print(f"\n{title}")
    print(
        f"  {'policy':<34} {'first waits':>12} {'behind pages':>13} {'mean wait':>10} "
        f"{'short done':>11} {'all done':>9} {'pages/s':>8}   load average"
    )
    extractor = PoolExtractor(processes)
    try:
        # Spawn and warm every process (Tesseract's language data): not part of either run.
        warm = pdf(1, "Opwarmen")
        await asyncio.gather(*(extractor.extract(warm, tenant_vat=None) for _ in range(processes)))
        policies: list[tuple[str, Policy]] = [
            ("before: one job at a time, FIFO", before),
            (
                f"after: {processes} at once, shortest first",
                lambda e, j: after(e, j, lookahead=args.lookahead, tenant_pages=args.tenant_pages),
            ),
        ]
        for label, policy in policies:
            run = await policy(extractor, fresh(jobs))
            first, mean, done = waits(run, invoices)
            behind = pages_before(run, invoices)
            print(
                f"  {label:<34} {first:>10.1f} s {behind:>13} {mean:>8.1f} s {done:>9.1f} s "
                f"{run.wall:>7.1f} s {run.pages / run.wall:>8.2f}   {load()}",
                flush=True,
            )
    finally:
        await extractor.close()


async def main(args: argparse.Namespace) -> None:
    long_pdf = pdf(args.pages, "Bijlagen")
    second_pdf = pdf(max(2, args.pages // 2), "Meerwerk")
    invoice = pdf(1, "Factuur")
    n_invoices = 3
    print(
        f"OCR queue: a {args.pages}-page scanned PDF against one-page invoices; "
        f"Tesseract in spawned processes (OMP_THREAD_LIMIT=1), lookahead {args.lookahead}, "
        f"{args.tenant_pages} pages per tenant; load average at start {load()}"
    )

    # 1. Two processes: the invoices of another member arrive just after the long PDF.
    jobs = [Job("long", "bulk-member", args.pages, long_pdf)]
    jobs += [
        Job(f"invoice-{n}", "small-member", 1, invoice, after=0.2 + 0.1 * n)
        for n in range(n_invoices)
    ]
    names = [f"invoice-{n}" for n in range(n_invoices)]
    await compare(
        f"1. processes=2: {n_invoices} one-page invoices arrive 0.2 s after the "
        f"{args.pages}-page PDF",
        jobs,
        names,
        2,
        args,
    )

    # 2. One process: the long PDF runs, a second long one waits, then an invoice arrives.
    jobs = [
        Job("long", "member-a", args.pages, long_pdf),
        Job("second", "member-b", max(2, args.pages // 2), second_pdf, after=0.2),
        Job("invoice-0", "member-c", 1, invoice, after=0.4),
    ]
    await compare(
        f"2. processes=1: a {max(2, args.pages // 2)}-page PDF waits behind the "
        f"{args.pages}-page one, then an invoice arrives (shortest first, no preemption)",
        jobs,
        ["invoice-0"],
        1,
        args,
    )

    # 3. Throughput of two processes on a stream of short documents.
    mix = [pdf(1 + n % 3, f"Factuur {n}") for n in range(args.mix)]
    jobs = [
        Job(f"invoice-{n}", f"member-{n % 3}", 1 + n % 3, data, after=0.0)
        for n, data in enumerate(mix)
    ]
    await compare(
        f"3. processes=2: throughput, {args.mix} documents of 1-3 pages queued at once",
        jobs,
        [j.name for j in jobs],
        2,
        args,
    )
    print(f"\nload average at the end {load()}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20, help="pages of the long PDF")
    parser.add_argument("--mix", type=int, default=8, help="documents in the throughput run")
    parser.add_argument("--lookahead", type=int, default=2)
    parser.add_argument("--tenant-pages", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="an 8-page PDF and 4 documents")
    ns = parser.parse_args()
    if shutil.which("tesseract") is None or not os.path.exists(FONT):
        sys.exit("needs tesseract-ocr (nld fra deu eng) and fonts-dejavu-core")
    if ns.quick:
        ns.pages, ns.mix = 8, 4
    asyncio.run(main(ns))
