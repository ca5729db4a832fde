"""The GraphQL schema: queries and mutations over the backend services."""

from __future__ import annotations

import grpc
import grpc.aio
import strawberry
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.extensions.tracing import OpenTelemetryExtension

from benelux.vat import InvalidVatNumber, VatNumber, parse_vat
from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.graphql.errors import PublicError, raise_public, should_mask
from gateway.entrypoints.graphql.types.benchmark import SectorBenchmark
from gateway.entrypoints.graphql.types.company import Company
from gateway.entrypoints.graphql.types.invoice import (
    Invoice,
    InvoicePage,
    RecordPaymentInput,
    SubmitInvoiceInput,
)
from gateway.entrypoints.graphql.types.scalars import pb_date
from kmo.benchmark.v1 import benchmark_pb2
from kmo.ingest.v1 import ingest_pb2
from kmo.types.v1 import types_pb2

Info = strawberry.Info[Context, None]
MAX_PAGE = 500


def vat_input(raw: str) -> VatNumber:
    try:
        return parse_vat(raw)
    except InvalidVatNumber as exc:
        raise PublicError(str(exc), "INVALID_VAT") from exc


@strawberry.type
class Query:
    @strawberry.field(description="A company by VAT number (BE, NL or LU, any common spelling).")
    def company(self, info: Info, vat: str) -> Company:
        info.context.require("risk:read")
        parsed = vat_input(vat)
        return Company(vat=parsed.number, country=parsed.country)

    @strawberry.field(
        description="One of your invoices; null if it is not yours or does not exist."
    )
    async def invoice(self, info: Info, id: strawberry.ID) -> Invoice | None:
        ctx = info.context
        ctx.require("invoices:read", tenant=True)
        try:
            found = await ctx.backends.ingest.GetInvoice(
                ingest_pb2.GetInvoiceRequest(invoice_id=str(id)),
                metadata=ctx.metadata(),
                timeout=ctx.timeout,
            )
        except grpc.aio.AioRpcError as exc:
            if exc.code() == grpc.StatusCode.NOT_FOUND:
                return None
            raise_public(exc)
        return Invoice.from_proto(found)

    @strawberry.field(description="Your invoices, newest first.")
    async def invoices(self, info: Info, first: int = 50, after: str | None = None) -> InvoicePage:
        ctx = info.context
        ctx.require("invoices:read", tenant=True)
        if not 1 <= first <= MAX_PAGE:
            raise PublicError(f"first must be between 1 and {MAX_PAGE}", "INVALID_ARGUMENT")
        try:
            page = await ctx.backends.ingest.ListInvoices(
                ingest_pb2.ListInvoicesRequest(page_size=first, page_token=after or ""),
                metadata=ctx.metadata(),
                timeout=ctx.timeout,
            )
        except grpc.aio.AioRpcError as exc:
            raise_public(exc)
        return InvoicePage(
            items=[Invoice.from_proto(i) for i in page.invoices],
            next_cursor=page.next_page_token or None,
        )

    @strawberry.field(description="Risk scores in one country, optionally one NACE section.")
    async def sector_benchmark(
        self, info: Info, country: str, sector: str | None = None
    ) -> SectorBenchmark:
        ctx = info.context
        ctx.require("risk:read")
        try:
            found = await ctx.backends.benchmark.GetSectorBenchmark(
                benchmark_pb2.GetSectorBenchmarkRequest(country=country, sector=sector or ""),
                metadata=ctx.metadata(),
                timeout=ctx.timeout,
            )
        except grpc.aio.AioRpcError as exc:
            raise_public(exc)
        return SectorBenchmark.from_proto(found)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Record an invoice you sent; emits invoice.recorded.")
    async def submit_invoice(self, info: Info, input: SubmitInvoiceInput) -> Invoice:
        ctx = info.context
        ctx.require("invoices:write", tenant=True)
        request = ingest_pb2.SubmitInvoiceRequest(
            debtor_vat=vat_input(input.debtor_vat).number,
            debtor_name=input.debtor_name,
            debtor_sector=input.debtor_sector,
            invoice_number=input.invoice_number,
            issue_date=pb_date(input.issue_date),
            due_date=pb_date(input.due_date),
            amount=types_pb2.Money(amount=str(input.amount), currency=input.currency),
        )
        try:
            created = await ctx.backends.ingest.SubmitInvoice(
                request, metadata=ctx.metadata(), timeout=ctx.timeout
            )
        except grpc.aio.AioRpcError as exc:
            raise_public(exc)
        return Invoice.from_proto(created)

    @strawberry.mutation(description="Record a payment of one of your invoices.")
    async def record_payment(self, info: Info, input: RecordPaymentInput) -> Invoice:
        ctx = info.context
        ctx.require("invoices:write", tenant=True)
        request = ingest_pb2.RecordPaymentRequest(
            invoice_id=str(input.invoice_id), paid_date=pb_date(input.paid_date)
        )
        if input.amount is not None:
            request.amount.CopyFrom(types_pb2.Money(amount=str(input.amount), currency="EUR"))
        try:
            updated = await ctx.backends.ingest.RecordPayment(
                request, metadata=ctx.metadata(), timeout=ctx.timeout
            )
        except grpc.aio.AioRpcError as exc:
            raise_public(exc)
        return Invoice.from_proto(updated)


schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    extensions=[
        lambda: QueryDepthLimiter(max_depth=10),
        lambda: MaxTokensLimiter(max_token_count=2000),
        lambda: MaxAliasesLimiter(max_alias_count=30),
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        lambda: MaskErrors(should_mask_error=should_mask),
        OpenTelemetryExtension,
    ],
)
