"""The import runner: a background task of every ingest replica that takes queued import
jobs (one replica per job, by lease), imports them batch by batch and marks them done.

A job's progress commits with each batch, so a replica killed mid-way leaves a job that the
next free replica resumes after its last stored line. A job that failed three times on
something other than its content is marked failed rather than tried for ever.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import IO

from ingest.adapters.csv_rows import Options, invoice_rows, payment_rows
from ingest.adapters.imports import Leases
from ingest.domain.errors import ImportNotFound, IngestError
from ingest.domain.imports import Checkpoint, ImportJob, ImportKind, ImportStatus
from ingest.domain.model import DEFAULT_WINDOW, DateWindow
from ingest.service_layer.handlers import (
    ImportReport,
    OnBatch,
    import_invoices,
    import_payments,
)
from ingest.service_layer.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

CHUNK = 64 * 1024
MAX_ATTEMPTS = 3
POLL_SECONDS = 2.0


def options_of(job: ImportJob) -> Options:
    o = job.options
    columns = o.get("columns") or None
    return Options(
        encoding=str(o.get("encoding") or "") or None,
        delimiter=str(o.get("delimiter") or "") or None,
        day_first=not o.get("month_first", False),
        columns=dict(columns) if isinstance(columns, dict) else None,
    )


class ImportRunner:
    def __init__(
        self,
        leases: Leases,
        uow: Callable[[], UnitOfWork],
        window: DateWindow,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.leases = leases
        self.uow = uow
        self.window = window
        self.clock = clock
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """A job was queued: look now instead of at the next poll."""
        self._wake.set()

    async def run(self) -> None:
        try:
            while True:
                if not await self.run_next():
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._wake.wait(), POLL_SECONDS)
                    self._wake.clear()
        finally:
            await self.leases.close()

    async def run_next(self) -> bool:
        """Run the next job no replica runs; False when there was none."""
        try:
            job = await self.leases.take_next()
        except Exception:  # the database is away: try again at the next poll
            log.exception("could not look for import jobs")
            return False
        if job is None:
            return False
        try:
            await self._run(job)
        except ImportNotFound:
            log.info("import job erased while it ran", extra={"job_id": job.id})
        except Exception:
            log.exception("import job interrupted", extra={"job_id": job.id})
        finally:
            with contextlib.suppress(Exception):
                await self.leases.release(job.id)
        return True

    async def _run(self, job: ImportJob) -> None:
        if job.attempts > MAX_ATTEMPTS:
            await self.leases.finish(
                job.id, ImportStatus.FAILED, self.clock(), "import_failed",
                f"the import stopped {MAX_ATTEMPTS} times on an internal error; "
                f"rows up to line {job.last_line} are stored",
            )  # fmt: skip
            return
        with tempfile.TemporaryFile() as spool:
            # The file's bytes from the database to local disk first: the parser reads
            # synchronously, and a file never sits whole in memory.
            async for data in self.leases.chunks(job.id, job.chunks):
                spool.write(data)
            spool.seek(0)
            read = [0]

            def count(n: int) -> None:
                read[0] += n

            try:
                report = await self._import(job, file_chunks(spool, count), lambda: read[0])
            except ImportNotFound:
                raise
            except IngestError as exc:  # the file as a whole: no header, a column missing
                await self.leases.finish(
                    job.id, ImportStatus.FAILED, self.clock(), exc.code, exc.message
                )
                return
        await self.leases.finish(job.id, ImportStatus.DONE, self.clock())
        log.info(
            "import job done",
            extra={"job_id": job.id, "accepted": report.accepted, "rejected": report.rejected},
        )

    async def _import(
        self, job: ImportJob, chunks: Iterator[bytes], bytes_read: Callable[[], int]
    ) -> ImportReport:
        async def on_batch(work: UnitOfWork, done: Checkpoint) -> None:
            await work.imports.checkpoint(job.id, done, bytes_read())

        return await import_file(
            job.kind, chunks, options_of(job), job.tenant_id, self.uow,
            member_vat=job.member_vat, window=self.window, now=self.clock,
            on_batch=on_batch, after_line=job.last_line,
        )  # fmt: skip


async def import_file(
    kind: ImportKind,
    chunks: Iterator[bytes],
    options: Options,
    tenant_id: str,
    uow: Callable[[], UnitOfWork],
    *,
    member_vat: str = "",
    window: DateWindow = DEFAULT_WINDOW,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    on_batch: OnBatch | None = None,
    after_line: int = 0,
) -> ImportReport:
    """An export read and imported by its kind: what a job and the operator command run."""
    if kind is ImportKind.PAYMENTS:
        return await import_payments(
            ((r.line, r.item) for r in payment_rows(chunks, tenant_id, options)),
            tenant_id, uow, now=now, on_batch=on_batch, after_line=after_line,
        )  # fmt: skip
    return await import_invoices(
        ((r.line, r.item) for r in invoice_rows(chunks, tenant_id, options, member_vat)),
        tenant_id, uow, member_vat=member_vat, now=now, window=window, on_batch=on_batch,
        after_line=after_line,
    )  # fmt: skip


def file_chunks(f: IO[bytes], on_read: Callable[[int], None] = lambda n: None) -> Iterator[bytes]:
    """A file in 64 kB chunks, each counted as it is read (progress)."""
    while data := f.read(CHUNK):
        on_read(len(data))
        yield data
