"""CSV imports through the gateway's real HTTP stack (guard, Strawberry view, schema) in front
of a fake ingest: the upload streams to StartImport in chunks, multipart bodies may be as
large as an import while JSON keeps its cap, and the job is read back with its progress."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import tracemalloc
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import grpc
import grpc.aio
import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from gateway.domain.model import Principal
from gateway.entrypoints.graphql.schema import schema
from gateway.entrypoints.graphql.types.imports import ImportJob
from gateway.entrypoints.http import GatewayGraphQL, Guard
from kmo.ingest.v1 import ingest_pb2

MiB = 1024 * 1024
JSON_CAP = 1 * MiB
MULTIPART_CAP = 40 * MiB
IMPORT_CAP = 32 * MiB

KEYS = {
    "member": Principal("k1", "tenant-1", frozenset({"invoices:write", "invoices:read"}), "BE1"),
    "writer": Principal("k2", "tenant-1", frozenset({"invoices:write"}), "BE1"),
    "reader": Principal("k3", "tenant-1", frozenset({"invoices:read"}), "BE1"),
    "risk": Principal("k4", "tenant-1", frozenset({"risk:read"}), "BE1"),
    "partner": Principal("k5", None, frozenset({"invoices:read", "invoices:write"})),
}

IMPORT = """mutation($file: Upload!, $kind: ImportKind!, $options: CsvOptionsInput) {
  importCsv(file: $file, kind: $kind, options: $options) {
    id kind status filename sizeBytes progress errors { line } }
}"""
JOB = """query($id: ID!) { importJob(id: $id) {
  id status progress bytesDone rowsDone accepted rejected errorCode finishedAt createdAt
  errors(first: 2) { line code message } } }"""


class FakeKeys:
    async def authenticate(self, token: str) -> Principal | None:
        return KEYS.get(token)

    def revoked(self, key_id: str) -> bool:
        return False

    def watching(self, key_id: str) -> contextlib.nullcontext[asyncio.Event]:
        return contextlib.nullcontext(asyncio.Event())


class FakeIngest:
    """StartImport as ingest answers it, remembering what streamed in (not the bytes)."""

    def __init__(self) -> None:
        self.header: ingest_pb2.ImportHeader | None = None
        self.chunk_sizes: list[int] = []
        self.digest = ""
        self.metadata: Any = None
        self.timeout: float | None = None
        self.jobs: dict[str, ingest_pb2.ImportJob] = {}

    async def StartImport(
        self,
        chunks: AsyncIterator[ingest_pb2.ImportChunk],
        **call: Any,  # metadata, timeout
    ) -> ingest_pb2.ImportJob:
        self.metadata, self.timeout = call.get("metadata"), call.get("timeout")
        seen = hashlib.sha256()
        async for chunk in chunks:
            if chunk.WhichOneof("part") == "header":
                assert self.header is None and not self.chunk_sizes, "the header comes first"
                self.header = chunk.header
            else:
                self.chunk_sizes.append(len(chunk.data))
                seen.update(chunk.data)
        self.digest = seen.hexdigest()
        assert self.header is not None
        job = ingest_pb2.ImportJob(
            id=f"job-{len(self.jobs) + 1}",
            kind=self.header.kind,
            status=ingest_pb2.IMPORT_STATUS_QUEUED,
            filename=self.header.filename,
            size_bytes=sum(self.chunk_sizes),
        )
        job.created_at.FromDatetime(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
        self.jobs[job.id] = job
        return job

    async def GetImportJob(
        self, request: ingest_pb2.GetImportJobRequest, **call: Any
    ) -> ingest_pb2.ImportJob:
        if request.id not in self.jobs:
            raise grpc.aio.AioRpcError(
                grpc.StatusCode.NOT_FOUND,
                grpc.aio.Metadata(),
                grpc.aio.Metadata(("kmo-error-code", "import_not_found")),
                details="no import job",
            )
        return self.jobs[request.id]

    async def ListImportJobs(
        self, request: ingest_pb2.ListImportJobsRequest, **call: Any
    ) -> ingest_pb2.ListImportJobsResponse:
        self.listed = request
        return ingest_pb2.ListImportJobsResponse(
            jobs=list(self.jobs.values())[: request.page_size], next_page_token="next"
        )


@pytest.fixture
def ingest() -> FakeIngest:
    return FakeIngest()


async def echo_form(request: Request) -> Response:
    """A stand-in for the GraphQL view: parses the body like Strawberry does."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form()
        upload = form["0"]
        assert not isinstance(upload, str)
        return JSONResponse({"size": upload.size})
    return JSONResponse({"size": len(await request.body())})


def gateway_app(ingest: FakeIngest) -> Starlette:
    view = GatewayGraphQL(schema, graphql_ide=None, multipart_uploads_enabled=True)
    app = Starlette(
        routes=[
            Route("/graphql", view, methods=["GET", "POST"]),
            Route("/echo", echo_form, methods=["POST"]),
        ],
        middleware=[
            Middleware(Guard, max_bytes=JSON_CAP, max_multipart_bytes=MULTIPART_CAP),
        ],
    )
    app.state.keys = FakeKeys()
    unused = SimpleNamespace(BatchGetRiskProfiles=None, BatchGetCompanyPositions=None)
    app.state.backends = SimpleNamespace(ingest=ingest, scoring=unused, benchmark=unused)
    app.state.rpc_timeout = 5.0
    app.state.internal_key = "k" * 32
    app.state.notices = None
    app.state.max_document_bytes = 10 * MiB
    app.state.max_import_bytes = IMPORT_CAP
    return app


@pytest.fixture
async def client(ingest: FakeIngest) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=gateway_app(ingest))
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as c:
        yield c


def multipart(
    query: str, variables: dict[str, Any], content: bytes | None = None
) -> dict[str, Any]:
    return {
        "data": {
            "operations": json.dumps({"query": query, "variables": {**variables, "file": None}}),
            "map": json.dumps({"0": ["variables.file"]}),
        },
        "files": {"0": ("export.csv", content or b"", "text/csv")},
    }


async def import_csv(
    client: httpx.AsyncClient,
    content: bytes,
    key: str = "member",
    kind: str = "INVOICES",
    options: dict[str, Any] | None = None,
) -> dict[str, Any]:
    response = await client.post(
        "/graphql",
        headers={"Authorization": f"Bearer {key}"},
        **multipart(IMPORT, {"kind": kind, "options": options}, content),
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def graphql(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any], key: str = "member"
) -> dict[str, Any]:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {key}"},
    )
    body: dict[str, Any] = response.json()
    return body


# --- the upload streams to StartImport -----------------------------------------------------


async def test_an_upload_streams_to_ingest_as_a_header_then_chunks_of_at_most_a_mebibyte(
    client: httpx.AsyncClient, ingest: FakeIngest
) -> None:
    content = b"Factuurnummer;Betaaldatum\n" + b"F-1;01/10/2026\n" * 250_000  # 3.6 MB

    body = await import_csv(
        client,
        content,
        kind="PAYMENTS",
        options={
            "encoding": "cp1252",
            "delimiter": ";",
            "monthFirst": True,
            "columns": [{"header": "Ref", "field": "INVOICE_NUMBER"}],
        },
    )

    job = body["data"]["importCsv"]
    assert job["kind"] == "PAYMENTS" and job["status"] == "QUEUED"
    assert (job["filename"], job["sizeBytes"], job["progress"]) == ("export.csv", len(content), 0)
    assert ingest.header == ingest_pb2.ImportHeader(
        kind=ingest_pb2.IMPORT_KIND_PAYMENTS,
        filename="export.csv",
        encoding="cp1252",
        delimiter=";",
        month_first=True,
        columns={"Ref": "invoice_number"},
    )
    assert ingest.chunk_sizes == [MiB, MiB, MiB, len(content) - 3 * MiB]
    assert ingest.digest == hashlib.sha256(content).hexdigest()
    assert ("kmo-tenant-id", "tenant-1") in ingest.metadata


async def test_a_large_import_gets_a_deadline_that_grows_with_the_file(
    client: httpx.AsyncClient, ingest: FakeIngest
) -> None:
    await import_csv(client, b"x" * (12 * MiB))

    assert ingest.timeout is not None and ingest.timeout > 5.0 + 5


async def test_the_defaults_are_an_invoices_export_with_everything_detected(
    client: httpx.AsyncClient, ingest: FakeIngest
) -> None:
    response = await client.post(
        "/graphql",
        headers={"Authorization": "Bearer member"},
        **multipart("mutation($file: Upload!) { importCsv(file: $file) { id } }", {}, b"a;b\n"),
    )

    assert response.json()["data"]["importCsv"]["id"] == "job-1"
    assert ingest.header == ingest_pb2.ImportHeader(
        kind=ingest_pb2.IMPORT_KIND_INVOICES, filename="export.csv"
    )


async def test_a_file_over_the_import_limit_is_refused_before_anything_streams(
    client: httpx.AsyncClient, ingest: FakeIngest
) -> None:
    body = await import_csv(client, b"x" * (IMPORT_CAP + 1))

    assert body["errors"][0]["extensions"]["code"] == "IMPORT_TOO_LARGE"
    assert ingest.header is None


async def test_a_large_upload_passes_the_gateway_without_being_held_in_memory(
    client: httpx.AsyncClient, ingest: FakeIngest
) -> None:
    size = 24 * MiB  # over twice the JSON cap of the real gateway, and over this one's

    async def body() -> AsyncIterator[bytes]:
        boundary = b"--kmoboundary"
        operations = json.dumps({"query": IMPORT, "variables": {"file": None, "kind": "INVOICES"}})
        yield b'%s\r\nContent-Disposition: form-data; name="operations"\r\n\r\n%s\r\n' % (
            boundary,
            operations.encode(),
        )
        yield (
            b'%s\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0": ["variables.file"]}\r\n'
            % (boundary)
        )
        yield b'%s\r\nContent-Disposition: form-data; name="0"; filename="big.csv"\r\n\r\n' % (
            boundary
        )
        line = b"F-1;BE0403170701;15/10/2026;14/11/2026;1.234,56\n"
        for _ in range(size // (64 * 1024)):
            yield (line * (64 * 1024 // len(line) + 1))[: 64 * 1024]
        yield b"\r\n%s--\r\n" % boundary

    tracemalloc.start()
    try:
        response = await client.post(
            "/graphql",
            content=body(),  # streamed: no Content-Length
            headers={
                "Authorization": "Bearer member",
                "Content-Type": "multipart/form-data; boundary=kmoboundary",
            },
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert response.status_code == 200, response.text
    assert response.json()["data"]["importCsv"]["sizeBytes"] == size
    assert len(ingest.chunk_sizes) == 24
    assert peak < 8 * MiB, f"{peak / MiB:.1f} MiB held for a {size / MiB:.0f} MiB upload"


# --- scopes --------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["reader", "risk", "partner"])
async def test_only_a_members_key_with_invoices_write_may_import(
    client: httpx.AsyncClient, ingest: FakeIngest, key: str
) -> None:
    body = await import_csv(client, b"a;b\n", key=key)

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert ingest.header is None


@pytest.mark.parametrize("key", ["member", "writer", "reader"])
async def test_a_key_that_writes_or_reads_invoices_follows_the_members_jobs(
    client: httpx.AsyncClient, key: str
) -> None:
    started = (await import_csv(client, b"a;b\n"))["data"]["importCsv"]

    one = await graphql(client, JOB, {"id": started["id"]}, key=key)
    listed = await graphql(client, "{ importJobs { nodes { id } } }", {}, key=key)

    assert one["data"]["importJob"]["id"] == started["id"]
    assert listed["data"]["importJobs"] == {"nodes": [{"id": started["id"]}]}


@pytest.mark.parametrize("key", ["risk", "partner"])
async def test_a_key_without_invoice_scopes_or_member_cannot_see_import_jobs(
    client: httpx.AsyncClient, key: str
) -> None:
    body = await graphql(client, "{ importJobs { nodes { id } } }", {}, key=key)

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_an_unknown_job_is_null(client: httpx.AsyncClient) -> None:
    body = await graphql(client, JOB, {"id": "00000000-0000-0000-0000-000000000000"})

    assert body == {"data": {"importJob": None}}


@pytest.mark.parametrize("first", [0, 101])
async def test_the_jobs_page_is_between_1_and_100(client: httpx.AsyncClient, first: int) -> None:
    body = await graphql(
        client, "query($n: Int!) { importJobs(first: $n) { nodes { id } } }", {"n": first}
    )

    assert body["errors"][0]["extensions"]["code"] == "INVALID_ARGUMENT"


async def test_the_jobs_page_passes_its_cursor_and_filter_to_ingest(
    client: httpx.AsyncClient, ingest: FakeIngest
) -> None:
    await import_csv(client, b"a;b\n")
    query = """{ importJobs(first: 5, after: "c1", filter: {statuses: [DONE, FAILED],
      kinds: [PAYMENTS]}) { edges { cursor } pageInfo { hasNextPage endCursor } } }"""

    body = await graphql(client, query, {})

    asked = ingest.listed
    assert (asked.page_size, asked.page_token) == (5, "c1")
    assert list(asked.filter.statuses) == [
        ingest_pb2.IMPORT_STATUS_DONE,
        ingest_pb2.IMPORT_STATUS_FAILED,
    ]
    assert list(asked.filter.kinds) == [ingest_pb2.IMPORT_KIND_PAYMENTS]
    assert body["data"]["importJobs"] == {
        "edges": [{"cursor": "next"}],
        "pageInfo": {"hasNextPage": True, "endCursor": "next"},
    }


# --- the request body caps -----------------------------------------------------------------


async def test_a_json_body_keeps_the_request_cap(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/echo", content=b"{" + b" " * JSON_CAP + b"}", headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_a_multipart_body_may_be_over_the_json_cap(client: httpx.AsyncClient) -> None:
    response = await client.post("/echo", **multipart("{ __typename }", {}, b"x" * (3 * MiB)))

    assert response.status_code == 200
    assert response.json() == {"size": 3 * MiB}


async def test_a_multipart_body_over_its_cap_is_refused_by_its_declared_length(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/echo", **multipart("{}", {}, b"x" * MULTIPART_CAP))

    assert response.status_code == 413
    assert f"over {MULTIPART_CAP} bytes" in response.json()["errors"][0]["message"]


async def test_a_streamed_multipart_body_growing_over_its_cap_is_refused(
    client: httpx.AsyncClient,
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'--b\r\nContent-Disposition: form-data; name="0"; filename="x"\r\n\r\n'
        for _ in range(MULTIPART_CAP // MiB + 1):
            yield b"x" * MiB

    response = await client.post(
        "/echo", content=chunks(), headers={"Content-Type": "multipart/form-data; boundary=b"}
    )

    assert response.status_code == 413


async def test_the_guard_passes_the_body_on_as_it_arrives() -> None:
    produced = [0]
    seen_at: list[int] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            seen_at.append(produced[0])  # chunks the client had sent when this one arrived
            if not message.get("more_body"):
                break
        await Response("ok")(scope, receive, send)

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(5):
            produced[0] += 1
            yield b"z" * 100

    guarded = Guard(app, max_bytes=1000)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=guarded)) as c:
        response = await c.post("http://gateway/graphql", content=chunks())

    assert response.status_code == 200
    assert seen_at[:5] == [1, 2, 3, 4, 5]


# --- the job as GraphQL shows it -----------------------------------------------------------


def job_pb(**fields: Any) -> ingest_pb2.ImportJob:
    msg = ingest_pb2.ImportJob(
        id="j", kind=ingest_pb2.IMPORT_KIND_INVOICES, filename="f.csv", **fields
    )
    msg.created_at.FromDatetime(datetime(2026, 11, 2, tzinfo=UTC))
    return msg


def test_progress_is_the_share_of_the_file_read() -> None:
    running = job_pb(status=ingest_pb2.IMPORT_STATUS_RUNNING, size_bytes=400, bytes_done=100)
    queued = job_pb(status=ingest_pb2.IMPORT_STATUS_QUEUED)
    done = job_pb(status=ingest_pb2.IMPORT_STATUS_DONE, size_bytes=400, bytes_done=380)

    assert ImportJob.from_proto(running).progress() == 0.25
    assert ImportJob.from_proto(queued).progress() == 0.0
    assert ImportJob.from_proto(done).progress() == 1.0


async def test_a_finished_job_shows_its_refused_rows_with_upper_case_codes(
    client: httpx.AsyncClient, ingest: FakeIngest
) -> None:
    job = job_pb(
        status=ingest_pb2.IMPORT_STATUS_DONE,
        size_bytes=90, bytes_done=90, rows_done=5, accepted=2, rejected=3,
        errors=[
            ingest_pb2.ImportRowError(line=3, code="invalid_vat", message="bad check digit"),
            ingest_pb2.ImportRowError(line=4, code="invalid_invoice", message="bad date"),
            ingest_pb2.ImportRowError(line=6, code="duplicate_invoice", message="known"),
        ],
    )  # fmt: skip
    job.finished_at.FromDatetime(datetime(2026, 11, 2, 0, 1, tzinfo=UTC))
    ingest.jobs["j"] = job

    found = (await graphql(client, JOB, {"id": "j"}))["data"]["importJob"]

    assert found["status"] == "DONE" and found["progress"] == 1.0
    assert (found["rowsDone"], found["accepted"], found["rejected"]) == (5, 2, 3)
    assert found["errors"] == [
        {"line": 3, "code": "INVALID_VAT", "message": "bad check digit"},
        {"line": 4, "code": "INVALID_INVOICE", "message": "bad date"},
    ]
    assert (found["createdAt"], found["finishedAt"]) == (
        "2026-11-02T00:00:00+00:00",
        "2026-11-02T00:01:00+00:00",
    )
    assert found["errorCode"] is None


def test_a_failed_job_says_why_in_an_upper_case_code() -> None:
    failed = job_pb(
        status=ingest_pb2.IMPORT_STATUS_FAILED,
        error_code="invalid_import",
        error_message="the column amount is missing",
    )

    shown = ImportJob.from_proto(failed)

    assert (shown.error_code, shown.finished_at) == ("INVALID_IMPORT", None)
