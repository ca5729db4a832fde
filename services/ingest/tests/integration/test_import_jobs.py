"""CSV import jobs over real gRPC and PostgreSQL: upload, background run, progress, refused
rows by line, a second tenant, the size limit, a file that is not an export, a replica that
died mid-way, and erasure."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import grpc
import grpc.aio
import pytest
import sqlalchemy as sa

from chassis import db
from chassis.grpc_server import error_code
from chassis.run import started
from devstack.samples import belgian_vat
from devstack.servers import caller_metadata
from devstack.testing import Databases
from ingest import bootstrap
from ingest.adapters.imports import Leases
from ingest.adapters.tables import import_chunks, import_jobs, invoices
from ingest.adapters.uow import SqlUnitOfWork
from ingest.domain.imports import ImportJob, ImportKind, ImportStatus
from ingest.domain.model import DEFAULT_WINDOW
from ingest.entrypoints.import_jobs import ImportRunner
from ingest.service_layer import handlers
from ingest.settings import Settings
from kmo.ingest.v1 import ingest_pb2, ingest_pb2_grpc

TODAY = date.today()


@dataclass
class Service:
    stub: ingest_pb2_grpc.IngestServiceAsyncStub
    url: str
    resources: Any


@pytest.fixture(scope="module")
async def service(
    databases: Databases, nats_url: str, nats_namespace: str
) -> AsyncIterator[Service]:
    url = databases.fresh("ingest_imports")
    settings = Settings(
        database_url=url,
        nats_url=nats_url,
        nats_namespace=f"{nats_namespace}imports",
        grpc_host="127.0.0.1",
        grpc_port=0,
        shutdown_grace_seconds=1.0,
        max_import_bytes=64 * 1024,
    )
    async with started(bootstrap.build(), settings) as running:
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{running.grpc_port}")
        yield Service(ingest_pb2_grpc.IngestServiceStub(channel), url, running.resources)
        await channel.close()
        res = running.resources
        for spec in bootstrap.STREAMS:
            await res.js.delete_stream(res.namespace.stream(spec.name))


def member(
    tenant: str, scopes: str = "invoices:write invoices:read"
) -> tuple[tuple[str, str], ...]:
    return caller_metadata(scopes, tenant)


def invoices_csv(debtor: str, n: int, bad: int = 0) -> bytes:
    day = TODAY - timedelta(days=40)
    due = day + timedelta(days=30)
    rows = ["Factuurnummer;Klant;BTW-nummer;Factuurdatum;Vervaldatum;Bedrag"]
    rows += [
        f"F-{i};Klant BV;{debtor};{day:%d/%m/%Y};{due:%d/%m/%Y};1.000,{i % 100:02d}"
        for i in range(n)
    ]
    rows += [f"X-{i};Klant BV;BE0000000000;{day:%d/%m/%Y};{day:%d/%m/%Y};10,00" for i in range(bad)]
    return ("\n".join(rows) + "\n").encode("cp1252")


def chunks(
    data: bytes,
    kind: ingest_pb2.ImportKind.ValueType = ingest_pb2.IMPORT_KIND_INVOICES,
    size: int = 1000,
) -> Iterator[ingest_pb2.ImportChunk]:
    yield ingest_pb2.ImportChunk(header=ingest_pb2.ImportHeader(kind=kind, filename="../x/exp.csv"))
    for i in range(0, len(data), size):
        yield ingest_pb2.ImportChunk(data=data[i : i + size])


async def finished(service: Service, tenant: str, job_id: str) -> ingest_pb2.ImportJob:
    for _ in range(300):
        job = await service.stub.GetImportJob(
            ingest_pb2.GetImportJobRequest(id=job_id), metadata=member(tenant)
        )
        if job.status in (ingest_pb2.IMPORT_STATUS_DONE, ingest_pb2.IMPORT_STATUS_FAILED):
            return job
        await asyncio.sleep(0.05)
    raise AssertionError(f"job {job_id} still {job.status}")


async def test_an_uploaded_export_is_imported_in_the_background_with_refused_rows_by_line(
    service: Service,
) -> None:
    tenant, debtor = f"m-{uuid.uuid4().hex[:8]}", belgian_vat()
    data = invoices_csv(debtor, 30, bad=2)

    queued = await service.stub.StartImport(chunks(data), metadata=member(tenant, "invoices:write"))
    assert queued.status == ingest_pb2.IMPORT_STATUS_QUEUED
    assert (queued.filename, queued.size_bytes) == ("exp.csv", len(data))
    job = await finished(service, tenant, queued.id)

    assert job.status == ingest_pb2.IMPORT_STATUS_DONE
    assert (job.accepted, job.rejected, job.rows_done) == (30, 2, 32)
    assert [(e.line, e.code) for e in job.errors] == [(32, "invalid_vat"), (33, "invalid_vat")]
    assert job.bytes_done == job.size_bytes and job.HasField("finished_at")
    # The file's bytes are gone once the job is done.
    engine = db.create_engine(service.url, pool_size=1)
    async with engine.connect() as conn:
        left = await conn.scalar(
            sa.select(sa.func.count()).where(import_chunks.c.job_id == queued.id)
        )
    await engine.dispose()
    assert left == 0

    again = await finished(
        service, tenant, (await service.stub.StartImport(chunks(data), metadata=member(tenant))).id
    )
    assert (again.accepted, again.rejected) == (0, 32)
    listed = await service.stub.ListImportJobs(
        ingest_pb2.ListImportJobsRequest(), metadata=member(tenant)
    )
    assert [j.id for j in listed.jobs] == [again.id, queued.id]


async def test_a_payments_export_pays_the_members_invoices_by_number(service: Service) -> None:
    tenant, debtor = f"m-{uuid.uuid4().hex[:8]}", belgian_vat()
    await finished(
        service,
        tenant,
        (
            await service.stub.StartImport(chunks(invoices_csv(debtor, 3)), metadata=member(tenant))
        ).id,
    )
    paid = f"{TODAY - timedelta(days=2):%d/%m/%Y}"
    data = (
        f"Factuurnummer;Betaaldatum;Bedrag\nF-0;{paid};\nF-1;{paid};500,00\nF-7;{paid};\n".encode()
    )

    job = await finished(
        service,
        tenant,
        (
            await service.stub.StartImport(
                chunks(data, ingest_pb2.IMPORT_KIND_PAYMENTS), metadata=member(tenant)
            )
        ).id,
    )

    assert (job.accepted, job.rejected) == (2, 1)
    assert [(e.line, e.code) for e in job.errors] == [(4, "invoice_not_found")]
    listed = await service.stub.ListInvoices(
        ingest_pb2.ListInvoicesRequest(), metadata=member(tenant)
    )
    status = {i.invoice_number: i.status for i in listed.invoices}
    assert status["F-0"] == ingest_pb2.INVOICE_STATUS_PAID
    assert status["F-1"] == ingest_pb2.INVOICE_STATUS_PARTIALLY_PAID


async def test_another_tenant_neither_sees_the_job_nor_pays_its_invoices(service: Service) -> None:
    tenant, other = f"m-{uuid.uuid4().hex[:8]}", f"m-{uuid.uuid4().hex[:8]}"
    job = await service.stub.StartImport(
        chunks(invoices_csv(belgian_vat(), 2)), metadata=member(tenant)
    )
    await finished(service, tenant, job.id)

    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await service.stub.GetImportJob(
            ingest_pb2.GetImportJobRequest(id=job.id), metadata=member(other)
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    assert error_code(caught.value) == "import_not_found"
    mine = await service.stub.ListImportJobs(
        ingest_pb2.ListImportJobsRequest(), metadata=member(other)
    )
    assert list(mine.jobs) == []
    data = f"Factuurnummer;Betaaldatum\nF-0;{TODAY:%d/%m/%Y}\n".encode()
    paying = await service.stub.StartImport(
        chunks(data, ingest_pb2.IMPORT_KIND_PAYMENTS), metadata=member(other)
    )
    done = await finished(service, other, paying.id)
    assert [e.code for e in done.errors] == ["invoice_not_found"]


async def test_too_large_no_header_and_not_an_export_are_refused_with_their_codes(
    service: Service,
) -> None:
    tenant = f"m-{uuid.uuid4().hex[:8]}"
    huge = b"Factuurnummer;Bedrag\n" + b"x" * (65 * 1024)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await service.stub.StartImport(chunks(huge), metadata=member(tenant))
    assert error_code(caught.value) == "import_too_large"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await service.stub.StartImport(
            iter([ingest_pb2.ImportChunk(data=b"a;b\n")]), metadata=member(tenant)
        )
    assert error_code(caught.value) == "invalid_import"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await service.stub.StartImport(
            chunks(b"a;b\n", kind=ingest_pb2.IMPORT_KIND_UNSPECIFIED), metadata=member(tenant)
        )
    assert error_code(caught.value) == "invalid_import"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await service.stub.StartImport(chunks(b"a;b\n"), metadata=member(tenant, "invoices:read"))
    assert error_code(caught.value) == "forbidden"
    listed = await service.stub.ListImportJobs(
        ingest_pb2.ListImportJobsRequest(), metadata=member(tenant)
    )
    assert list(listed.jobs) == []  # nothing was kept of the refused uploads

    notes = await service.stub.StartImport(
        chunks(b"%PDF-1.7 \x00\x01 binary\n"), metadata=member(tenant)
    )
    failed = await finished(service, tenant, notes.id)
    assert failed.status == ingest_pb2.IMPORT_STATUS_FAILED
    assert failed.error_code == "invalid_import" and "no column for" in failed.error_message


async def test_a_job_a_dead_replica_left_half_done_is_resumed_after_its_last_stored_line(
    databases: Databases, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = databases.fresh("ingest_resume")
    db.upgrade_to_head(bootstrap.build().migrations, url)
    engine = db.create_engine(url, pool_size=2)
    sessions = db.session_factory(engine)
    monkeypatch.setattr(handlers, "IMPORT_BATCH", 10)
    tenant, debtor = f"m-{uuid.uuid4().hex[:8]}", belgian_vat()
    data = invoices_csv(debtor, 35)

    async def upload() -> str:
        async def parts() -> AsyncIterator[bytes]:
            yield data

        job = ImportJob(
            str(uuid.uuid4()),
            tenant,
            ImportKind.INVOICES,
            ImportStatus.QUEUED,
            "a.csv",
            0,
            datetime.now(UTC),
        )
        async with SqlUnitOfWork(sessions, lambda: None) as work:
            await work.imports.create(job, parts(), 1 << 20)
            await work.commit()
        return job.id

    job_id = await upload()
    # The first replica dies during its third batch: two batches (20 rows) are stored.
    stored = 0

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions, lambda: None)

    class Dies(SqlUnitOfWork):
        async def commit(self, *aggregates: Any) -> None:
            nonlocal stored
            if stored == 2:
                raise ConnectionResetError("killed")
            await super().commit(*aggregates)
            stored += 1

    first = ImportRunner(Leases(engine), lambda: Dies(sessions, lambda: None), DEFAULT_WINDOW)
    assert await first.run_next()
    await first.leases.close()  # the dead replica's connection goes, and its lease with it
    async with engine.connect() as conn:
        row = (await conn.execute(sa.select(import_jobs).where(import_jobs.c.id == job_id))).one()
    assert (row.status, row.last_line, row.accepted) == ("running", 21, 20)

    second = ImportRunner(Leases(engine), uow, DEFAULT_WINDOW)
    assert await second.run_next()
    await second.leases.close()
    async with engine.connect() as conn:
        row = (await conn.execute(sa.select(import_jobs).where(import_jobs.c.id == job_id))).one()
        count = await conn.scalar(sa.select(sa.func.count()).where(invoices.c.tenant_id == tenant))
    assert (row.status, row.accepted, row.rejected, row.attempts) == ("done", 35, 0, 2)
    assert count == 35
    await engine.dispose()


async def test_two_replicas_never_run_the_same_job(databases: Databases) -> None:
    url = databases.fresh("ingest_leases")
    db.upgrade_to_head(bootstrap.build().migrations, url)
    engine = db.create_engine(url, pool_size=2)
    sessions = db.session_factory(engine)

    async def parts() -> AsyncIterator[bytes]:
        yield b"Factuurnummer\n"

    job = ImportJob(
        str(uuid.uuid4()),
        "t",
        ImportKind.INVOICES,
        ImportStatus.QUEUED,
        "a.csv",
        0,
        datetime.now(UTC),
    )
    async with SqlUnitOfWork(sessions, lambda: None) as work:
        await work.imports.create(job, parts(), 1 << 20)
        await work.commit()
    one, two = Leases(engine), Leases(engine)
    taken = await one.take_next()
    assert taken is not None and taken.id == job.id
    assert await two.take_next() is None  # leased to the first
    await one.close()  # its replica died: the lease goes with its connection
    # The server ends the dead connection's session (and its locks) a moment after the
    # socket closes: wait for that, bounded, rather than race it.
    again = await two.take_next()
    async with asyncio.timeout(10):
        while again is None:
            await asyncio.sleep(0.05)
            again = await two.take_next()
    assert again is not None and again.id == job.id and again.attempts == 2
    await two.close()
    await engine.dispose()
