"""Accounting CSV exports imported as background jobs: start one, then poll it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, AsyncIterator
from typing import cast

import strawberry
from starlette.datastructures import UploadFile
from strawberry.file_uploads import Upload

from chassis.limits import rpc_limit
from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.graphql.errors import PublicError, check_page
from gateway.entrypoints.graphql.types.imports import (
    KIND_PB,
    CsvOptionsInput,
    ImportJob,
    ImportJobFilterInput,
    ImportKind,
)
from gateway.entrypoints.graphql.types.pagination import Connection
from kmo.ingest.v1 import ingest_pb2
from kmo.types.v1 import types_pb2

Info = strawberry.Info[Context, None]

CHUNK_BYTES = 1024 * 1024  # the contract's largest data message
MAX_JOBS_PAGE = rpc_limit(ingest_pb2, "IngestService.ListImportJobs", types_pb2.max_page_size)
# StartImport's deadline grows with the file: the normal deadline plus the time the file
# takes at this (slow) rate, so a 256 MB file gets about two minutes more, not ten seconds.
STREAM_FLOOR_BYTES_PER_SECOND = 2 * 1024 * 1024

IMPORT_CSV = """Import an accounting CSV export as a background job and return it QUEUED; \
poll it with importJob(id) until DONE (accepted, rejected, errors by line) or FAILED \
(errorCode: the file as a whole was refused, e.g. a required column is missing). Needs \
invoices:write. At most 256 MB.
Each row is judged like submitInvoices (kind INVOICES) or recordPayments (kind PAYMENTS): a \
bad row is refused with its line and code (INVALID_VAT, INVALID_INVOICE, INVALID_PAYMENT, \
DUPLICATE_INVOICE, DUPLICATE_PAYMENT, INVOICE_NOT_FOUND, ...), the good ones are stored; \
importing the same file again stores nothing (every row a duplicate).
The encoding (UTF-8 or Windows-1252) and the delimiter (; , tab |) are detected; amounts may \
use a decimal comma (1.234,56) or point; dates are day first (15/10/2026) unless \
options.monthFirst, and ISO dates (2026-10-15) always read.
Headers recognised (Dutch / French / English; case, accents and punctuation ignored):
- invoices: factuurnummer / n° de facture / invoice number; btw-nummer / n° TVA / VAT \
number; klant / nom du client / customer; factuurdatum / date de facture / invoice date; \
vervaldatum / date d'échéance / due date; bedrag / montant / amount; munt / devise / \
currency; sector / secteur (NACE code). Required: invoice number, VAT number, both dates \
and the amount.
- payments: factuurnummer / invoice number; betaaldatum / date de paiement / paid date / \
payment date; bedrag / montant / amount (optional: empty means what is still open).
Map other headers with options.columns.
Errors: IMPORT_TOO_LARGE, INVALID_IMPORT (options the register cannot use, an empty file); \
a request body over the limit gets HTTP 413 PAYLOAD_TOO_LARGE."""


async def _chunks(
    header: ingest_pb2.ImportHeader, file: UploadFile
) -> AsyncIterator[ingest_pb2.ImportChunk]:
    """The header, then the file from its spooled copy one chunk at a time (never whole)."""
    yield ingest_pb2.ImportChunk(header=header)
    await file.seek(0)
    while data := await file.read(CHUNK_BYTES):
        yield ingest_pb2.ImportChunk(data=data)


@strawberry.type
class ImportMutation:
    @strawberry.mutation(description=IMPORT_CSV, name="importCsv")
    async def import_csv(
        self,
        info: Info,
        file: Upload,
        kind: ImportKind = ImportKind.INVOICES,
        options: CsvOptionsInput | None = None,
    ) -> ImportJob:
        ctx = info.context
        ctx.require("invoices:write", tenant=True)
        upload = cast(UploadFile, file)  # what Starlette's multipart parser hands over
        if upload.size is not None and upload.size > ctx.max_import_bytes:
            raise PublicError(
                f"imports are limited to {ctx.max_import_bytes} bytes", "IMPORT_TOO_LARGE"
            )
        header = ingest_pb2.ImportHeader(kind=KIND_PB[kind], filename=upload.filename or "")
        (options or CsvOptionsInput()).to_header(header)
        timeout = ctx.timeout + (upload.size or ctx.max_import_bytes) / (
            STREAM_FLOOR_BYTES_PER_SECOND
        )
        job = await ctx.call(
            ctx.backends.ingest.StartImport, _chunks(header, upload), timeout=timeout
        )
        return ImportJob.from_proto(job)


@strawberry.type
class ImportQuery:
    @strawberry.field(
        description="One of your CSV import jobs, with its progress and refused rows; null if "
        "it is not yours or does not exist. Needs invoices:write or invoices:read."
    )
    async def import_job(self, info: Info, id: strawberry.ID) -> ImportJob | None:
        ctx = info.context
        _reads_imports(ctx)
        job = await ctx.find(
            ctx.backends.ingest.GetImportJob, ingest_pb2.GetImportJobRequest(id=str(id))
        )
        return None if job is None else ImportJob.from_proto(job)

    @strawberry.field(
        description="Your CSV import jobs, newest first, filtered; at most 100 a page. Needs "
        "invoices:write or invoices:read."
    )
    async def import_jobs(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        filter: ImportJobFilterInput | None = None,
    ) -> Connection[ImportJob]:
        ctx = info.context
        _reads_imports(ctx)
        check_page(first, MAX_JOBS_PAGE)
        request = ingest_pb2.ListImportJobsRequest(page_size=first, page_token=after or "")
        if filter is not None:
            request.filter.CopyFrom(filter.to_proto())
        found = await ctx.call(ctx.backends.ingest.ListImportJobs, request)
        return Connection.of([ImportJob.from_proto(j) for j in found.jobs], found.next_page_token)


PROGRESS_POLL_SECONDS = 0.5
FINISHED = (ingest_pb2.IMPORT_STATUS_DONE, ingest_pb2.IMPORT_STATUS_FAILED)


@strawberry.type
class ImportSubscription:
    @strawberry.subscription(
        description="One of your CSV import jobs as it runs: its state now, then each time "
        "its status or counts change, until DONE or FAILED (then the stream ends). NOT_FOUND "
        "if it is not yours. Needs invoices:write or invoices:read."
    )
    async def import_progress(
        self, info: Info, id: strawberry.ID
    ) -> AsyncGenerator[ImportJob, None]:
        ctx = info.context
        _reads_imports(ctx)
        principal = ctx.principal
        assert principal is not None
        request = ingest_pb2.GetImportJobRequest(id=str(id))
        last: tuple[object, ...] | None = None
        with ctx.watching(principal.key_id) as revoked:
            while not revoked.is_set():
                job = await ctx.find(ctx.backends.ingest.GetImportJob, request)
                if job is None:
                    raise PublicError("no import job of yours with that id", "NOT_FOUND")
                seen = (job.status, job.bytes_done, job.rows_done, job.accepted, job.rejected)
                if seen != last:
                    last = seen
                    yield ImportJob.from_proto(job)
                if job.status in FINISHED:
                    return
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(revoked.wait(), PROGRESS_POLL_SECONDS)
        raise PublicError("this API key was revoked", "UNAUTHENTICATED")


def _reads_imports(ctx: Context) -> None:
    """The member that imports may follow its jobs with a write-only key."""
    writes = ctx.principal is not None and ctx.principal.has("invoices:write")
    ctx.require("invoices:write" if writes else "invoices:read", tenant=True)
