"""The GraphQL schema: queries and mutations over the backend services."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import strawberry
from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    GraphQLError,
)
from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext
from strawberry.utils.logging import StrawberryLogger

from chassis.limits import rpc_limit
from gateway.entrypoints.graphql.batch import check_batch
from gateway.entrypoints.graphql.companies import CompanyQuery
from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.graphql.cost import CostBudget
from gateway.entrypoints.graphql.documents import DocumentMutation, DocumentQuery, Subscription
from gateway.entrypoints.graphql.errors import PublicError, check_page, should_mask
from gateway.entrypoints.graphql.imports import ImportMutation, ImportQuery, ImportSubscription
from gateway.entrypoints.graphql.keys import KeyMutation, KeyQuery
from gateway.entrypoints.graphql.partners import (
    PartnerMutation,
    PartnerQuery,
    PartnerSubscription,
)
from gateway.entrypoints.graphql.tracing import Tracing, trace_root_fields
from gateway.entrypoints.graphql.types.benchmark import PeerGroup, SectorBenchmark, SectorSize
from gateway.entrypoints.graphql.types.bulk import BulkInvoiceResult, ItemError
from gateway.entrypoints.graphql.types.company import Company, read_prefetched_directly
from gateway.entrypoints.graphql.types.invoice import (
    Invoice,
    InvoiceFilterInput,
    RecordPaymentInput,
    SubmitInvoiceInput,
    refuse_reading_back,
)
from gateway.entrypoints.graphql.types.pagination import Connection
from gateway.entrypoints.graphql.types.scalars import pb_date
from gateway.entrypoints.graphql.vat import vat_input
from kmo.benchmark.v1 import benchmark_pb2
from kmo.ingest.v1 import ingest_pb2
from kmo.types.v1 import types_pb2

log = logging.getLogger(__name__)
Info = strawberry.Info[Context, None]
MAX_PAGE = rpc_limit(ingest_pb2, "IngestService.ListInvoices", types_pb2.max_page_size)


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
        found = await ctx.find(
            ctx.backends.ingest.GetInvoice, ingest_pb2.GetInvoiceRequest(invoice_id=str(id))
        )
        if found is None:
            return None
        return Invoice.from_proto(found)

    @strawberry.field(description="Your invoices, newest first, filtered.")
    async def invoices(
        self,
        info: Info,
        first: int = 50,
        after: str | None = None,
        filter: InvoiceFilterInput | None = None,
    ) -> Connection[Invoice]:
        ctx = info.context
        ctx.require("invoices:read", tenant=True)
        check_page(first, MAX_PAGE)
        request = ingest_pb2.ListInvoicesRequest(page_size=first, page_token=after or "")
        if filter is not None:
            debtor = vat_input(filter.debtor_vat).number if filter.debtor_vat else ""
            request.filter.CopyFrom(filter.to_proto(debtor))
        page = await ctx.call(ctx.backends.ingest.ListInvoices, request)
        return Connection.of([Invoice.from_proto(i) for i in page.invoices], page.next_page_token)

    @strawberry.field(
        description='A peer group\'s figures: a country ("BE", "NL", "LU", or "BNL" for the '
        'Benelux), optionally one NACE section ("F") or division ("41"). A group under the '
        "privacy floor is withheld and the next wider group answers."
    )
    async def sector_benchmark(
        self, info: Info, country: str, sector: str | None = None
    ) -> SectorBenchmark:
        ctx = info.context
        ctx.require("risk:read")
        found = await ctx.call(
            ctx.backends.benchmark.GetSectorBenchmark,
            benchmark_pb2.GetSectorBenchmarkRequest(country=country, sector=sector or ""),
        )
        return SectorBenchmark.from_proto(found)

    @strawberry.field(description="The peer groups of a country (or all) with their sizes.")
    async def sectors(self, info: Info, country: str | None = None) -> list[SectorSize]:
        ctx = info.context
        ctx.require("risk:read")
        found = await ctx.call(
            ctx.backends.benchmark.ListSectors,
            benchmark_pb2.ListSectorsRequest(country=country or ""),
        )
        out = []
        for s in found.sectors:
            group = PeerGroup.from_proto(s.group)
            assert group is not None
            out.append(SectorSize(group=group, withheld=s.withheld))
        return out


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Record an invoice you sent; emits invoice.recorded.")
    async def submit_invoice(self, info: Info, input: SubmitInvoiceInput) -> Invoice:
        ctx = info.context
        ctx.require("invoices:write", tenant=True)
        refuse_reading_back(info)
        request = input.to_proto(vat_input(input.debtor_vat).number)
        created = await ctx.call(ctx.backends.ingest.SubmitInvoice, request)
        return Invoice.from_proto(created)

    @strawberry.mutation(description="Record a payment of one of your invoices.")
    async def record_payment(self, info: Info, input: RecordPaymentInput) -> Invoice:
        ctx = info.context
        ctx.require("invoices:write", tenant=True)
        refuse_reading_back(info)
        updated = await ctx.call(ctx.backends.ingest.RecordPayment, input.to_proto())
        return Invoice.from_proto(updated)

    @strawberry.mutation(
        description="Record up to 500 invoices at once. Each input is checked like "
        "submitInvoice; a bad one gets its own error and the good ones are stored."
    )
    async def submit_invoices(
        self, info: Info, inputs: list[SubmitInvoiceInput]
    ) -> BulkInvoiceResult:
        ctx = info.context
        ctx.require("invoices:write", tenant=True)
        refuse_reading_back(info)
        check_batch(info, len(inputs))
        early: dict[int, ItemError] = {}
        request = ingest_pb2.SubmitInvoicesRequest()
        for index, item in enumerate(inputs):
            try:
                vat = vat_input(item.debtor_vat).number
            except PublicError as exc:
                early[index] = ItemError(code=exc.extensions["code"], message=exc.message)
                continue
            request.invoices.append(item.to_proto(vat))
        results: list[ingest_pb2.SubmitInvoiceResult] = []
        if request.invoices:
            response = await ctx.call(ctx.backends.ingest.SubmitInvoices, request)
            results = list(response.results)
        return BulkInvoiceResult.merge(len(inputs), early, results)

    @strawberry.mutation(
        description="Record up to 500 payments of your invoices at once, in order. Each "
        "input is checked like recordPayment; a bad one does not stop the others."
    )
    async def record_payments(
        self, info: Info, inputs: list[RecordPaymentInput]
    ) -> BulkInvoiceResult:
        ctx = info.context
        ctx.require("invoices:write", tenant=True)
        refuse_reading_back(info)
        check_batch(info, len(inputs))
        request = ingest_pb2.RecordPaymentsRequest(payments=[i.to_proto() for i in inputs])
        results: list[ingest_pb2.RecordPaymentResult] = []
        if request.payments:
            response = await ctx.call(ctx.backends.ingest.RecordPayments, request)
            results = list(response.results)
        return BulkInvoiceResult.merge(len(inputs), {}, results)


@strawberry.type
class InvoiceLifeMutation:
    """The rest of an invoice's life; each change reaches scoring as invoice.updated."""

    @strawberry.mutation(description="Correct the amount and/or due date you entered.")
    async def correct_invoice(
        self,
        info: Info,
        invoice_id: strawberry.ID,
        amount: Decimal | None = None,
        due_date: date | None = None,
    ) -> Invoice:
        correction = ingest_pb2.Correction()
        if amount is not None:
            correction.amount.CopyFrom(types_pb2.Money(amount=str(amount), currency="EUR"))
        if due_date is not None:
            correction.due_date.CopyFrom(pb_date(due_date))
        return await _change(
            info, ingest_pb2.ChangeInvoiceRequest(invoice_id=str(invoice_id), correct=correction)
        )

    @strawberry.mutation(description="Record a credit note against the invoice.")
    async def credit_invoice(
        self, info: Info, invoice_id: strawberry.ID, amount: Decimal, credit_note_number: str
    ) -> Invoice:
        note = ingest_pb2.CreditNote(
            number=credit_note_number, amount=types_pb2.Money(amount=str(amount), currency="EUR")
        )
        return await _change(
            info, ingest_pb2.ChangeInvoiceRequest(invoice_id=str(invoice_id), credit=note)
        )

    @strawberry.mutation(description="Mark the invoice disputed: it is not late while disputed.")
    async def dispute_invoice(self, info: Info, invoice_id: strawberry.ID, reason: str) -> Invoice:
        return await _change(
            info,
            ingest_pb2.ChangeInvoiceRequest(
                invoice_id=str(invoice_id), dispute=ingest_pb2.Dispute(reason=reason)
            ),
        )

    @strawberry.mutation(description="The dispute is over: the invoice counts again.")
    async def resolve_dispute(self, info: Info, invoice_id: strawberry.ID) -> Invoice:
        return await _change(
            info, ingest_pb2.ChangeInvoiceRequest(invoice_id=str(invoice_id), resolve_dispute=True)
        )

    @strawberry.mutation(description="Give up collecting what is outstanding.")
    async def write_off_invoice(self, info: Info, invoice_id: strawberry.ID, day: date) -> Invoice:
        return await _change(
            info,
            ingest_pb2.ChangeInvoiceRequest(invoice_id=str(invoice_id), write_off=pb_date(day)),
        )

    @strawberry.mutation(
        description="Delete an invoice entered by mistake; the register forgets it."
    )
    async def delete_invoice(self, info: Info, invoice_id: strawberry.ID) -> Invoice:
        ctx = info.context
        ctx.require("invoices:write", tenant=True)
        refuse_reading_back(info)
        gone = await ctx.call(
            ctx.backends.ingest.DeleteInvoice,
            ingest_pb2.DeleteInvoiceRequest(invoice_id=str(invoice_id)),
        )
        return Invoice.from_proto(gone)


async def _change(info: Info, request: ingest_pb2.ChangeInvoiceRequest) -> Invoice:
    ctx = info.context
    ctx.require("invoices:write", tenant=True)
    refuse_reading_back(info)
    changed = await ctx.call(ctx.backends.ingest.ChangeInvoice, request)
    return Invoice.from_proto(changed)


_INTROSPECTION = frozenset({"__schema", "__type"})


def introspects(document: DocumentNode) -> bool:
    """Whether any operation or fragment of the document asks for the schema."""
    pending: list[Any] = list(document.definitions)
    while pending:
        node = pending.pop()
        if isinstance(node, FieldNode) and node.name.value in _INTROSPECTION:
            return True
        selections = getattr(node, "selection_set", None)
        if selections is not None:
            pending.extend(selections.selections)
    return False


class IntrospectionGate(SchemaExtension):
    """The schema is for keys that hold a scope, or for anyone while the IDE is on: with
    GATEWAY_GRAPHIQL=false an anonymous caller cannot map the API. Checked when the
    operation runs, after the validation cache, so one caller's answer is not another's."""

    def on_execute(self) -> Iterator[None]:
        ec = self.execution_context
        ctx = ec.context
        if (
            isinstance(ctx, Context)
            and not ctx.introspection_open
            and (ctx.principal is None or not ctx.principal.scopes)
            and ec.graphql_document is not None
            and introspects(ec.graphql_document)
        ):
            ec.result = GraphQLExecutionResult(
                data=None,
                errors=[
                    GraphQLError(
                        "introspection needs an API key with a scope",
                        extensions={"code": "FORBIDDEN"},
                    )
                ],
            )
        yield


class GatewaySchema(strawberry.Schema):
    """Strawberry's schema, logging a caller's mistakes as what they are: a refused request
    (syntax, validation, limits, a typed error) at INFO with its code, and only the
    unexpected at ERROR with its traceback."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            original = error.original_error
            if error.path is None or isinstance(original, PublicError):
                code = (error.extensions or {}).get("code") or (
                    original.extensions["code"] if isinstance(original, PublicError) else ""
                )
                log.info(
                    "graphql request refused",
                    extra={"code": code or "BAD_REQUEST", "error": error.message[:200]},
                )
            else:
                StrawberryLogger.error(error, execution_context)


# The depth and alias rules are made once: the validation cache keys on the rule classes,
# so rules made afresh per request (Strawberry's limiter extensions do that) never hit it.
_LIMIT_RULES: list[type[ASTValidationRule]] = [
    depth_rule(max_depth=10, should_ignore=None),
    alias_rule(max_alias_count=30),
]

_QUERY = merge_types(
    "Query", (Query, CompanyQuery, DocumentQuery, ImportQuery, KeyQuery, PartnerQuery)
)
_MUTATION = merge_types(
    "Mutation",
    (Mutation, InvoiceLifeMutation, DocumentMutation, ImportMutation, KeyMutation, PartnerMutation),
)
trace_root_fields(_QUERY, _MUTATION)  # subscriptions are long-lived: their operation only

schema = GatewaySchema(
    query=_QUERY,
    mutation=_MUTATION,
    subscription=merge_types(
        "Subscription", (Subscription, ImportSubscription, PartnerSubscription)
    ),
    extensions=[
        lambda: AddValidationRules(_LIMIT_RULES),
        lambda: MaxTokensLimiter(max_token_count=2000),
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        lambda: MaskErrors(should_mask_error=should_mask),
        IntrospectionGate,
        CostBudget,
        Tracing,
    ],
)
read_prefetched_directly(schema._schema)
