"""The bulk-input limit of one request: aliases cannot multiply it."""

from __future__ import annotations

import strawberry
from graphql import FieldNode

from chassis.limits import rpc_limit
from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.graphql.cost import list_size
from gateway.entrypoints.graphql.errors import PublicError
from kmo.ingest.v1 import ingest_pb2
from kmo.types.v1 import types_pb2

Info = strawberry.Info[Context, None]
# Ingest's bulk limit, checked here before any VAT number is parsed.
MAX_BATCH = rpc_limit(ingest_pb2, "IngestService.SubmitInvoices", types_pb2.max_items)


BULK_FIELDS = frozenset(
    {"submitInvoices", "recordPayments", "addToWatchlist", "removeFromWatchlist"}
)


def _request_bulk_size(info: Info) -> int:
    """The inputs of every bulk call in the operation, aliases included, before any runs."""
    return sum(
        list_size(selection, info.variable_values) or 0
        for selection in info.operation.selection_set.selections
        if isinstance(selection, FieldNode) and selection.name.value in BULK_FIELDS
    )


def check_batch(info: Info, size: int) -> None:
    """At most MAX_BATCH inputs per request, however many aliased bulk calls carry them: the
    first bulk call counts them all and refuses before anything is stored; a running count
    covers what the first could not see (fragments)."""
    ctx = info.context
    if ctx.bulk_items == 0:
        ahead = _request_bulk_size(info)
        if ahead > MAX_BATCH:
            raise PublicError(
                f"at most {MAX_BATCH} inputs per request, got {ahead}", "BATCH_TOO_LARGE"
            )
    ctx.bulk_items += size
    if size > MAX_BATCH or ctx.bulk_items > MAX_BATCH:
        raise PublicError(
            f"at most {MAX_BATCH} inputs per request, got {ctx.bulk_items}", "BATCH_TOO_LARGE"
        )
