"""The list resolvers against fake backends: what each asks ingest for (page size, cursor,
filter, VAT numbers normalised at the edge), how a page becomes a relay connection, and how
a backend's typed refusal reaches the client."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import grpc
import grpc.aio

from kmo.ingest.v1 import documents_pb2, ingest_pb2


class Ingest:
    def __init__(self) -> None:
        self.asked: list[Any] = []

    async def ListInvoices(self, request: ingest_pb2.ListInvoicesRequest, **call: Any) -> Any:
        self.asked.append(request)
        if request.page_token == "forged":
            raise grpc.aio.AioRpcError(
                grpc.StatusCode.INVALID_ARGUMENT,
                grpc.aio.Metadata(),
                grpc.aio.Metadata(("kmo-error-code", "invalid_page_token")),
                details="page token is not valid",
            )
        return ingest_pb2.ListInvoicesResponse(next_page_token="" if request.page_token else "n2")


class Documents:
    def __init__(self) -> None:
        self.asked: list[documents_pb2.ListDocumentsRequest] = []

    async def ListDocuments(self, request: documents_pb2.ListDocumentsRequest, **call: Any) -> Any:
        self.asked.append(request)
        out = documents_pb2.ListDocumentsResponse(next_page_token="d2")
        doc = out.documents.add(
            id="0b7f", status=documents_pb2.DOCUMENT_STATUS_READY, filename="scan.png"
        )
        doc.uploaded_at.FromDatetime(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
        doc.updated_at.FromDatetime(datetime(2026, 11, 30, 9, 1, tzinfo=UTC))
        return out


async def test_invoices_pass_their_filter_with_the_debtor_vat_made_compact(run: Any) -> None:
    ingest = Ingest()
    query = """{ invoices(first: 25, filter: {statuses: [OPEN, PARTIALLY_PAID],
      debtorVat: "be 0123.456.749", overdue: true, issuedFrom: "2026-01-01"}) {
      pageInfo { hasNextPage endCursor } } }"""

    result = await run(query, backends={"ingest": ingest})

    assert not result.errors, result.errors
    (asked,) = ingest.asked
    assert (asked.page_size, asked.page_token) == (25, "")
    assert list(asked.filter.statuses) == [
        ingest_pb2.INVOICE_STATUS_OPEN,
        ingest_pb2.INVOICE_STATUS_PARTIALLY_PAID,
    ]
    assert (asked.filter.debtor_vat, asked.filter.overdue_only) == ("BE0123456749", True)
    assert (asked.filter.issued_from.year, asked.filter.issued_from.month) == (2026, 1)
    assert result.data == {"invoices": {"pageInfo": {"hasNextPage": True, "endCursor": "n2"}}}


async def test_a_bad_debtor_vat_is_refused_before_ingest_is_asked(run: Any) -> None:
    ingest = Ingest()

    result = await run(
        '{ invoices(filter: {debtorVat: "BE0123456748"}) { nodes { id } } }',
        backends={"ingest": ingest},
    )

    assert result.errors and result.errors[0].extensions == {"code": "INVALID_VAT"}
    assert ingest.asked == []


async def test_a_forged_cursor_comes_back_as_the_backends_typed_code(run: Any) -> None:
    result = await run(
        '{ invoices(after: "forged") { nodes { id } } }', backends={"ingest": Ingest()}
    )

    assert result.errors
    assert result.errors[0].extensions == {"code": "INVALID_PAGE_TOKEN"}
    assert result.errors[0].message == "page token is not valid"


async def test_documents_pass_status_and_upload_window_and_answer_a_connection(run: Any) -> None:
    documents = Documents()
    query = """{ documents(first: 5, after: "d1", filter: {statuses: [READY, FAILED],
      uploadedFrom: "2026-11-01T00:00:00+00:00"}) {
      edges { cursor node { id status filename } } pageInfo { hasNextPage } } }"""

    result = await run(query, backends={"documents": documents})

    assert not result.errors, result.errors
    (asked,) = documents.asked
    assert (asked.page_size, asked.page_token) == (5, "d1")
    assert list(asked.filter.statuses) == [
        documents_pb2.DOCUMENT_STATUS_READY,
        documents_pb2.DOCUMENT_STATUS_FAILED,
    ]
    assert asked.filter.uploaded_from.ToDatetime(UTC) == datetime(2026, 11, 1, tzinfo=UTC)
    assert not asked.filter.HasField("uploaded_to")
    assert result.data == {
        "documents": {
            "edges": [
                {"cursor": "d2", "node": {"id": "0b7f", "status": "READY", "filename": "scan.png"}}
            ],
            "pageInfo": {"hasNextPage": True},
        }
    }


async def test_lists_are_for_members_and_bounded(run: Any) -> None:
    from gateway.domain.model import Principal

    partner = Principal("k9", None, frozenset({"invoices:read", "risk:read"}))
    documents = Documents()

    refused = await run("{ documents { nodes { id } } }", backends={}, principal=partner)
    too_many = await run("{ documents(first: 101) { nodes { id } } }", backends={})

    assert refused.errors and refused.errors[0].extensions == {"code": "FORBIDDEN"}
    assert too_many.errors and too_many.errors[0].extensions == {"code": "INVALID_ARGUMENT"}
    assert documents.asked == []
